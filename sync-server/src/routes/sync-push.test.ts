import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../test-support/test-db.js';
import { call, createBranch, createStaff, pairDevice, startTestServer, type PairedDevice, type TestServer } from '../test-support/test-app.js';
import { customerMutation, newUuid, saleMutation, seedCatalogue, type SeededItem, type TestMutation } from '../test-support/catalogue.js';

interface PushReply {
  results: { id: string; status: string; code?: string; message?: string }[];
}

describe.each(BACKENDS)('POST /v1/sync/push on %s', (kind) => {
  let server: TestServer;
  let branchA: string;
  let branchB: string;
  let device: PairedDevice;
  let cashierA: string;
  let cashierB: string;
  let items: SeededItem[];

  beforeAll(async () => {
    server = await startTestServer(kind);
    branchA = await createBranch(server, 'PUSH-A');
    branchB = await createBranch(server, 'PUSH-B');
    device = await pairDevice(server, branchA);
    cashierA = (await createStaff(server, { username: 'push-cashier-a', role: 'cashier', branchIds: [branchA] })).id;
    cashierB = (await createStaff(server, { username: 'push-cashier-b', role: 'cashier', branchIds: [branchB] })).id;
    items = await seedCatalogue(server.db, { count: 4, branchIds: [branchA, branchB], openingQty: 50 });
  });
  afterAll(() => server.close());

  const push = async (mutations: unknown[], token = device.accessToken): Promise<PushReply> => {
    const res = await call(server.app, 'POST', '/v1/sync/push', { mutations }, token);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as PushReply;
  };
  const sale = (actor: string, its: SeededItem[], options: Parameters<typeof saleMutation>[2] = {}): TestMutation =>
    saleMutation(actor, its, { prefix: device.invoicePrefix, ...options });
  const level = async (branchId: string, batchId: string): Promise<number> => {
    const r = await server.db.query<{ qty: number }>('SELECT qty FROM stock_levels WHERE branch_id = $1 AND batch_id = $2', [branchId, batchId]);
    return Number(r.rows[0]?.qty);
  };
  const ledger = async (branchId: string, batchId: string): Promise<number> => {
    const r = await server.db.query<{ s: string }>('SELECT COALESCE(SUM(qty), 0)::text AS s FROM stock_movements WHERE branch_id = $1 AND batch_id = $2', [
      branchId,
      batchId,
    ]);
    return Number(r.rows[0]?.s);
  };
  const anomaliesOf = async (refId: string): Promise<string[]> =>
    (await server.db.query<{ kind: string }>('SELECT kind FROM anomalies WHERE ref_id = $1 ORDER BY kind', [refId])).rows.map((r) => r.kind);
  const saleId = (m: TestMutation): string => m.payload.saleId as string;

  it('applies a sale with its lines, payments, stock movements and outbox event, raising no anomaly when the totals agree', async () => {
    const [a, b] = items as [SeededItem, SeededItem];
    const before = await level(branchA, a.batchId);
    const m = sale(cashierA, [a, b], { qty: 2 });
    expect((await push([m])).results).toEqual([{ id: m.id, status: 'applied', pos: expect.stringMatching(/^\d+:\d+$/) }]);
    const row = await server.db.query<{ branch_id: string; device_id: string; total_paise: string; cgst_paise: string }>(
      'SELECT branch_id, device_id, total_paise::text, cgst_paise::text FROM sales WHERE id = $1',
      [saleId(m)],
    );
    expect(row.rows[0]).toMatchObject({ branch_id: branchA, device_id: device.deviceId, total_paise: String((m.payload.totals as { totalPaise: number }).totalPaise) });
    expect((await server.db.query('SELECT 1 FROM sale_lines WHERE sale_id = $1', [saleId(m)])).rows).toHaveLength(2);
    expect((await server.db.query('SELECT 1 FROM sale_payments WHERE sale_id = $1', [saleId(m)])).rows).toHaveLength(1);
    expect((await server.db.query(`SELECT 1 FROM outbox WHERE aggregate_id = $1 AND type = 'sale.completed'`, [saleId(m)])).rows).toHaveLength(1);
    expect(await level(branchA, a.batchId)).toBe(before - 2);
    expect(await level(branchA, a.batchId)).toBe(await ledger(branchA, a.batchId));
    expect(await anomaliesOf(saleId(m))).toEqual([]);
  });

  it('answers duplicate for a mutation it already applied and changes nothing', async () => {
    const [a] = items as [SeededItem];
    const m = sale(cashierA, [a]);
    const first = (await push([m])).results[0] as unknown as { pos: string };
    const after = await level(branchA, a.batchId);
    // A duplicate names the transaction that applied the mutation the first time.
    expect((await push([m, m])).results).toEqual([
      { id: m.id, status: 'duplicate', pos: first.pos },
      { id: m.id, status: 'duplicate', pos: first.pos },
    ]);
    expect(await level(branchA, a.batchId)).toBe(after);
    expect((await server.db.query('SELECT 1 FROM sales WHERE id = $1', [saleId(m)])).rows).toHaveLength(1);
  });

  it('applies a mutation once when the same request arrives several times at once', async () => {
    const [, b] = items as [SeededItem, SeededItem];
    const before = await level(branchA, b.batchId);
    const m = sale(cashierA, [b]);
    const replies = await Promise.all([1, 2, 3, 4].map(() => push([m])));
    expect(replies.map((r) => r.results[0]?.status).sort()).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate']);
    expect(await level(branchA, b.batchId)).toBe(before - 1);
  });

  it('answers duplicate when a sale already recorded comes back under a new mutation id', async () => {
    const [a] = items as [SeededItem];
    const m = sale(cashierA, [a]);
    await push([m]);
    const again = { ...m, id: newUuid(), seq: m.seq + 1000 };
    expect((await push([again])).results[0]?.status).toBe('duplicate');
    expect((await server.db.query('SELECT 1 FROM sales WHERE id = $1', [saleId(m)])).rows).toHaveLength(1);
  });

  it('applies in seq order but answers in request order', async () => {
    const [a] = items as [SeededItem];
    const customer = customerMutation(cashierA, { phone: '9812345670', name: 'Asha Rao', clock: 1 });
    const m = sale(cashierA, [a], { extra: { customerId: customer.payload.customerId } });
    // The sale is listed first but has the higher seq, so the customer exists when it applies.
    const reply = await push([{ ...m, seq: customer.seq + 1 }, customer]);
    expect(reply.results.map((r) => [r.id, r.status])).toEqual([
      [m.id, 'applied'],
      [customer.id, 'applied'],
    ]);
    expect(await anomaliesOf(saleId(m))).toEqual([]);
  });

  it('rejects malformed, unsupported and unauthorised mutations with stable codes while the rest of the batch applies', async () => {
    const [a] = items as [SeededItem];
    const good = sale(cashierA, [a]);
    const emptySale = sale(cashierA, [a]);
    emptySale.payload.lines = [];
    const strayField = sale(cashierA, [a], { extra: { branchId: branchB } });
    const badEnvelope = { ...sale(cashierA, [a]), seq: -1 };
    const unsupported = { ...sale(cashierA, [a]), type: 'catalogue.rewritten' };
    const otherBranchActor = sale(cashierB, [a]);
    const overDiscount = sale(cashierA, [a]);
    (overDiscount.payload.lines as { discountPaise: number }[])[0]!.discountPaise = a.mrpPaise + 1;
    const batch = [good, emptySale, strayField, badEnvelope, unsupported, otherBranchActor, overDiscount];
    const reply = await push(batch);
    expect(reply.results.map((r) => [r.status, r.code ?? null])).toEqual([
      ['applied', null],
      ['rejected', 'input.invalid'],
      ['rejected', 'input.invalid'],
      ['rejected', 'input.invalid'],
      ['rejected', 'mutation.unsupported'],
      ['rejected', 'auth.forbidden'],
      ['rejected', 'input.invalid'],
    ]);
    expect(reply.results.map((r) => r.id)).toEqual(batch.map((m) => m.id));
    expect(reply.results[2]?.message).toContain('branchId');
    const written = await server.db.query('SELECT id FROM sales WHERE id = ANY($1::uuid[])', [batch.map((m) => m.payload.saleId)]);
    expect(written.rows).toHaveLength(1);
    // A rejected mutation leaves no idempotency record: once fixed (e.g. staff added) a retry applies.
    const records = await server.db.query('SELECT id FROM applied_mutations WHERE id = ANY($1::uuid[])', [batch.map((m) => m.id)]);
    expect(records.rows).toHaveLength(1);
  });

  it('refuses a mutation id another device already used', async () => {
    const [a] = items as [SeededItem];
    const other = await pairDevice(server, branchA, 'Counter 2');
    const m = sale(cashierA, [a]);
    await push([m]);
    const reply = await push([{ ...m, payload: { ...m.payload, saleId: newUuid() } }], other.accessToken);
    expect(reply.results[0]).toMatchObject({ status: 'rejected', code: 'mutation.conflict' });
  });

  it('takes the branch from the token only: a device of branch A moves branch A stock, never B', async () => {
    const [, , c] = items as [SeededItem, SeededItem, SeededItem];
    const [beforeA, beforeB] = [await level(branchA, c.batchId), await level(branchB, c.batchId)];
    await push([sale(cashierA, [c], { qty: 3 })]);
    expect(await level(branchA, c.batchId)).toBe(beforeA - 3);
    expect(await level(branchB, c.batchId)).toBe(beforeB);
  });

  it('refuses a batch of more than 500 mutations and a push without a device token', async () => {
    const [a] = items as [SeededItem];
    const tooMany = Array.from({ length: 501 }, () => sale(cashierA, [a]));
    const big = await call(server.app, 'POST', '/v1/sync/push', { mutations: tooMany }, device.accessToken);
    expect(big.statusCode).toBe(400);
    expect(big.json()).toMatchObject({ error: { code: 'input.invalid' } });
    expect((await call(server.app, 'POST', '/v1/sync/push', { mutations: [] })).statusCode).toBe(401);
    expect((await call(server.app, 'POST', '/v1/sync/push', { mutations: [] }, server.adminToken)).statusCode).toBe(401);
    expect((await call(server.app, 'POST', '/v1/sync/push', { mutations: [], since: 1 }, device.accessToken)).statusCode).toBe(400);
  });

  it('keeps the newest customer write by its clock and still acknowledges an older one', async () => {
    const customerId = newUuid();
    const newer = customerMutation(cashierA, { customerId, phone: '9822222222', name: 'Newer Name', clock: 20 });
    const older = customerMutation(cashierA, { customerId, phone: '9822222222', name: 'Older Name', clock: 10 });
    expect((await push([newer, older])).results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const row = await server.db.query<{ name: string }>('SELECT name FROM customers WHERE id = $1', [customerId]);
    expect(row.rows[0]?.name).toBe('Newer Name');
    const invalid = customerMutation(cashierA, { phone: '12345', name: 'Bad Phone', clock: 1 });
    expect((await push([invalid])).results[0]).toMatchObject({ status: 'rejected', code: 'customer.phone_invalid' });
  });
});
