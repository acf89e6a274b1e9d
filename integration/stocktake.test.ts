/**
 * A stocktake through the sync server: two counters of one branch, real SQLite stores, the real
 * server on Postgres and PGlite over loopback HTTP. Counter B sells offline before counter A's
 * snapshot and syncs only after A posted the count; A sells after its snapshot. Both counters and
 * the server end at counted − (sales after the snapshot), with B's earlier sale counted once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StocktakeSheet } from '../shared/src/api/stocktake-api.js';
import type { SyncStatus } from '../shared/src/api-contract.js';
import { removeTestDirs } from '../electron/src/core/testing/demo-store.js';
import { BACKENDS } from '../sync-server/src/test-support/test-db.js';
import { call, createBranch, createStaff, startTestServer, type TestServer } from '../sync-server/src/test-support/test-app.js';
import { seedCatalogue, type SeededItem } from '../sync-server/src/test-support/catalogue.js';
import { listenOnFreePort, testDevice, until, type TestDevice } from './support/sync-devices.js';

afterAll(removeTestDirs);

describe.each(BACKENDS)('a stocktake through the sync server on %s', (kind) => {
  let server: TestServer;
  let url: string;
  let branchId: string;
  let items: SeededItem[];

  beforeAll(async () => {
    server = await startTestServer(kind, { pullPollIntervalMs: 25 });
    url = await listenOnFreePort(server);
    branchId = await createBranch(server, `ST-${kind.toUpperCase()}`);
    await createStaff(server, { username: `st-cash-${kind}`, role: 'cashier', branchIds: [branchId] });
    await createStaff(server, { username: `st-mgr-${kind}`, role: 'manager', branchIds: [branchId] });
    items = await seedCatalogue(server.db, { count: 2, branchIds: [branchId], openingQty: 20 });
  });
  afterAll(async () => {
    server.app.server.closeAllConnections();
    await server.close();
  });

  const serverLevel = async (batchId: string): Promise<number> =>
    Number((await server.db.query<{ qty: number }>('SELECT qty FROM stock_levels WHERE branch_id = $1 AND batch_id = $2', [branchId, batchId])).rows[0]?.qty);
  const shown = async (d: TestDevice, item: SeededItem): Promise<number> =>
    (await d.value<{ batchId: string; qty: number }[]>('catalog.batches', { productId: item.productId })).find((b) => b.batchId === item.batchId)?.qty ?? NaN;

  async function paired(): Promise<TestDevice> {
    const d = testDevice({ prefix: 'similia-stocktake-' });
    const pairing = ((await call(server.app, 'POST', `/v1/branches/${branchId}/pairing-codes`, undefined, server.adminToken)).json() as { code: string }).code;
    await d.value<SyncStatus>('sync.pair', { serverUrl: url, code: pairing });
    await until('the first sync', async () => (await d.call('app.info')).ok);
    return d;
  }

  async function login(d: TestDevice, name: string): Promise<void> {
    const member = (await d.value<{ id: string; name: string }[]>('auth.staffList')).find((s) => s.name === name);
    if (member === undefined) throw new Error(`${name} is not on this device`);
    d.token = (await d.value<{ sessionToken: string }>('auth.login', { staffId: member.id, pin: '1234' })).sessionToken;
  }

  async function sell(d: TestDevice, item: SeededItem, qty: number, requestId: string): Promise<void> {
    const lines = [{ lineId: 'l1', productId: item.productId, qty, discountPaise: 0, batchOverrideId: item.batchId }];
    const quote = await d.value<{ totals: { totalPaise: number } }>('sale.quote', { lines });
    await d.value('sale.complete', { clientRequestId: requestId, lines, payments: [{ method: 'cash', amountPaise: quote.totals.totalPaise }] });
  }

  const settled = async (d: TestDevice): Promise<boolean> => (await d.value<SyncStatus>('sync.status')).pendingCount === 0;

  it('counts a sale made offline before the snapshot once, and keeps a sale after the snapshot on top, on the server and both counters', async () => {
    const [item] = items as [SeededItem];
    const a = await paired();
    const b = await paired();
    await login(a, `st-mgr-${kind}`);
    await login(b, `st-cash-${kind}`);

    b.offline = true;
    await sell(b, item, 2, 'b-before-snapshot');
    // Counter A cannot know of B's sale: its snapshot expects 20, the shelf holds 18.
    const sheet = await a.value<StocktakeSheet>('stocktake.start', { brand: 'SBL', form: 'dilution' });
    expect(sheet.items.find((l) => l.batchId === item.batchId)?.expectedQty).toBe(20);
    await a.value('stocktake.count', { stocktakeId: sheet.stocktakeId, batchId: item.batchId, countedQty: 18 });
    await sell(a, item, 1, 'a-after-snapshot');
    await a.value('stocktake.post', { stocktakeId: sheet.stocktakeId });
    expect(await shown(a, item)).toBe(17);
    await until('counter A’s count and sale on the server', () => settled(a));
    expect(await serverLevel(item.batchId)).toBe(17);

    b.offline = false;
    await until('counter B’s offline sale on the server', () => settled(b));
    expect(await serverLevel(item.batchId)).toBe(17);
    await until('both counters showing the server level', async () => (await shown(a, item)) === 17 && (await shown(b, item)) === 17);
    const flagged = await server.db.query<{ kind: string }>('SELECT kind FROM anomalies WHERE ref_id = $1', [sheet.stocktakeId]);
    expect(flagged.rows.map((r) => r.kind)).toEqual(['stocktake.late_movement']);
    await a.core.close();
    await b.core.close();
  });
});
