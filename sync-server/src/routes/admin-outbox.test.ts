/**
 * The outbox through the server: a pushed sale's event reaches JetStream from the in-process
 * publisher (NATS_URL set), the admin sees pending and dead events and replays one; nobody else can.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNats, type TestNats } from '../test-support/nats-server.js';
import { call, createBranch, createStaff, pairDevice, startTestServer, type TestServer } from '../test-support/test-app.js';
import { saleMutation, seedCatalogue } from '../test-support/catalogue.js';

describe('the outbox admin API and the in-process publisher', () => {
  let nats: TestNats;
  let server: TestServer;
  let cashierToken: string;
  let cashierId: string;
  let device: Awaited<ReturnType<typeof pairDevice>>;
  let items: Awaited<ReturnType<typeof seedCatalogue>>;

  beforeAll(async () => {
    nats = await startTestNats();
    server = await startTestServer('postgres', { natsUrl: nats.url });
    const branch = await createBranch(server, 'OBX');
    const cashier = await createStaff(server, { username: 'obx-cashier', role: 'cashier', branchIds: [branch] });
    cashierToken = cashier.token;
    cashierId = cashier.id;
    device = await pairDevice(server, branch);
    items = await seedCatalogue(server.db, { count: 2, branchIds: [branch] });
  });
  afterAll(async () => {
    await server.close();
    await nats.close();
  });

  const outbox = async (query: string, token = server.adminToken) => call(server.app, 'GET', `/v1/admin/outbox${query}`, undefined, token);

  it('publishes a pushed sale’s event to similia.<branch>.sale.completed, once', async () => {
    const m = saleMutation(cashierId, items, { prefix: device.invoicePrefix });
    const pushed = await call(server.app, 'POST', '/v1/sync/push', { mutations: [m] }, device.accessToken);
    expect(pushed.json()).toMatchObject({ results: [{ status: 'applied' }] });
    const nc = await connect({ servers: nats.url });
    try {
      const jsm = await jetstreamManager(nc);
      const deadline = Date.now() + 10_000;
      let messages = 0;
      while (Date.now() < deadline) {
        messages = await jsm.streams.info('SIMILIA').then((i) => i.state.messages).catch(() => 0);
        if (messages > 0) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(messages).toBe(1);
      const stored = await jsm.streams.getMessage('SIMILIA', { seq: 1 });
      expect(stored?.subject).toBe('similia.OBX.sale.completed');
      const published = await outbox('?status=published');
      expect(published.json()).toMatchObject({ status: 'published', total: 1, events: [{ type: 'sale.completed', status: 'published', streamSeq: 1 }] });
      expect((published.json() as { events: { id: string }[] }).events[0]?.id).toBe(stored?.header.get('Nats-Msg-Id'));
    } finally {
      await nc.close();
    }
  });

  it('lists dead events with their error and replays one under the same id', async () => {
    const dead = await server.db.query<{ id: string }>(
      `INSERT INTO outbox (type, aggregate_id, payload, status, attempts, last_error, first_attempt_at, last_attempt_at)
       VALUES ('sale.completed', gen_random_uuid(), '{}', 'dead', 12, 'TimeoutError: timeout', now(), now()) RETURNING id`,
    );
    const id = dead.rows[0]?.id as string;
    expect((await outbox('?status=dead')).json()).toMatchObject({ total: 1, events: [{ id, status: 'dead', attempts: 12, lastError: 'TimeoutError: timeout' }] });
    const replayed = await call(server.app, 'POST', `/v1/admin/outbox/${id}/replay`, undefined, server.adminToken);
    expect(replayed.statusCode).toBe(200);
    expect(replayed.json()).toMatchObject({ id, status: 'pending', attempts: 0 });
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (await outbox('?status=published')).json<{ total: number }>().total < 2) await new Promise((r) => setTimeout(r, 25));
    expect((await outbox('?status=published')).json()).toMatchObject({ total: 2 });
    // Replaying a published event changes nothing and says so.
    expect((await call(server.app, 'POST', `/v1/admin/outbox/${id}/replay`, undefined, server.adminToken)).statusCode).toBe(409);
  });

  it('refuses anyone but an admin, bad filters and unknown ids', async () => {
    expect((await outbox('?status=dead', cashierToken)).statusCode).toBe(403);
    expect((await call(server.app, 'GET', '/v1/admin/outbox')).statusCode).toBe(401);
    expect((await outbox('?status=lost')).statusCode).toBe(400);
    expect((await outbox('?status=dead&extra=1')).statusCode).toBe(400);
    expect((await call(server.app, 'POST', '/v1/admin/outbox/0190aaaa-0000-7000-8000-000000000001/replay', undefined, server.adminToken)).statusCode).toBe(404);
    expect((await call(server.app, 'POST', '/v1/admin/outbox/not-a-uuid/replay', undefined, server.adminToken)).statusCode).toBe(400);
    expect((await call(server.app, 'POST', '/v1/admin/outbox/0190aaaa-0000-7000-8000-000000000001/replay', undefined, device.accessToken)).statusCode).toBe(401);
  });
});
