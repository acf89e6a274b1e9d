import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../test-support/test-db.js';
import { call, createBranch, createStaff, pairDevice, startTestServer, type PairedDevice, type TestServer } from '../test-support/test-app.js';
import { newUuid, saleMutation, seedCatalogue, type SeededItem, type TestMutation } from '../test-support/catalogue.js';

interface PushReply {
  results: { id: string; status: string; code?: string; message?: string }[];
}

let seq = 1_000_000;
const iso = (ms: number): string => new Date(ms).toISOString();

describe.each(BACKENDS)('stock.counted on %s', (kind) => {
  let server: TestServer;
  let branch: string;
  let counterA: PairedDevice;
  let counterB: PairedDevice;
  let manager: string;
  let pharmacist: string;
  let cashier: string;
  /** Every snapshot is after the seeded opening stock and before "now + an hour" sales. */
  let base = 0;

  beforeAll(async () => {
    server = await startTestServer(kind);
    branch = await createBranch(server, 'COUNT-A');
    counterA = await pairDevice(server, branch, 'Counter A');
    counterB = await pairDevice(server, branch, 'Counter B');
    manager = (await createStaff(server, { username: 'count-manager', role: 'manager', branchIds: [branch] })).id;
    pharmacist = (await createStaff(server, { username: 'count-pharmacist', role: 'pharmacist', branchIds: [branch] })).id;
    cashier = (await createStaff(server, { username: 'count-cashier', role: 'cashier', branchIds: [branch] })).id;
  });
  afterAll(() => server.close());

  /** One fresh batch with 50 packs, so every test reads its own levels. */
  const fresh = async (): Promise<SeededItem> => {
    const [item] = await seedCatalogue(server.db, { count: 1, branchIds: [branch], openingQty: 50 });
    base = Date.now() + 1_000;
    return item as SeededItem;
  };
  const push = async (mutations: unknown[], device = counterA): Promise<PushReply> => {
    const res = await call(server.app, 'POST', '/v1/sync/push', { mutations }, device.accessToken);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as PushReply;
  };
  const counted = (actor: string, lines: { item: SeededItem; expectedQty: number; countedQty: number }[], options: { snapshotAt: string; approvedBy?: string; stocktakeId?: string }): TestMutation => ({
    id: newUuid(),
    seq: ++seq,
    type: 'stock.counted',
    at: options.snapshotAt,
    actorId: actor,
    payload: {
      stocktakeId: options.stocktakeId ?? newUuid(),
      snapshotAt: options.snapshotAt,
      brand: 'SBL',
      form: 'dilution',
      approvedBy: options.approvedBy ?? actor,
      lines: lines.map((l) => ({ productId: l.item.productId, batchId: l.item.batchId, expectedQty: l.expectedQty, countedQty: l.countedQty })),
    },
  });
  const sale = (device: PairedDevice, item: SeededItem, qty: number, atMs: number): TestMutation =>
    ({ ...saleMutation(cashier, [item], { qty, prefix: device.invoicePrefix, at: iso(atMs) }), seq: ++seq });
  const level = async (item: SeededItem): Promise<number> =>
    Number((await server.db.query<{ qty: number }>('SELECT qty FROM stock_levels WHERE branch_id = $1 AND batch_id = $2', [branch, item.batchId])).rows[0]?.qty);
  const ledger = async (item: SeededItem, upTo?: string): Promise<number> =>
    Number((await server.db.query<{ s: string }>(
      'SELECT COALESCE(SUM(qty), 0)::text AS s FROM stock_movements WHERE branch_id = $1 AND batch_id = $2 AND ($3::timestamptz IS NULL OR at <= $3)',
      [branch, item.batchId, upTo ?? null],
    )).rows[0]?.s);
  const anomalies = async (refId: string): Promise<{ kind: string; details: Record<string, unknown> }[]> =>
    (await server.db.query<{ kind: string; details: Record<string, unknown> }>('SELECT kind, details FROM anomalies WHERE ref_id = $1 ORDER BY kind, created_at', [refId])).rows;
  const idOf = (m: TestMutation): string => m.payload.stocktakeId as string;

  it('moves the batch by counted − the server’s level at the snapshot; a sale after the snapshot stays on top', async () => {
    const item = await fresh();
    const snapshotAt = iso(base);
    const after = sale(counterA, item, 2, base + 30_000);
    const count = counted(manager, [{ item, expectedQty: 50, countedQty: 45 }], { snapshotAt });
    expect((await push([after])).results[0]?.status).toBe('applied');
    expect((await push([count])).results[0]?.status).toBe('applied');
    expect(await level(item)).toBe(43);
    expect(await ledger(item)).toBe(43);
    expect(await ledger(item, snapshotAt)).toBe(45);
    const line = await server.db.query('SELECT device_expected_qty, server_expected_qty, counted_qty, posted_delta FROM stocktake_lines WHERE stocktake_id = $1', [idOf(count)]);
    expect(line.rows).toEqual([{ device_expected_qty: 50, server_expected_qty: 50, counted_qty: 45, posted_delta: -5 }]);
    expect((await server.db.query(`SELECT 1 FROM outbox WHERE aggregate_id = $1 AND type = 'stock.counted'`, [idOf(count)])).rows).toHaveLength(1);
    expect(await anomalies(idOf(count))).toEqual([]);
  });

  it('counts a sale made before the snapshot in the same push once, with no anomaly', async () => {
    const item = await fresh();
    const before = sale(counterA, item, 2, base - 500);
    const count = counted(manager, [{ item, expectedQty: 48, countedQty: 48 }], { snapshotAt: iso(base) });
    expect((await push([before, count])).results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await level(item)).toBe(48);
    expect(await ledger(item)).toBe(48);
    expect(await anomalies(idOf(count))).toEqual([]);
  });

  it('absorbs a sale made before the snapshot at another counter but synced after the count, and flags it', async () => {
    const item = await fresh();
    const snapshotAt = iso(base);
    // Counter B sold 2 offline at base − 60 s; counter A counted 47 on the shelf at base, not knowing.
    const offlineSale = sale(counterB, item, 2, base - 60_000);
    const count = counted(manager, [{ item, expectedQty: 50, countedQty: 47 }], { snapshotAt });
    expect((await push([count])).results[0]?.status).toBe('applied');
    expect(await level(item)).toBe(47);
    expect((await push([offlineSale], counterB)).results[0]?.status).toBe('applied');
    expect(await level(item)).toBe(47); // the 2 packs were already off the shelf when counted
    expect((await push([sale(counterB, item, 1, base + 60_000)], counterB)).results[0]?.status).toBe('applied');
    expect(await level(item)).toBe(46);
    expect(await ledger(item)).toBe(46);
    expect(await ledger(item, snapshotAt)).toBe(47);
    const flagged = await anomalies(idOf(count));
    expect(flagged.map((a) => a.kind)).toEqual(['stocktake.late_movement']);
    expect(flagged[0]?.details).toMatchObject({ batchId: item.batchId, qty: -2, movementMutationId: offlineSale.id });
    const line = await server.db.query('SELECT server_expected_qty, late_qty FROM stocktake_lines WHERE stocktake_id = $1', [idOf(count)]);
    expect(line.rows).toEqual([{ server_expected_qty: 48, late_qty: -2 }]);
  });

  it('keeps the count when the counter expected something else, recording both as an anomaly', async () => {
    const item = await fresh();
    const count = counted(manager, [{ item, expectedQty: 40, countedQty: 45 }], { snapshotAt: iso(base) });
    expect((await push([count])).results[0]?.status).toBe('applied');
    expect(await level(item)).toBe(45);
    const flagged = await anomalies(idOf(count));
    expect(flagged.map((a) => a.kind)).toEqual(['stocktake.expected_mismatch']);
    expect(flagged[0]?.details).toMatchObject({ batchId: item.batchId, deviceExpectedQty: 40, serverExpectedQty: 50, countedQty: 45 });
  });

  it('lets a later count stand when an earlier count arrives after it', async () => {
    const item = await fresh();
    const later = counted(manager, [{ item, expectedQty: 50, countedQty: 30 }], { snapshotAt: iso(base + 10_000) });
    const earlier = counted(manager, [{ item, expectedQty: 50, countedQty: 44 }], { snapshotAt: iso(base) });
    expect((await push([later])).results[0]?.status).toBe('applied');
    expect((await push([earlier], counterB)).results[0]?.status).toBe('applied');
    expect(await level(item)).toBe(30);
    expect(await ledger(item)).toBe(30);
  });

  it('answers duplicate for the same mutation or the same stocktake id, moving stock once', async () => {
    const item = await fresh();
    const count = counted(manager, [{ item, expectedQty: 50, countedQty: 41 }], { snapshotAt: iso(base) });
    expect((await push([count])).results[0]?.status).toBe('applied');
    expect((await push([count])).results[0]?.status).toBe('duplicate');
    const again = counted(manager, [{ item, expectedQty: 50, countedQty: 41 }], { snapshotAt: iso(base), stocktakeId: idOf(count) });
    expect((await push([again])).results[0]?.status).toBe('duplicate');
    expect(await level(item)).toBe(41);
  });

  it('needs a counter of pharmacist rank and a manager’s confirmation, and refuses a batch counted twice', async () => {
    const item = await fresh();
    const at = { snapshotAt: iso(base) };
    const one = [{ item, expectedQty: 50, countedQty: 49 }];
    const refusals: [TestMutation, string][] = [
      [counted(cashier, one, { ...at, approvedBy: manager }), 'auth.forbidden'],
      [counted(pharmacist, one, at), 'auth.forbidden'],
      [counted(pharmacist, one, { ...at, approvedBy: cashier }), 'auth.forbidden'],
      [counted(manager, [...one, ...one], at), 'input.invalid'],
      [{ ...counted(manager, one, at), payload: { ...counted(manager, one, at).payload, lines: [] } }, 'input.invalid'],
    ];
    const reply = await push(refusals.map(([m]) => m));
    expect(reply.results.map((r) => r.code)).toEqual(refusals.map(([, code]) => code));
    expect(await level(item)).toBe(50);
    expect((await push([counted(pharmacist, one, { ...at, approvedBy: manager })])).results[0]?.status).toBe('applied');
    expect(await level(item)).toBe(49);
  });
});
