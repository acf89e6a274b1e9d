import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../app.js';
import type { Db } from '../db/db.js';
import { settleFeed } from '../test-support/test-db.js';
import { call, pairDevice, startTestServer, createBranch, createStaff, testConfig, type TestServer } from '../test-support/test-app.js';
import { saleMutation, seedCatalogue } from '../test-support/catalogue.js';

interface Page {
  changes: { table: string; row: Record<string, unknown> }[];
  cursor: string;
  hasMore: boolean;
}

describe('two server instances on one Postgres database', () => {
  let server: TestServer;
  let secondDb: Db;
  let second: App;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    secondDb = await server.database.open();
    second = await buildApp({ db: secondDb, config: testConfig() });
  });
  afterAll(async () => {
    await second.close();
    await secondDb.close();
    await server.close();
  });

  it('accept each other’s device tokens; a sale pushed to one is pulled from the other, once', async () => {
    const branch = await createBranch(server, 'TWO-1');
    const device = await pairDevice(server, branch);
    const cashier = (await createStaff(server, { username: 'two-cashier', role: 'cashier', branchIds: [branch] })).id;
    const items = await seedCatalogue(server.db, { count: 2, branchIds: [branch] });
    const m = saleMutation(cashier, items, { prefix: device.invoicePrefix });
    const first = await call(server.app, 'POST', '/v1/sync/push', { mutations: [m] }, device.accessToken);
    const again = await call(second, 'POST', '/v1/sync/push', { mutations: [m] }, device.accessToken);
    expect([first.json(), again.json()]).toEqual([{ results: [{ id: m.id, status: 'applied', pos: expect.stringMatching(/^\d+:\d+$/) }] }, { results: [{ id: m.id, status: 'duplicate', pos: expect.stringMatching(/^\d+:\d+$/) }] }]);

    await settleFeed(server.db);
    const pullFrom = async (app: App): Promise<Page> => (await call(app, 'GET', '/v1/sync/pull?limit=5000', undefined, device.accessToken)).json() as Page;
    const fromFirst = await pullFrom(server.app);
    const fromSecond = await pullFrom(second);
    expect(fromSecond).toEqual(fromFirst);
    expect(fromSecond.changes.filter((c) => c.table === 'sales').map((c) => c.row.id)).toEqual([m.payload.saleId]);
    // A cursor from one instance is valid on the other.
    const next = (await call(server.app, 'GET', `/v1/sync/pull?cursor=${fromSecond.cursor}`, undefined, device.accessToken)).json() as Page;
    expect(next.changes).toEqual([]);
  });
});
