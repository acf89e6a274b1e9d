import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../test-support/test-db.js';
import { call, createBranch, createStaff, pairDevice, startTestServer, type PairedDevice, type TestServer } from '../test-support/test-app.js';
import { newUuid, saleMutation, seedCatalogue, type SeededItem, type TestMutation } from '../test-support/catalogue.js';

let returnSeq = 2_000_000;
let cnSeq = 0;

/** A return.created of `qty` units of line 1 (or of each given line) of `sale`. */
function returnMutation(actorId: string, sale: TestMutation, item: SeededItem, qty: number, payload: Record<string, unknown> = {}): TestMutation {
  cnSeq += 1;
  return {
    id: newUuid(),
    seq: ++returnSeq,
    type: 'return.created',
    at: new Date().toISOString(),
    actorId,
    payload: {
      returnId: newUuid(),
      creditNoteNo: `C1/2627/CN${String(cnSeq).padStart(4, '0')}`,
      saleId: sale.payload.saleId,
      invoiceNo: sale.payload.invoiceNo,
      businessDate: '2026-01-20',
      refundMethod: 'cash',
      reason: 'wrong potency',
      approvedBy: null,
      lines: [{ lineNo: 1, productId: item.productId, batchId: item.batchId, qty, discountPaise: 0, taxablePaise: 100 * qty, cgstPaise: 3 * qty, sgstPaise: 2 * qty, igstPaise: 0, netPaise: 105 * qty }],
      totals: { taxablePaise: 100 * qty, cgstPaise: 3 * qty, sgstPaise: 2 * qty, igstPaise: 0, totalPaise: 105 * qty },
      ...payload,
    },
  };
}

