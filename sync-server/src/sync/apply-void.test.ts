import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../test-support/test-db.js';
import { call, createBranch, createStaff, pairDevice, startTestServer, type PairedDevice, type TestServer } from '../test-support/test-app.js';
import { newUuid, saleMutation, seedCatalogue, type SeededItem, type TestMutation } from '../test-support/catalogue.js';

let voidSeq = 1_000_000;

/** A sale.voided mutation for `sale`, approved by `approvedBy`. */
function voidMutation(actorId: string, sale: TestMutation, approvedBy: string, payload: Record<string, unknown> = {}): TestMutation {
  return {
    id: newUuid(),
    seq: ++voidSeq,
    type: 'sale.voided',
    at: new Date().toISOString(),
    actorId,
    payload: { saleId: sale.payload.saleId, invoiceNo: sale.payload.invoiceNo, reason: 'Customer changed their mind', approvedBy, ...payload },
  };
}

describe.each(BACKENDS)('sale.voided on %s', (kind) => {
  let server: TestServer;
  let deviceA: PairedDevice;
  let deviceB: PairedDevice;
  let cashierA: string;
  let managerA: string;
  let cashierB: string;
  let managerB: string;
  let item: SeededItem;

  const push = async (mutations: TestMutation[], token = deviceA.accessToken): Promise<{ status: string; code?: string }[]> => {
    const res = await call(server.app, 'POST', '/v1/sync/push', { mutations }, token);
    expect(res.statusCode).toBe(200);
    return (res.json() as { results: { status: string; code?: string }[] }).results;
  };
  const level = async (branchId: string): Promise<number> =>
    Number((await server.db.query<{ qty: number }>('SELECT qty FROM stock_levels WHERE branch_id = $1 AND batch_id = $2', [branchId, item.batchId])).rows[0]?.qty);
  const status = async (saleId: unknown): Promise<string | undefined> =>
    (await server.db.query<{ status: string }>('SELECT status FROM sales WHERE id = $1', [saleId])).rows[0]?.status;
  const anomalies = async (saleId: unknown): Promise<string[]> =>
    (await server.db.query<{ kind: string }>('SELECT kind FROM anomalies WHERE ref_id = $1 ORDER BY kind', [saleId])).rows.map((r) => r.kind);
  const soldAtA = async (qty: number): Promise<TestMutation> => {
    const sale = saleMutation(cashierA, [item], { prefix: deviceA.invoicePrefix, qty });
    expect(await push([sale])).toEqual([{ id: sale.id, status: 'applied', pos: expect.stringMatching(/^\d+:\d+$/) }]);
    return sale;
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
    const branchA = await createBranch(server, 'VOID-A');
    const branchB = await createBranch(server, 'VOID-B');
    deviceA = await pairDevice(server, branchA);
    deviceB = await pairDevice(server, branchB);
    cashierA = (await createStaff(server, { username: 'void-cashier-a', role: 'cashier', branchIds: [branchA] })).id;
    managerA = (await createStaff(server, { username: 'void-manager-a', role: 'manager', branchIds: [branchA] })).id;
    cashierB = (await createStaff(server, { username: 'void-cashier-b', role: 'cashier', branchIds: [branchB] })).id;
    managerB = (await createStaff(server, { username: 'void-manager-b', role: 'manager', branchIds: [branchB] })).id;
    [item] = (await seedCatalogue(server.db, { count: 1, branchIds: [branchA, branchB], openingQty: 100 })) as [SeededItem];
  });
  afterAll(() => server.close());

  it('marks the sale voided, returns its stock and feeds the new status to devices', async () => {
    const before = await level(deviceA.branchId);
    const sale = await soldAtA(4);
    const v = voidMutation(cashierA, sale, managerA);
    expect(await push([v])).toEqual([{ id: v.id, status: 'applied', pos: expect.stringMatching(/^\d+:\d+$/) }]);
    expect(await status(sale.payload.saleId)).toBe('voided');
    expect(await anomalies(sale.payload.saleId)).toEqual([]);
    expect(await level(deviceA.branchId)).toBe(before);
    const feed = await server.db.query<{ status: string }>(`SELECT row->>'status' AS status FROM changes WHERE table_name = 'sales' AND row_id = $1`, [
      sale.payload.saleId,
    ]);
    expect(feed.rows).toEqual([{ status: 'voided' }]);
  });

  it('answers duplicate for the same void again, under its id or a new one, and moves stock once', async () => {
    const sale = await soldAtA(2);
    const v = voidMutation(cashierA, sale, managerA);
    await push([v]);
    const after = await level(deviceA.branchId);
    const again = { ...v, id: newUuid(), seq: v.seq + 1 };
    expect((await push([v, again])).map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(await level(deviceA.branchId)).toBe(after);
    const movements = await server.db.query(`SELECT 1 FROM stock_movements WHERE ref_id = $1 AND kind = 'void'`, [sale.payload.saleId]);
    expect(movements.rows).toHaveLength(1);
  });

  it('applies a void whose approver may not void sales, and records it as an anomaly', async () => {
    const sale = await soldAtA(1);
    expect((await push([voidMutation(cashierA, sale, cashierA, { invoiceNo: 'C9/2526/000001' })]))[0]?.status).toBe('applied');
    expect(await status(sale.payload.saleId)).toBe('voided');
    expect(await anomalies(sale.payload.saleId)).toEqual(['sale.void_invoice_mismatch', 'sale.void_unapproved']);
  });

  it('rejects a void of an unknown sale, of another branch’s sale, by another branch’s staff, or malformed', async () => {
    const saleB = saleMutation(cashierB, [item], { prefix: deviceB.invoicePrefix });
    expect((await push([saleB], deviceB.accessToken))[0]?.status).toBe('applied');
    const levelB = await level(deviceB.branchId);
    const saleA = await soldAtA(1);
    const unknown = voidMutation(cashierA, { ...saleA, payload: { ...saleA.payload, saleId: newUuid() } }, managerA);
    const foreignSale = voidMutation(cashierA, saleB, managerA);
    const foreignActor = voidMutation(cashierB, saleA, managerB);
    const malformed = voidMutation(cashierA, saleA, managerA, { reason: '' });
    const stray = voidMutation(cashierA, saleA, managerA, { branchId: deviceB.branchId });
    const results = await push([unknown, foreignSale, foreignActor, malformed, stray]);
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['rejected', 'sale.unknown'],
      ['rejected', 'auth.forbidden'],
      ['rejected', 'auth.forbidden'],
      ['rejected', 'input.invalid'],
      ['rejected', 'input.invalid'],
    ]);
    expect(await status(saleB.payload.saleId)).toBe('completed');
    expect(await status(saleA.payload.saleId)).toBe('completed');
    expect(await level(deviceB.branchId)).toBe(levelB);
  });
});
