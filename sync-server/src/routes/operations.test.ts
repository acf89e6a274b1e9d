/** Operations: OpenAPI at /docs, request ids, CORS for configured origins only, compression, rate limits, /metrics. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createBranch, createStaff, pairDevice, startTestServer, type TestServer } from '../test-support/test-app.js';
import { saleMutation, seedCatalogue } from '../test-support/catalogue.js';

describe('operations', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite', { corsOrigins: ['https://office.example.in'], rateLimitPerMinute: 40 });
  });
  afterAll(() => server.close());

  it('serves an OpenAPI document naming every route, with its schemas, and the docs page', async () => {
    const doc = (await server.app.inject({ method: 'GET', url: '/docs/json' })).json() as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/health', '/ready', '/v1/auth/login', '/v1/branches', '/v1/branches/{id}/pairing-codes', '/v1/devices/pair', '/v1/devices/token', '/v1/devices/{id}/revoke', '/v1/users', '/v1/sync/push', '/v1/sync/pull', '/v1/admin/outbox', '/v1/admin/outbox/{id}/replay']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/v1/sync/push']?.post?.requestBody).toBeDefined();
    const page = await server.app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(page.statusCode);
  });

  it('gives every answer a request id, keeping one the caller sent', async () => {
    const fresh = await server.app.inject({ method: 'GET', url: '/health' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await server.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'counter-7-req-42' } });
    expect(kept.headers['x-request-id']).toBe('counter-7-req-42');
  });

  it('answers CORS for the configured origin only', async () => {
    const allowed = await server.app.inject({ method: 'OPTIONS', url: '/v1/branches', headers: { origin: 'https://office.example.in', 'access-control-request-method': 'GET' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://office.example.in');
    const other = await server.app.inject({ method: 'GET', url: '/health', headers: { origin: 'https://evil.example.com' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('compresses large answers for clients that accept it', async () => {
    const branch = await createBranch(server, 'OPS');
    await seedCatalogue(server.db, { count: 30, branchIds: [branch] });
    const device = await pairDevice(server, branch);
    const pulled = await server.app.inject({ method: 'GET', url: '/v1/sync/pull', headers: { authorization: `Bearer ${device.accessToken}`, 'accept-encoding': 'gzip' } });
    expect(pulled.statusCode).toBe(200);
    expect(pulled.headers['content-encoding']).toBe('gzip');
  });

  it('rate-limits every route per token, but never health checks', async () => {
    const staff = await createStaff(server, { username: 'ops-admin-like', role: 'manager', branchIds: [await createBranch(server, 'OPS2')] });
    let limited: { statusCode: number; json: () => unknown } | undefined;
    for (let i = 0; i < 60 && limited === undefined; i++) {
      const res = await call(server.app, 'GET', '/v1/branches', undefined, staff.token);
      if (res.statusCode === 429) limited = res;
    }
    expect(limited?.json()).toMatchObject({ error: { code: 'rate.limited', message: expect.stringContaining('40') } });
    for (let i = 0; i < 60; i++) expect((await server.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });

  it('exposes Prometheus metrics to loopback: HTTP latency, push results, pull lag, outbox', async () => {
    const branch = await createBranch(server, 'OPS3');
    const cashier = await createStaff(server, { username: 'ops-cashier', role: 'cashier', branchIds: [branch] });
    const items = await seedCatalogue(server.db, { count: 1, branchIds: [branch] });
    const device = await pairDevice(server, branch);
    await call(server.app, 'POST', '/v1/sync/push', { mutations: [saleMutation(cashier.id, items, { prefix: device.invoicePrefix })] }, device.accessToken);
    const text = (await server.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(text).toMatch(/similia_http_request_duration_seconds_bucket\{[^}]*route="\/v1\/sync\/push"/);
    expect(text).toMatch(/similia_sync_push_results_total\{status="applied"\} 1/);
    expect(text).toMatch(/similia_sync_pull_backlog_entries_count \d+/);
    expect(text).toMatch(/similia_outbox_events\{status="pending"\} [1-9]/);
    expect(text).toContain('similia_outbox_publish_latency_seconds');
    const remote = await server.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' });
    expect(remote.statusCode).toBe(403);
  });
});

describe('metrics behind a token', () => {
  it('refuses a scrape without the METRICS_TOKEN', async () => {
    const server = await startTestServer('pglite', { metricsToken: 'scrape-secret-123' });
    try {
      expect((await server.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
      const ok = await server.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-secret-123' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['content-type']).toContain('text/plain');
    } finally {
      await server.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('answers a long-polling pull at once when the server closes, instead of cutting it or waiting 30 s', async () => {
    const server = await startTestServer('pglite');
    const branch = await createBranch(server, 'SHUT');
    const device = await pairDevice(server, branch);
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const address = server.app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const first = (await (await fetch(`http://127.0.0.1:${port}/v1/sync/pull`, { headers: { authorization: `Bearer ${device.accessToken}` } })).json()) as { cursor: string };
    const polling = fetch(`http://127.0.0.1:${port}/v1/sync/pull?wait=30&cursor=${first.cursor}`, { headers: { authorization: `Bearer ${device.accessToken}` } });
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    await server.close();
    const answer = await polling;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { changes: unknown[] }).changes).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