describe.each(BACKENDS)('return.created on %s', (kind) => {
  let server: TestServer;
  let deviceA: PairedDevice;
  let deviceA2: PairedDevice;
  let deviceB: PairedDevice;
  let cashierA: string;
  let managerA: string;
  let cashierB: string;
  let item: SeededItem;

  const push = async (mutations: TestMutation[], token = deviceA.accessToken): Promise<{ status: string; code?: string }[]> => {
    const res = await call(server.app, 'POST', '/v1/sync/push', { mutations }, token);
    expect(res.statusCode).toBe(200);
    return (res.json() as { results: { status: string; code?: string }[] }).results;
  };
  const level = async (branchId: string): Promise<number> =>
    Number((await server.db.query<{ qty: number }>('SELECT qty FROM stock_levels WHERE branch_id = $1 AND batch_id = $2', [branchId, item.batchId])).rows[0]?.qty);
  const anomalies = async (refId: unknown): Promise<string[]> =>
    (await server.db.query<{ kind: string }>('SELECT kind FROM anomalies WHERE ref_id = $1 ORDER BY kind', [refId])).rows.map((r) => r.kind);
  const sold = async (qty: number): Promise<TestMutation> => {
    const sale = saleMutation(cashierA, [item], { prefix: deviceA.invoicePrefix, qty });
    expect((await push([sale]))[0]?.status).toBe('applied');
    return sale;
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
    const branchA = await createBranch(server, 'RET-A');
    const branchB = await createBranch(server, 'RET-B');
    deviceA = await pairDevice(server, branchA);
    deviceA2 = await pairDevice(server, branchA);
    deviceB = await pairDevice(server, branchB);
    cashierA = (await createStaff(server, { username: 'ret-cashier-a', role: 'cashier', branchIds: [branchA] })).id;
    managerA = (await createStaff(server, { username: 'ret-manager-a', role: 'manager', branchIds: [branchA] })).id;
    cashierB = (await createStaff(server, { username: 'ret-cashier-b', role: 'cashier', branchIds: [branchB] })).id;
    [item] = (await seedCatalogue(server.db, { count: 1, branchIds: [branchA, branchB], openingQty: 100 })) as [SeededItem];
  });
  afterAll(() => server.close());

  it('stores the return from another counter of the branch, puts stock back on the original batch and feeds it to the branch', async () => {
    const sale = await sold(2);
    const before = await level(deviceA.branchId);
    const r = returnMutation(cashierA, sale, item, 1);
    expect(await push([r], deviceA2.accessToken)).toEqual([{ id: r.id, status: 'applied', pos: expect.stringMatching(/^\d+:\d+$/) }]);
    expect(await level(deviceA.branchId)).toBe(before + 1);
    const stored = await server.db.query<{ device_id: string; credit_note_no: string; total_paise: string }>('SELECT device_id, credit_note_no, total_paise FROM sale_returns WHERE id = $1', [r.payload.returnId]);
    expect(stored.rows.map((x) => [x.device_id, x.credit_note_no, Number(x.total_paise)])).toEqual([[deviceA2.deviceId, r.payload.creditNoteNo, 105]]);
    const moves = await server.db.query<{ kind: string; qty: number; batch_id: string }>('SELECT kind, qty, batch_id FROM stock_movements WHERE ref_id = $1', [r.payload.returnId]);
    expect(moves.rows).toEqual([{ kind: 'return', qty: 1, batch_id: item.batchId }]);
    const feed = await server.db.query<{ table_name: string; scope: string; qty: number | null }>(
      `SELECT table_name, scope, (row->>'qty')::int AS qty FROM changes WHERE table_name IN ('sale_returns', 'sale_return_lines') AND (row_id = $1 OR row->>'returnId' = $1) ORDER BY table_name`,
      [r.payload.returnId],
    );
    expect(feed.rows).toEqual([{ table_name: 'sale_return_lines', scope: deviceA.branchId, qty: 1 }, { table_name: 'sale_returns', scope: deviceA.branchId, qty: null }]);
    const events = await server.db.query<{ type: string }>(`SELECT type FROM outbox WHERE aggregate_id = $1`, [r.payload.returnId]);
    expect(events.rows).toEqual([{ type: 'return.created' }]);
    expect(await anomalies(r.payload.returnId)).toEqual([]);
  });

  it('answers duplicate for the same return again and moves stock once', async () => {
    const sale = await sold(3);
    const r = returnMutation(cashierA, sale, item, 2);
    await push([r]);
    const after = await level(deviceA.branchId);
    const again = { ...r, id: newUuid(), seq: r.seq + 100_000 };
    expect((await push([again]))[0]?.status).toBe('duplicate');
    expect(await level(deviceA.branchId)).toBe(after);
  });

  it('keeps a return beyond what was sold across counters as a fact, with an anomaly', async () => {
    const sale = await sold(2);
    const first = returnMutation(cashierA, sale, item, 1);
    const forced = returnMutation(cashierA, sale, item, 2);
    expect((await push([first], deviceA.accessToken))[0]?.status).toBe('applied');
    const before = await level(deviceA.branchId);
    expect((await push([forced], deviceA2.accessToken))[0]?.status).toBe('applied');
    expect(await level(deviceA.branchId)).toBe(before + 2);
    expect(await anomalies(first.payload.returnId)).toEqual([]);
    expect(await anomalies(forced.payload.returnId)).toEqual(['return.exceeds_sold']);
  });

  it('refuses a return of another branch’s sale and changes nothing', async () => {
    const sale = await sold(1);
    const before = await level(deviceB.branchId);
    const r = returnMutation(cashierB, sale, item, 1);
    expect(await push([r], deviceB.accessToken)).toMatchObject([{ status: 'rejected', code: 'auth.forbidden' }]);
    expect(await level(deviceB.branchId)).toBe(before);
    expect((await server.db.query('SELECT 1 FROM sale_returns WHERE id = $1', [r.payload.returnId])).rows).toEqual([]);
  });

  it('rejects a return of a sale the server does not have yet, so the device retries', async () => {
    const unpushed = saleMutation(cashierA, [item], { prefix: deviceA.invoicePrefix, qty: 1 });
    expect(await push([returnMutation(cashierA, unpushed, item, 1)])).toMatchObject([{ status: 'rejected', code: 'sale.unknown' }]);
  });

  it('writes store credit to the customer ledger and flags an approver who is not a manager', async () => {
    const customerId = newUuid();
    const sale = saleMutation(cashierA, [item], { prefix: deviceA.invoicePrefix, qty: 2, extra: { customerId } });
    await push([sale]);
    const ledgerId = newUuid();
    const credit = returnMutation(cashierA, sale, item, 1, { refundMethod: 'store_credit', customerId, storeCreditLedgerId: ledgerId, approvedBy: cashierA });
    expect((await push([credit]))[0]?.status).toBe('applied');
    const ledger = await server.db.query<{ id: string; customer_id: string; kind: string; delta: string; source_type: string }>(
      'SELECT id, customer_id, kind, delta, source_type FROM customer_ledger WHERE source_id = $1',
      [credit.payload.returnId],
    );
    expect(ledger.rows.map((l) => [l.id, l.customer_id, l.kind, Number(l.delta), l.source_type])).toEqual([[ledgerId, customerId, 'store_credit', 105, 'return']]);
    expect(await anomalies(credit.payload.returnId)).toEqual(['return.unapproved']);
    const approved = returnMutation(cashierA, sale, item, 1, { approvedBy: managerA });
    expect((await push([approved]))[0]?.status).toBe('applied');
    expect(await anomalies(approved.payload.returnId)).toEqual([]);
  });

  it('refuses a malformed payload as input.invalid', async () => {
    const sale = await sold(1);
    const bad = returnMutation(cashierA, sale, item, 1, { refundMethod: 'cheque' });
    expect(await push([bad])).toMatchObject([{ status: 'rejected', code: 'input.invalid' }]);
  });
});
