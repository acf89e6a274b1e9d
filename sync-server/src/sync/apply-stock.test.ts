import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, settleFeed } from '../test-support/test-db.js';
import { call, createBranch, createStaff, pairDevice, startTestServer, type PairedDevice, type TestServer } from '../test-support/test-app.js';
import { adjustmentMutation, newUuid, receiptMutation, saleMutation, seedCatalogue, type SeededItem, type TestMutation } from '../test-support/catalogue.js';

type Result = { id: string; status: string; code?: string; message?: string };
type ReceiptLinePayload = { productId: string; batchId: string; batchNo: string; qty: number; freeQty: number; costPaise: number; mrpPaise: number };
const linesOf = (m: TestMutation): ReceiptLinePayload[] => m.payload.lines as ReceiptLinePayload[];

describe.each(BACKENDS)('stock.received and stock.adjusted on %s', (kind) => {
  let server: TestServer;
  let branchA: string;
  let branchB: string;
  let deviceA: PairedDevice;
  let deviceA2: PairedDevice;
  let deviceB: PairedDevice;
  let cashierA: string;
  let pharmacistA: string;
  let managerA: string;
  let managerB: string;
  let pharmacistB: string;
  let items: SeededItem[];

  const push = async (mutations: TestMutation[], token = deviceA.accessToken): Promise<Result[]> => {
    const res = await call(server.app, 'POST', '/v1/sync/push', { mutations }, token);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { results: Result[] }).results;
  };
  const statuses = async (mutations: TestMutation[], token?: string): Promise<(string | undefined)[][]> =>
    (await push(mutations, token)).map((r) => [r.status, r.code]);
  const level = async (branchId: string, batchId: string): Promise<number | undefined> => {
    const r = await server.db.query<{ qty: number }>('SELECT qty FROM stock_levels WHERE branch_id = $1 AND batch_id = $2', [branchId, batchId]);
    return r.rows[0] === undefined ? undefined : Number(r.rows[0].qty);
  };
  const anomalies = async (refId: unknown): Promise<string[]> =>
    (await server.db.query<{ kind: string }>('SELECT kind FROM anomalies WHERE ref_id = $1 ORDER BY kind', [refId])).rows.map((r) => r.kind);
  const count = async (sql: string, params: unknown[]): Promise<number> => (await server.db.query(sql, params)).rows.length;
  const batchRow = async (batchId: string) =>
    (await server.db.query<Record<string, string>>('SELECT product_id, batch_no, expiry, cost_paise::text, mrp_paise::text FROM batches WHERE id = $1', [batchId])).rows[0];

  beforeAll(async () => {
    server = await startTestServer(kind);
    branchA = await createBranch(server, 'STOCK-A');
    branchB = await createBranch(server, 'STOCK-B');
    deviceA = await pairDevice(server, branchA, 'A1');
    deviceA2 = await pairDevice(server, branchA, 'A2');
    deviceB = await pairDevice(server, branchB, 'B1');
    cashierA = (await createStaff(server, { username: 'stock-cashier-a', role: 'cashier', branchIds: [branchA] })).id;
    pharmacistA = (await createStaff(server, { username: 'stock-pharmacist-a', role: 'pharmacist', branchIds: [branchA] })).id;
    managerA = (await createStaff(server, { username: 'stock-manager-a', role: 'manager', branchIds: [branchA] })).id;
    managerB = (await createStaff(server, { username: 'stock-manager-b', role: 'manager', branchIds: [branchB] })).id;
    pharmacistB = (await createStaff(server, { username: 'stock-pharmacist-b', role: 'pharmacist', branchIds: [branchB] })).id;
    items = await seedCatalogue(server.db, { count: 4, branchIds: [branchA, branchB], openingQty: 20 });
  });
  afterAll(() => server.close());

  describe('stock.received', () => {
    it('creates the device’s batch, records the receipt and its lines, moves paid + free packs in and writes an outbox event', async () => {
      const [a] = items as [SeededItem];
      const m = receiptMutation(pharmacistA, [{ productId: a.productId, qty: 10, freeQty: 2, costPaise: 4_100, mrpPaise: 9_900, batchNo: 'SBL-2031-A' }]);
      const line = linesOf(m)[0] as ReceiptLinePayload;
      expect(await push([m])).toMatchObject([{ id: m.id, status: 'applied' }]);
      expect(await batchRow(line.batchId)).toEqual({ product_id: a.productId, batch_no: 'SBL-2031-A', expiry: '2031-06-30', cost_paise: '4100', mrp_paise: '9900' });
      expect(await level(branchA, line.batchId)).toBe(12);
      const movements = await server.db.query<{ kind: string; qty: number; ref_id: string; staff_id: string }>(
        'SELECT kind, qty, ref_id, staff_id FROM stock_movements WHERE batch_id = $1',
        [line.batchId],
      );
      expect(movements.rows).toEqual([{ kind: 'receipt', qty: 12, ref_id: m.payload.receiptId, staff_id: pharmacistA }]);
      const receipt = await server.db.query('SELECT branch_id, device_id, supplier, supplier_invoice_no FROM stock_receipts WHERE id = $1', [m.payload.receiptId]);
      expect(receipt.rows).toEqual([{ branch_id: branchA, device_id: deviceA.deviceId, supplier: 'SBL Pvt Ltd', supplier_invoice_no: m.payload.supplierInvoiceNo }]);
      expect(await count('SELECT 1 FROM stock_receipt_lines WHERE receipt_id = $1', [m.payload.receiptId])).toBe(1);
      expect(await count(`SELECT 1 FROM outbox WHERE aggregate_id = $1 AND type = 'stock.received'`, [m.payload.receiptId])).toBe(1);
      expect(await anomalies(m.payload.receiptId)).toEqual([]);
    });

    it('adds to an existing batch, which keeps its own cost and MRP while the receipt line keeps what was paid', async () => {
      const [a] = items as [SeededItem];
      const before = await level(branchA, a.batchId);
      const m = receiptMutation(managerA, [{ productId: a.productId, batchId: a.batchId, batchNo: 'B0', qty: 5, freeQty: 0, costPaise: 1, mrpPaise: 2 }]);
      expect(await statuses([m])).toEqual([['applied', undefined]]);
      expect(await batchRow(a.batchId)).toMatchObject({ cost_paise: '5000', mrp_paise: String(a.mrpPaise) });
      const paid = await server.db.query('SELECT cost_paise::text, mrp_paise::text FROM stock_receipt_lines WHERE receipt_id = $1', [m.payload.receiptId]);
      expect(paid.rows).toEqual([{ cost_paise: '1', mrp_paise: '2' }]);
      expect(await level(branchA, a.batchId)).toBe((before ?? 0) + 5);
    });

    it('answers duplicate for the same mutation again and for the same receipt under a new mutation id, moving stock once', async () => {
      const [, b] = items as [SeededItem, SeededItem];
      const m = receiptMutation(pharmacistA, [{ productId: b.productId }]);
      await push([m]);
      const batchId = (linesOf(m)[0] as ReceiptLinePayload).batchId;
      const requeued = { ...m, id: newUuid(), seq: m.seq + 1 };
      expect(await statuses([m, requeued])).toEqual([
        ['duplicate', undefined],
        ['duplicate', undefined],
      ]);
      expect(await level(branchA, batchId)).toBe(12);
      expect(await count('SELECT 1 FROM stock_movements WHERE ref_id = $1', [m.payload.receiptId])).toBe(1);
    });

    it('applies a receipt once when it arrives under two mutation ids at the same moment', async () => {
      const [, b] = items as [SeededItem, SeededItem];
      const m = receiptMutation(pharmacistA, [{ productId: b.productId }]);
      const twin = { ...m, id: newUuid(), seq: m.seq + 1 };
      const replies = await Promise.all([push([m]), push([twin], deviceA.accessToken)]);
      expect(replies.map((r) => r[0]?.status).sort()).toEqual(['applied', 'duplicate']);
      expect(await level(branchA, (linesOf(m)[0] as ReceiptLinePayload).batchId)).toBe(12);
    });

    it('rejects a receipt by a cashier, by staff of another branch, with a batch of another product or a receipt id of another branch, writing nothing', async () => {
      const [a, b] = items as [SeededItem, SeededItem];
      const fromB = receiptMutation(pharmacistB, [{ productId: a.productId }]);
      expect(await statuses([fromB], deviceB.accessToken)).toEqual([['applied', undefined]]);
      const byCashier = receiptMutation(cashierA, [{ productId: a.productId }]);
      const byOtherBranch = receiptMutation(pharmacistB, [{ productId: a.productId }]);
      const wrongProduct = receiptMutation(pharmacistA, [{ productId: a.productId }, { productId: b.productId, batchId: a.batchId }]);
      const shared = newUuid();
      const twoProducts = receiptMutation(pharmacistA, [{ productId: a.productId, batchId: shared }, { productId: b.productId, batchId: shared }]);
      const foreignReceipt = receiptMutation(pharmacistA, [{ productId: a.productId }], { receiptId: fromB.payload.receiptId });
      const batch = [byCashier, byOtherBranch, wrongProduct, twoProducts, foreignReceipt];
      expect(await statuses(batch)).toEqual([
        ['rejected', 'auth.forbidden'],
        ['rejected', 'auth.forbidden'],
        ['rejected', 'mutation.conflict'],
        ['rejected', 'mutation.conflict'],
        ['rejected', 'mutation.conflict'],
      ]);
      const receiptIds = batch.slice(0, 4).map((m) => m.payload.receiptId);
      expect(await count('SELECT 1 FROM stock_receipts WHERE id = ANY($1::uuid[])', [receiptIds])).toBe(0);
      expect(await count('SELECT 1 FROM stock_movements WHERE ref_id = ANY($1::uuid[])', [receiptIds])).toBe(0);
      const newBatches = batch.flatMap((m) => linesOf(m).map((l) => l.batchId)).filter((id) => id !== a.batchId && id !== b.batchId);
      expect(await count('SELECT 1 FROM batches WHERE id = ANY($1::uuid[])', [newBatches])).toBe(0);
      expect(await count('SELECT 1 FROM applied_mutations WHERE id = ANY($1::uuid[])', [batch.map((m) => m.id)])).toBe(0);
      expect(await count('SELECT 1 FROM stock_movements WHERE ref_id = $1', [fromB.payload.receiptId])).toBe(1);
    });

    it('rejects a line of no packs and an unknown property, naming it', async () => {
      const [a] = items as [SeededItem];
      const empty = receiptMutation(pharmacistA, [{ productId: a.productId, qty: 0, freeQty: 0 }]);
      const stray = receiptMutation(pharmacistA, [{ productId: a.productId }], { branchId: branchB });
      const strayLine = receiptMutation(pharmacistA, [{ productId: a.productId, ...({ discountPaise: 0 } as object) }]);
      const results = await push([empty, stray, strayLine]);
      expect(results.map((r) => [r.status, r.code])).toEqual([
        ['rejected', 'input.invalid'],
        ['rejected', 'input.invalid'],
        ['rejected', 'input.invalid'],
      ]);
      expect(results[1]?.message).toContain('"branchId"');
      expect(results[2]?.message).toContain('"discountPaise"');
    });

    it('keeps both batches when two counters receive one lot under different ids, flagging the later one', async () => {
      const [, , c] = items as [SeededItem, SeededItem, SeededItem];
      const first = receiptMutation(pharmacistA, [{ productId: c.productId, batchNo: 'LOT-TWIN' }]);
      const second = receiptMutation(pharmacistA, [{ productId: c.productId, batchNo: 'LOT-TWIN' }]);
      const replies = await Promise.all([push([first]), push([second], deviceA2.accessToken)]);
      expect(replies.map((r) => r[0]?.status)).toEqual(['applied', 'applied']);
      const twins = await server.db.query<{ id: string }>(`SELECT id FROM batches WHERE product_id = $1 AND batch_no = 'LOT-TWIN'`, [c.productId]);
      expect(twins.rows).toHaveLength(2);
      const flagged = [...(await anomalies(first.payload.receiptId)), ...(await anomalies(second.payload.receiptId))];
      expect(flagged).toEqual(['stock.batch_duplicate_lot']);
      for (const m of [first, second]) expect(await level(branchA, (linesOf(m)[0] as ReceiptLinePayload).batchId)).toBe(12);
    });

    it.runIf(kind === 'postgres')('waits for a concurrent receipt of the same product, so the later one still sees its lot', async () => {
      const [, , c] = items as [SeededItem, SeededItem, SeededItem];
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked = (): void => undefined;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      // What another receipt of this product does, held open until the push has started.
      const other = server.db.transaction(async (tx) => {
        await tx.query('SELECT 1 FROM products WHERE id = $1 FOR NO KEY UPDATE', [c.productId]);
        await tx.query(`INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise) VALUES ($1, $2, 'LOT-HELD', '2031-06-30', 1, 1)`, [newUuid(), c.productId]);
        locked();
        await held;
      });
      await isLocked;
      const m = receiptMutation(pharmacistA, [{ productId: c.productId, batchNo: 'LOT-HELD' }]);
      const pushing = push([m]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      await other;
      expect((await pushing)[0]?.status).toBe('applied');
      expect(await anomalies(m.payload.receiptId)).toEqual(['stock.batch_duplicate_lot']);
    });

    it('applies a receipt of a product the server does not know: stock moves, no batch is created, catalog.product_unknown is raised', async () => {
      const m = receiptMutation(pharmacistA, [{ productId: newUuid() }]);
      const batchId = (linesOf(m)[0] as ReceiptLinePayload).batchId;
      expect(await statuses([m])).toEqual([['applied', undefined]]);
      expect(await batchRow(batchId)).toBeUndefined();
      expect(await level(branchA, batchId)).toBe(12);
      expect(await anomalies(m.payload.receiptId)).toEqual(['catalog.product_unknown']);
    });

    it('lets a sale in the same push sell a batch the receipt before it created', async () => {
      const [, , , d] = items as [SeededItem, SeededItem, SeededItem, SeededItem];
      const receipt = receiptMutation(pharmacistA, [{ productId: d.productId, mrpPaise: d.mrpPaise }]);
      const batchId = (linesOf(receipt)[0] as ReceiptLinePayload).batchId;
      const sale = saleMutation(cashierA, [{ ...d, batchId }], { prefix: deviceA.invoicePrefix, qty: 3 });
      expect(await statuses([receipt, { ...sale, seq: receipt.seq + 1 }])).toEqual([
        ['applied', undefined],
        ['applied', undefined],
      ]);
      expect(await anomalies(sale.payload.saleId)).toEqual([]);
      expect(await level(branchA, batchId)).toBe(9);
    });
  });

  describe('stock.adjusted', () => {
    it('applies a manager’s adjustment: the document, its lines, one adjustment movement per line and an outbox event', async () => {
      const [a, b] = items as [SeededItem, SeededItem];
      const [beforeA, beforeB] = [await level(branchA, a.batchId), await level(branchA, b.batchId)];
      const m = adjustmentMutation(managerA, [
        { productId: a.productId, batchId: a.batchId, qtyDelta: -2 },
        { productId: b.productId, batchId: b.batchId, qtyDelta: 3 },
      ]);
      expect(await push([m])).toMatchObject([{ id: m.id, status: 'applied' }]);
      expect(await level(branchA, a.batchId)).toBe((beforeA ?? 0) - 2);
      expect(await level(branchA, b.batchId)).toBe((beforeB ?? 0) + 3);
      const moves = await server.db.query('SELECT kind, qty FROM stock_movements WHERE ref_id = $1 ORDER BY qty', [m.payload.adjustmentId]);
      expect(moves.rows).toEqual([
        { kind: 'adjustment', qty: -2 },
        { kind: 'adjustment', qty: 3 },
      ]);
      const doc = await server.db.query('SELECT reason, note, approved_by, staff_id FROM stock_adjustments WHERE id = $1', [m.payload.adjustmentId]);
      expect(doc.rows).toEqual([{ reason: 'damage', note: 'Dropped on the floor', approved_by: managerA, staff_id: managerA }]);
      expect(await count('SELECT 1 FROM stock_adjustment_lines WHERE adjustment_id = $1', [m.payload.adjustmentId])).toBe(2);
      expect(await count(`SELECT 1 FROM outbox WHERE aggregate_id = $1 AND type = 'stock.adjusted'`, [m.payload.adjustmentId])).toBe(1);
      expect(await anomalies(m.payload.adjustmentId)).toEqual([]);
    });

    it('lets a cashier adjust with an active manager of the branch as approver, and nobody else', async () => {
      const [a] = items as [SeededItem];
      const line = [{ productId: a.productId, batchId: a.batchId, qtyDelta: -1 }];
      const inactive = (await createStaff(server, { username: `stock-gone-${kind}`, role: 'manager', branchIds: [branchA] })).id;
      await server.db.query('UPDATE users SET active = false WHERE id = $1', [inactive]);
      const before = await level(branchA, a.batchId);
      const approved = adjustmentMutation(cashierA, line, { approvedBy: managerA });
      const rejected = [
        adjustmentMutation(cashierA, line, { approvedBy: null }),
        adjustmentMutation(cashierA, line, { approvedBy: cashierA }),
        adjustmentMutation(pharmacistA, line, { approvedBy: pharmacistA }),
        adjustmentMutation(cashierA, line, { approvedBy: managerB }),
        adjustmentMutation(cashierA, line, { approvedBy: inactive }),
        adjustmentMutation(managerB, line, { approvedBy: managerB }),
      ];
      expect(await statuses([approved, ...rejected])).toEqual([['applied', undefined], ...rejected.map(() => ['rejected', 'auth.forbidden'])]);
      expect(await level(branchA, a.batchId)).toBe((before ?? 0) - 1);
      expect(await count('SELECT 1 FROM stock_adjustments WHERE id = ANY($1::uuid[])', [rejected.map((m) => m.payload.adjustmentId)])).toBe(0);
    });

    it('applies a write-down below zero with stock.negative and an unknown batch with stock.batch_unknown', async () => {
      const [, , c, d] = items as [SeededItem, SeededItem, SeededItem, SeededItem];
      const held = (await level(branchA, c.batchId)) ?? 0;
      const stranger = { productId: newUuid(), batchId: newUuid() };
      const m = adjustmentMutation(managerA, [
        { productId: c.productId, batchId: c.batchId, qtyDelta: -(held + 4) },
        { ...stranger, qtyDelta: 5 },
        { productId: c.productId, batchId: d.batchId, qtyDelta: 1 },
      ]);
      expect(await statuses([m])).toEqual([['applied', undefined]]);
      // 25 packs at ₹50 by one manager is above the ₹1,000 threshold too.
      expect(await anomalies(m.payload.adjustmentId)).toEqual(['stock.adjustment_unapproved', 'stock.batch_unknown', 'stock.batch_unknown', 'stock.negative']);
      expect(await level(branchA, c.batchId)).toBe(-4);
      expect(await level(branchA, stranger.batchId)).toBe(5);
    });

    it('answers duplicate for the same adjustment under its own or a new mutation id, and conflict for another branch’s id', async () => {
      const [a] = items as [SeededItem];
      const m = adjustmentMutation(managerA, [{ productId: a.productId, batchId: a.batchId, qtyDelta: -1 }]);
      await push([m]);
      const after = await level(branchA, a.batchId);
      expect(await statuses([m, { ...m, id: newUuid(), seq: m.seq + 1 }])).toEqual([
        ['duplicate', undefined],
        ['duplicate', undefined],
      ]);
      expect(await level(branchA, a.batchId)).toBe(after);
      const foreign = adjustmentMutation(managerB, [{ productId: a.productId, batchId: a.batchId, qtyDelta: -1 }], { adjustmentId: m.payload.adjustmentId });
      expect(await statuses([foreign], deviceB.accessToken)).toEqual([['rejected', 'mutation.conflict']]);
    });

    it('flags an adjustment above ₹1,000 at cost or 50 packs a line that a manager approved alone, and not one a second manager approved', async () => {
      const [a, b] = items as [SeededItem, SeededItem];
      const managerA2 = (await createStaff(server, { username: `stock-manager-a2-${kind}`, role: 'manager', branchIds: [branchA] })).id;
      const big = [{ productId: a.productId, batchId: a.batchId, qtyDelta: -21 }]; // 21 × ₹50 = ₹1,050
      const alone = adjustmentMutation(managerA, big);
      const nullApprover = adjustmentMutation(managerA, big, { approvedBy: null });
      const manyPacks = adjustmentMutation(managerA, [{ productId: b.productId, batchId: b.batchId, qtyDelta: 51 }], { reason: 'correction' });
      const second = adjustmentMutation(managerA, big, { approvedBy: managerA2 });
      const byPharmacist = adjustmentMutation(pharmacistA, big, { approvedBy: managerA });
      const small = adjustmentMutation(managerA, [{ productId: a.productId, batchId: a.batchId, qtyDelta: -20 }]); // exactly ₹1,000
      const all = [alone, nullApprover, manyPacks, second, byPharmacist, small];
      expect(await statuses(all)).toEqual(all.map(() => ['applied', undefined]));
      const flagged = async (m: TestMutation) => (await anomalies(m.payload.adjustmentId)).includes('stock.adjustment_unapproved');
      expect(await Promise.all(all.map(flagged))).toEqual([true, true, true, false, false, false]);
      const details = await server.db.query<{ details: Record<string, unknown> }>('SELECT details FROM anomalies WHERE ref_id = $1', [alone.payload.adjustmentId]);
      expect(details.rows[0]?.details).toMatchObject({ cause: 'above_threshold', valuePaise: 105_000, maxValuePaise: 100_000, maxLineUnits: 50, approvedBy: managerA });
      const value = await server.db.query<{ value_paise: string }>('SELECT value_paise::text FROM stock_adjustments WHERE id = $1', [second.payload.adjustmentId]);
      expect(value.rows).toEqual([{ value_paise: '105000' }]);
    });

    it('flags a manager’s adjustment naming an approver who is not a manager of the branch, and rejects a pharmacist’s', async () => {
      const [a] = items as [SeededItem];
      const line = [{ productId: a.productId, batchId: a.batchId, qtyDelta: 1 }];
      const byManager = adjustmentMutation(managerA, line, { approvedBy: pharmacistA });
      const otherBranch = adjustmentMutation(managerA, line, { approvedBy: managerB });
      const byPharmacist = adjustmentMutation(pharmacistA, line, { approvedBy: managerB });
      expect(await statuses([byManager, otherBranch, byPharmacist])).toEqual([['applied', undefined], ['applied', undefined], ['rejected', 'auth.forbidden']]);
      const causes = await server.db.query<{ cause: string }>(`SELECT details->>'cause' AS cause FROM anomalies WHERE ref_id = ANY($1::uuid[]) AND kind = 'stock.adjustment_unapproved'`, [
        [byManager.payload.adjustmentId, otherBranch.payload.adjustmentId],
      ]);
      expect(causes.rows).toEqual([{ cause: 'approver_not_manager' }, { cause: 'approver_not_manager' }]);
    });

    it('rejects a zero change, an unknown reason and an unknown property', async () => {
      const [a] = items as [SeededItem];
      const line = { productId: a.productId, batchId: a.batchId };
      const results = await push([
        adjustmentMutation(managerA, [{ ...line, qtyDelta: 0 }]),
        adjustmentMutation(managerA, [{ ...line, qtyDelta: 1 }], { reason: 'theft' }),
        adjustmentMutation(managerA, [{ ...line, qtyDelta: 1 }], { approvedAt: 'now' }),
      ]);
      expect(results.map((r) => [r.status, r.code])).toEqual([
        ['rejected', 'input.invalid'],
        ['rejected', 'input.invalid'],
        ['rejected', 'input.invalid'],
      ]);
      expect(results[2]?.message).toContain('"approvedAt"');
    });
  });

  it('keeps every stock level equal to the sum of its movements', async () => {
    const mismatched = await server.db.query(
      `SELECT l.batch_id FROM stock_levels l
        WHERE l.qty <> (SELECT COALESCE(SUM(m.qty), 0) FROM stock_movements m WHERE m.branch_id = l.branch_id AND m.batch_id = l.batch_id)`,
    );
    expect(mismatched.rows).toEqual([]);
    const orphans = await server.db.query(
      `SELECT m.branch_id, m.batch_id FROM stock_movements m LEFT JOIN stock_levels l ON l.branch_id = m.branch_id AND l.batch_id = m.batch_id WHERE l.id IS NULL`,
    );
    expect(orphans.rows).toEqual([]);
  });

  it('feeds a received batch to every device and its level only to devices of the receiving branch', async () => {
    type Change = { table: string; row: Record<string, unknown> };
    const pullAll = async (device: PairedDevice): Promise<Change[]> => {
      await settleFeed(server.db);
      const changes: Change[] = [];
      let cursor = '';
      for (;;) {
        const res = await call(server.app, 'GET', `/v1/sync/pull?limit=5000${cursor === '' ? '' : `&cursor=${cursor}`}`, undefined, device.accessToken);
        const page = res.json() as { changes: Change[]; cursor: string; hasMore: boolean };
        changes.push(...page.changes);
        cursor = page.cursor;
        if (!page.hasMore) return changes;
      }
    };
    const [a] = items as [SeededItem];
    const m = receiptMutation(pharmacistA, [{ productId: a.productId, batchNo: 'FEED-1', qty: 7, freeQty: 0, costPaise: 3_000, mrpPaise: 8_000 }]);
    const batchId = (linesOf(m)[0] as ReceiptLinePayload).batchId;
    expect(await statuses([m])).toEqual([['applied', undefined]]);
    const atA = await pullAll(deviceA2);
    const atB = await pullAll(deviceB);
    for (const changes of [atA, atB]) {
      expect(changes.find((c) => c.table === 'batches' && c.row.id === batchId)?.row).toEqual({
        id: batchId, productId: a.productId, batchNo: 'FEED-1', expiry: '2031-06-30', costPaise: 3000, mrpPaise: 8000,
      });
    }
    expect(atA.filter((c) => c.table === 'stock_levels' && c.row.batchId === batchId).map((c) => [c.row.branchId, c.row.qty])).toEqual([[branchA, 7]]);
    expect(atB.filter((c) => c.table === 'stock_levels' && c.row.batchId === batchId)).toEqual([]);
    expect(atB.filter((c) => c.table === 'stock_levels').every((c) => c.row.branchId === branchB)).toBe(true);
  });
});
