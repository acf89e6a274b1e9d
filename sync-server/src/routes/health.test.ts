import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../test-support/test-db.js';
import { startTestServer, type TestServer } from '../test-support/test-app.js';

describe.each(BACKENDS)('health, readiness and error shape over real HTTP on %s', (kind) => {
  let server: TestServer;
  let base: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const address = server.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => server.close());

  it('answers /health with status ok', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /ready with 200 while the database answers', async () => {
    const res = await fetch(`${base}/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const res = await fetch(`${base}/v1/nope?x=1`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'resource.not_found', message: 'No route GET /v1/nope.' } });
  });

  const badRequests: [string, RequestInit][] = [
    ['malformed JSON', { body: '{"username":', headers: { 'content-type': 'application/json' } }],
    ['an empty JSON body', { headers: { 'content-type': 'application/json' } }],
    ['a JSON array instead of an object', { body: '[]', headers: { 'content-type': 'application/json' } }],
    ['a wrong content type', { body: 'username=admin', headers: { 'content-type': 'text/plain' } }],
    ['a number where a string belongs', { body: '{"username":{},"password":"x"}', headers: { 'content-type': 'application/json' } }],
  ];

  it.each(badRequests)('answers %s with a 4xx error body, never a 500', async (_label, init) => {
    const res = await fetch(`${base}/v1/auth/login`, { method: 'POST', ...init });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('input.invalid');
    expect(body.error.message.length).toBeGreaterThan(0);
  });

  it('answers /ready with 503 db.unavailable once the database is gone', async () => {
    await server.db.close();
    const res = await fetch(`${base}/ready`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'db.unavailable' } });
    // close() below closes the db again; give it a fresh handle so teardown stays simple.
    server.db = await server.database.open();
  });
});
