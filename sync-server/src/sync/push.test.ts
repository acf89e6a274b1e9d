import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../db/db.js';
import { BACKENDS } from '../test-support/test-db.js';
import { call, createBranch, createStaff, pairDevice, startTestServer, type PairedDevice, type TestServer } from '../test-support/test-app.js';
import { newUuid, receiptMutation, saleMutation, seedCatalogue, type SeededItem, type TestMutation } from '../test-support/catalogue.js';

type Result = { id: string; status: string; code?: string; pos?: string };

describe.each(BACKENDS)('a push batch on %s', (kind) => {
  let server: TestServer;
  let branchId: string;
  let devices: PairedDevice[];
  let cashier: string;
  let manager: string;
  let items: SeededItem[];

  beforeAll(async () => {
    server = await startTestServer(kind);
    branchId = await createBranch(server, 'BATCH');
    devices = [];
    for (let i = 0; i < 4; i++) devices.push(await pairDevice(server, branchId, `Counter ${i + 1}`));
    cashier = (await createStaff(server, { username: 'batch-cashier', role: 'cashier', branchIds: [branchId] })).id;
    manager = (await createStaff(server, { username: 'batch-manager', role: 'manager', branchIds: [branchId] })).id;
    items = await seedCatalogue(server.db, { count: 4, branchIds: [branchId], openingQty: 100_000 });
  });
  afterAll(() => server.close());

  const device = (): PairedDevice => devices[0] as PairedDevice;
  const reply = async (mutations: TestMutation[], d = device()) => call(server.app, 'POST', '/v1/sync/push', { mutations }, d.accessToken);
  const push = async (mutations: TestMutation[], d = device()): Promise<Result[]> => {
    const res = await reply(mutations, d);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { results: Result[] }).results;
  };
  const sale = (its: SeededItem[], options: Parameters<typeof saleMutation>[2] = {}, d = device()): TestMutation =>
    saleMutation(cashier, its, { prefix: d.invoicePrefix, ...options });
  const level = async (batchId: string): Promise<number> =>
    Number((await server.db.query<{ qty: number }>('SELECT qty FROM stock_levels WHERE branch_id = $1 AND batch_id = $2', [branchId, batchId])).rows[0]?.qty);
  const count = async (sql: string, params: unknown[]): Promise<number> => (await server.db.query(sql, params)).rows.length;
  const anomalies = async (refId: unknown) =>
    (await server.db.query<{ kind: string; qty: number | null }>(`SELECT kind, (details->>'qty')::int AS qty FROM anomalies WHERE ref_id = $1 ORDER BY kind`, [refId])).rows;

  it('commits the whole push in one transaction: every mutation it applies names the same position', async () => {
    const batch = [sale([items[0] as SeededItem]), sale([items[1] as SeededItem]), sale([items[0] as SeededItem, items[1] as SeededItem])];
    const results = await push(batch);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(new Set(results.map((r) => r.pos)).size).toBe(1);
    expect(results[0]?.pos).toMatch(/^\d+:\d+$/);
  });

  it('rolls back exactly the mutation rejected after it had written, keeping the ones around it', async () => {
    const [a, b] = items as [SeededItem, SeededItem];
    const before = await level(a.batchId);
    // Line 1 creates a batch before line 2 turns out to name another product's batch.
    const receipt = receiptMutation(manager, [{ productId: a.productId }, { productId: a.productId, batchId: b.batchId }]);
    const first = sale([a], { qty: 2 });
    const last = sale([a], { qty: 3 });
    const results = await push([first, { ...receipt, seq: first.seq + 1 }, { ...last, seq: first.seq + 2 }]);
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['applied', undefined],
      ['rejected', 'mutation.conflict'],
      ['applied', undefined],
    ]);
    const createdBatch = (receipt.payload.lines as { batchId: string }[])[0]?.batchId;
    expect(await count('SELECT 1 FROM batches WHERE id = $1', [createdBatch])).toBe(0);
    expect(await count('SELECT 1 FROM stock_receipts WHERE id = $1', [receipt.payload.receiptId])).toBe(0);
    expect(await count('SELECT 1 FROM applied_mutations WHERE id = ANY($1::uuid[])', [[first.id, receipt.id, last.id]])).toBe(2);
    expect(await level(a.batchId)).toBe(before - 5);
  });

  it('raises stock.negative for exactly the sales that take a level below zero, in seq order within one push', async () => {
    const [scarce] = (await seedCatalogue(server.db, { count: 1, branchIds: [branchId], openingQty: 2 })) as [SeededItem];
    const sales = [sale([scarce]), sale([scarce]), sale([scarce])];
    expect((await push(sales)).map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(await anomalies(sales[0]?.payload.saleId)).toEqual([]);
    expect(await anomalies(sales[1]?.payload.saleId)).toEqual([]);
    expect(await anomalies(sales[2]?.payload.saleId)).toEqual([{ kind: 'stock.negative', qty: -1 }]);
    expect(await level(scarce.batchId)).toBe(-1);
  });

  it('applies a sale and its void in one push, leaving the level where it was', async () => {
    const [, , c] = items as [SeededItem, SeededItem, SeededItem];
    const before = await level(c.batchId);
    const s = sale([c], { qty: 4 });
    const v: TestMutation = {
      id: newUuid(), seq: s.seq + 1, type: 'sale.voided', at: new Date().toISOString(), actorId: manager,
      payload: { saleId: s.payload.saleId, invoiceNo: s.payload.invoiceNo, reason: 'Rang up the wrong remedy', approvedBy: manager },
    };
    expect((await push([v, s])).map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await level(c.batchId)).toBe(before);
    expect(await count(`SELECT 1 FROM sales WHERE id = $1 AND status = 'voided'`, [s.payload.saleId])).toBe(1);
  });

  it('answers a second copy of a new mutation in the same push as a duplicate of the first', async () => {
    const [a] = items as [SeededItem];
    const before = await level(a.batchId);
    const s = sale([a]);
    const results = await push([s, s]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'duplicate']);
    expect(results[1]?.pos).toBe(results[0]?.pos);
    expect(await level(a.batchId)).toBe(before - 1);
  });

  it('keeps nothing of a push that fails halfway for a reason that is not a mutation’s, and applies all of it on retry', async () => {
    const [a, b] = items as [SeededItem, SeededItem];
    const before = await level(a.batchId);
    const batch = [sale([a]), sale([b]), sale([a, b])];
    const transaction = server.db.transaction;
    // The database fails while the push writes its outbox events, after everything else.
    server.db.transaction = <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> =>
      transaction.call(server.db, (tx) =>
        fn({
          exec: (sql) => tx.exec(sql),
          query: (sql, params) => (sql.includes('INSERT INTO outbox') ? Promise.reject(new Error('connection lost')) : tx.query(sql, params)),
        }),
      ) as Promise<T>;
    try {
      const failed = await reply(batch);
      expect(failed.statusCode).toBe(500);
      expect(failed.json()).toEqual({ error: { code: 'internal', message: 'Internal server error.' } });
    } finally {
      server.db.transaction = transaction;
    }
    const saleIds = batch.map((m) => m.payload.saleId);
    expect(await count('SELECT 1 FROM sales WHERE id = ANY($1::uuid[])', [saleIds])).toBe(0);
    expect(await count('SELECT 1 FROM applied_mutations WHERE id = ANY($1::uuid[])', [batch.map((m) => m.id)])).toBe(0);
    expect(await level(a.batchId)).toBe(before);
    expect((await push(batch)).map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(await level(a.batchId)).toBe(before - 2);
  });

  it.runIf(kind === 'postgres')('applies each mutation once when the same batch is pushed several times at once', async () => {
    const [, , , d] = items as [SeededItem, SeededItem, SeededItem, SeededItem];
    const before = await level(d.batchId);
    const batch = Array.from({ length: 50 }, () => sale([d]));
    const replies = await Promise.all([push(batch), push(batch), push(batch)]);
    for (const [i, m] of batch.entries()) {
      expect(replies.map((r) => r[i]?.status).sort(), m.id).toEqual(['applied', 'duplicate', 'duplicate']);
    }
    expect(await level(d.batchId)).toBe(before - 50);
    expect(await count(`SELECT 1 FROM stock_movements WHERE batch_id = $1 AND kind = 'sale' AND ref_id = ANY($2::uuid[])`, [d.batchId, batch.map((m) => m.payload.saleId)])).toBe(50);
  });

  it.runIf(kind === 'postgres')('does not deadlock when counters sell the same batches in opposite orders at the same time', async () => {
    const before = await Promise.all(items.map((i) => level(i.batchId)));
    const rounds = 4;
    const perPush = 20;
    const replies = await Promise.all(
      devices.map(async (d, k) => {
        // Each counter walks the batches in its own order, so unordered locking would interleave badly.
        const order = [...items.slice(k), ...items.slice(0, k)].reverse();
        const statuses: number[] = [];
        for (let r = 0; r < rounds; r++) {
          const res = await reply(Array.from({ length: perPush }, (_v, i) => sale([order[i % order.length] as SeededItem, order[(i + 1) % order.length] as SeededItem], {}, d)), d);
          statuses.push(res.statusCode);
        }
        return statuses;
      }),
    );
    expect(replies.flat().every((s) => s === 200)).toBe(true);
    const sold = devices.length * rounds * perPush * 2;
    const after = await Promise.all(items.map((i) => level(i.batchId)));
    expect(before.reduce((x, y) => x + y, 0) - after.reduce((x, y) => x + y, 0)).toBe(sold);
  });
});
