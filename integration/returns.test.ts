/**
 * Returns across counters of one branch, with real SQLite stores, the real sync client and the
 * sync server on Postgres over loopback HTTP: counter 1 sells; counter 2 pulls the sale, returns
 * part of it with a credit note; the server has the return once, with the stock back on the
 * original batch; a second return beyond the remainder is refused at counter 2, and when an
 * offline counter 1 returns it anyway the server keeps the fact and flags an anomaly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../shared/src/api-contract.js';
import type { ReturnableSale, ReturnSaleHit } from '../shared/src/api/returns-api.js';
import { removeTestDirs } from '../electron/src/core/testing/demo-store.js';
import { call, createBranch, createStaff, startTestServer, type TestServer } from '../sync-server/src/test-support/test-app.js';
import { seedCatalogue, type SeededItem } from '../sync-server/src/test-support/catalogue.js';
import { listenOnFreePort, testDevice, until, type TestDevice } from './support/sync-devices.js';

afterAll(removeTestDirs);

describe('returns across two counters of a branch', () => {
  let server: TestServer;
  let url: string;
  let branchId: string;
  let item: SeededItem;
  let one: TestDevice;
  let two: TestDevice;

  const serverLevel = async (): Promise<number> =>
    Number((await server.db.query<{ qty: number }>('SELECT qty FROM stock_levels WHERE branch_id = $1 AND batch_id = $2', [branchId, item.batchId])).rows[0]?.qty);
  const drained = (c: TestDevice) => until('the queue to drain', async () => (await c.value<SyncStatus>('sync.status')).pendingCount === 0);

  async function paired(): Promise<TestDevice> {
    const c = testDevice({ prefix: 'similia-returns-' });
    const code = ((await call(server.app, 'POST', `/v1/branches/${branchId}/pairing-codes`, undefined, server.adminToken)).json() as { code: string }).code;
    await c.value('sync.pair', { serverUrl: url, code });
    await until('the first sync', async () => (await c.call('app.info')).ok);
    const staff = await c.value<{ id: string; name: string }[]>('auth.staffList');
    const cashier = staff.find((s) => s.name === 'ret-cashier');
    c.token = (await c.value<{ sessionToken: string }>('auth.login', { staffId: cashier?.id, pin: '1234' })).sessionToken;
    return c;
  }

  beforeAll(async () => {
    server = await startTestServer('postgres', { pullPollIntervalMs: 25 });
    url = await listenOnFreePort(server);
    branchId = await createBranch(server, 'RETX');
    await createStaff(server, { username: 'ret-cashier', role: 'cashier', branchIds: [branchId] });
    [item] = (await seedCatalogue(server.db, { count: 1, branchIds: [branchId], openingQty: 20 })) as [SeededItem];
    one = await paired();
    two = await paired();
  });
  afterAll(async () => {
    await one.core.close();
    await two.core.close();
    server.app.server.closeAllConnections();
    await server.close();
  });

  it('returns part of counter 1’s sale at counter 2, once on the server, to the original batch; refuses more locally; flags a forced excess', async () => {
    const lines = [{ lineId: 'l1', productId: item.productId, qty: 2, discountPaise: 0 }];
    const total = (await one.value<{ totals: { totalPaise: number } }>('sale.quote', { lines })).totals.totalPaise;
    const sale = await one.value<{ saleId: string; invoiceNo: string }>('sale.complete', { clientRequestId: 'x-sale', lines, payments: [{ method: 'cash', amountPaise: total }] });
    await drained(one);
    expect(await serverLevel()).toBe(18);

    // Counter 1 goes offline; counter 2 pulls the sale and finds it by its number.
    one.offline = true;
    await until('counter 2 to pull the sale', async () => (await two.value<ReturnSaleHit[]>('return.find', { query: sale.invoiceNo })).length === 1);
    expect(await two.value<ReturnSaleHit[]>('return.find', { query: sale.invoiceNo })).toMatchObject([{ saleId: sale.saleId, own: false }]);
    await until('the sale lines to arrive', async () => (await two.value<ReturnableSale>('return.sale', { saleId: sale.saleId })).lines.length === 1);
    const shown = await two.value<ReturnableSale>('return.sale', { saleId: sale.saleId });
    expect(shown.lines.map((l) => [l.batchId, l.qty, l.returnableQty])).toEqual([[item.batchId, 2, 2]]);

    const credit = await two.value<{ creditNoteId: string; creditNoteNo: string; totalPaise: number }>('return.create', {
      clientRequestId: 'x-ret-1', saleId: sale.saleId, lines: [{ lineNo: 1, qty: 1 }], refundMethod: 'cash', reason: 'one was enough',
    });
    expect(credit.creditNoteNo).toMatch(/^[A-Z0-9-]{1,4}\/\d{4}\/CN0001$/);
    await drained(two);
    const stored = await server.db.query<{ id: string; credit_note_no: string; total_paise: string }>('SELECT id, credit_note_no, total_paise FROM sale_returns WHERE sale_id = $1', [sale.saleId]);
    expect(stored.rows.map((r) => [r.id, r.credit_note_no, Number(r.total_paise)])).toEqual([[credit.creditNoteId, credit.creditNoteNo, credit.totalPaise]]);
    const moves = await server.db.query<{ kind: string; qty: number; batch_id: string }>(`SELECT kind, qty, batch_id FROM stock_movements WHERE ref_id = $1`, [credit.creditNoteId]);
    expect(moves.rows).toEqual([{ kind: 'return', qty: 1, batch_id: item.batchId }]);
    expect(await serverLevel()).toBe(19);

    // Counter 2 knows only one unit is left (its own credit note, counted once after the pull).
    await until('counter 2 to pull its return back', async () => (await two.value<SyncStatus>('sync.status')).lastSyncAt !== null);
    expect(await two.call('return.create', { clientRequestId: 'x-ret-2', saleId: sale.saleId, lines: [{ lineNo: 1, qty: 2 }], refundMethod: 'cash', reason: 'both' }))
      .toMatchObject({ ok: false, error: { code: 'return.qty_exceeds' } });
    expect((await two.value<ReturnableSale>('return.sale', { saleId: sale.saleId })).lines.map((l) => l.returnableQty)).toEqual([1]);

    // Counter 1, offline, has not heard of it and returns both units: a fact the server keeps, flagged.
    const forced = await one.value<{ creditNoteId: string }>('return.create', { clientRequestId: 'x-ret-3', saleId: sale.saleId, lines: [{ lineNo: 1, qty: 2 }], refundMethod: 'cash', reason: 'both back' });
    one.offline = false;
    await one.value('sync.now');
    await drained(one);
    const count = await server.db.query<{ n: string }>('SELECT COUNT(*) AS n FROM sale_returns WHERE sale_id = $1', [sale.saleId]);
    expect(Number(count.rows[0]?.n)).toBe(2);
    const flagged = await server.db.query<{ kind: string; details: { sold: number; alreadyReturned: number; qty: number } }>('SELECT kind, details FROM anomalies WHERE ref_id = $1', [forced.creditNoteId]);
    expect(flagged.rows.map((a) => [a.kind, a.details.sold, a.details.alreadyReturned, a.details.qty])).toEqual([['return.exceeds_sold', 2, 1, 2]]);
    expect(await serverLevel()).toBe(21);
    // Once both have pulled, each counter sees 3 returned of 2 sold, none returnable.
    await until('counter 2 to pull counter 1’s return', async () => (await two.value<ReturnableSale>('return.sale', { saleId: sale.saleId })).lines[0]?.returnedQty === 3);
  });
});
