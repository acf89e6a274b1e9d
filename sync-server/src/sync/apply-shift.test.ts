import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../test-support/test-db.js';
import { call, createBranch, createStaff, pairDevice, startTestServer, type PairedDevice, type TestServer } from '../test-support/test-app.js';
import { newUuid, saleMutation, seedCatalogue, type SeededItem, type TestMutation } from '../test-support/catalogue.js';

let seq = 2_000_000;
const T0 = Date.parse('2026-11-24T04:00:00.000Z');
const iso = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

function mutation(type: string, actorId: string, at: string, payload: Record<string, unknown>): TestMutation {
  return { id: newUuid(), seq: ++seq, type, at, actorId, payload } as TestMutation;
}

const opened = (actor: string, shiftId: string, minutes = 0) => mutation('shift.opened', actor, iso(minutes), { shiftId, shiftNo: 1, floatPaise: 200_000, openedAt: iso(minutes) });
const moved = (actor: string, shiftId: string, direction: 'in' | 'out', amountPaise: number, minutes = 5) =>
  mutation('shift.cash_moved', actor, iso(minutes), { shiftId, moveId: newUuid(), direction, reason: direction === 'in' ? 'change_float' : 'petty_expense', note: '', amountPaise });

function closed(actor: string, shiftId: string, owner: string, f: { count: number; total: number; cash: number }, over: Record<string, unknown> = {}): TestMutation {
  return mutation('shift.closed', actor, iso(60), {
    shiftId,
    shiftNo: 1,
    staffId: owner,
    openedAt: iso(0),
    closedAt: iso(60),
    floatPaise: 200_000,
    countedPaise: 200_000 + f.cash,
    expectedPaise: 200_000 + f.cash,
    variancePaise: 0,
    thresholdPaise: 10_000,
    approvedBy: null,
    counts: { n500: 4 },
    note: '',
    figures: {
      salesCount: f.count, salesTotalPaise: f.total, cashSalesPaise: f.cash, cashRefundsPaise: 0, cashInPaise: 0, cashOutPaise: 0,
      discountPaise: 0, taxablePaise: 0, cgstPaise: 0, sgstPaise: 0, igstPaise: 0, voidsCount: 0, returnsCount: 0, returnsTotalPaise: 0,
      payments: [{ method: 'cash', count: f.count, amountPaise: f.cash }],
    },
    ...over,
  });
}

describe.each(BACKENDS)('shift mutations on %s', (kind) => {
  let server: TestServer;
  let device: PairedDevice;
  let other: PairedDevice;
  let cashier: string;
  let cashier2: string;
  let manager: string;
  let cashierB: string;
  let tokens: { cashier: string; manager: string; managerB: string };
  let branchA: string;
  let item: SeededItem;

  const push = async (mutations: TestMutation[], token = device.accessToken): Promise<{ status: string; code?: string }[]> => {
    const res = await call(server.app, 'POST', '/v1/sync/push', { mutations }, token);
    expect(res.statusCode).toBe(200);
    return (res.json() as { results: { status: string; code?: string }[] }).results.map((r) => ({ status: r.status, ...(r.code === undefined ? {} : { code: r.code }) }));
  };
  const anomalies = async (shiftId: string): Promise<string[]> =>
    (await server.db.query<{ kind: string }>('SELECT kind FROM anomalies WHERE ref_id = $1 ORDER BY kind', [shiftId])).rows.map((r) => r.kind);
  const shiftRow = async (shiftId: string) =>
    (await server.db.query<Record<string, unknown>>('SELECT status, staff_id, closed_by, variance_paise, server_sales_count, server_sales_paise, server_cash_paise FROM shifts WHERE id = $1', [shiftId])).rows[0];
  /** Two cash sales at minutes 10 and 20 of the shift, and one before it opened. */
  const sellInWindow = async (): Promise<{ count: number; total: number; cash: number }> => {
    const sales = [saleMutation(cashier, [item], { prefix: device.invoicePrefix, at: iso(-5) }), saleMutation(cashier, [item], { prefix: device.invoicePrefix, at: iso(10), qty: 2 }), saleMutation(cashier, [item], { prefix: device.invoicePrefix, at: iso(20) })];
    expect((await push(sales)).map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const inWindow = sales.slice(1).map((s) => (s.payload as { totals: { totalPaise: number } }).totals.totalPaise);
    return { count: 2, total: inWindow[0]! + inWindow[1]!, cash: inWindow[0]! + inWindow[1]! };
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
    const branch = await createBranch(server, 'SHIFT-A');
    const branchB = await createBranch(server, 'SHIFT-B');
    const c1 = await createStaff(server, { username: 'shift-cashier', role: 'cashier', branchIds: [branch] });
    cashier = c1.id;
    branchA = branch;
    cashier2 = (await createStaff(server, { username: 'shift-cashier-2', role: 'cashier', branchIds: [branch] })).id;
    const m = await createStaff(server, { username: 'shift-manager', role: 'manager', branchIds: [branch] });
    manager = m.id;
    const mB = await createStaff(server, { username: 'shift-manager-b', role: 'manager', branchIds: [branchB] });
    tokens = { cashier: c1.token, manager: m.token, managerB: mB.token };
    [item] = (await seedCatalogue(server.db, { count: 1, branchIds: [branch], openingQty: 1000 })) as [SeededItem];
    cashierB = (await createStaff(server, { username: 'shift-cashier-b', role: 'cashier', branchIds: [branchB] })).id;
    other = await pairDevice(server, branchB);
  });
  beforeEach(async () => {
    // A fresh counter per test: the server recounts by device, so tests must not share one.
    device = await pairDevice(server, (await server.db.query<{ id: string }>(`SELECT id FROM branches WHERE code = 'SHIFT-A'`)).rows[0]!.id);
  });
  afterAll(() => server.close());

  it('stores the shift and its cash moves, and a close whose figures match the server’s own sales raises nothing', async () => {
    const shiftId = newUuid();
    const f = await sellInWindow();
    const results = await push([opened(cashier, shiftId), moved(cashier, shiftId, 'in', 5_000), moved(cashier, shiftId, 'out', 2_000), closed(cashier, shiftId, cashier, f)]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(await shiftRow(shiftId)).toMatchObject({ status: 'closed', staff_id: cashier, closed_by: cashier, server_sales_count: 2 });
    expect(Number((await shiftRow(shiftId))?.server_cash_paise)).toBe(f.cash);
    const moves = await server.db.query<{ direction: string; amount_paise: string }>('SELECT direction, amount_paise FROM shift_cash_moves WHERE shift_id = $1 ORDER BY direction', [shiftId]);
    expect(moves.rows.map((m) => [m.direction, Number(m.amount_paise)])).toEqual([['in', 5_000], ['out', 2_000]]);
    expect(await anomalies(shiftId)).toEqual([]);
    const feed = await server.db.query<{ status: string }>(`SELECT row->>'status' AS status FROM changes WHERE table_name = 'shifts' AND row_id = $1`, [shiftId]);
    expect(feed.rows).toEqual([{ status: 'closed' }]);
    const events = await server.db.query<{ type: string }>(`SELECT type FROM outbox WHERE aggregate_id = $1 ORDER BY type`, [shiftId]);
    expect(events.rows.map((e) => e.type)).toEqual(['shift.cash_moved', 'shift.cash_moved', 'shift.closed', 'shift.opened']);
  });

  it('answers duplicate for the same facts again and changes nothing', async () => {
    const shiftId = newUuid();
    const f = await sellInWindow();
    const batch = [opened(cashier, shiftId), moved(cashier, shiftId, 'out', 1_000), closed(cashier, shiftId, cashier, f)];
    await push(batch);
    const again = batch.map((m) => ({ ...m, id: newUuid(), seq: ++seq }));
    expect((await push(again)).map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect((await server.db.query('SELECT 1 FROM shift_cash_moves WHERE shift_id = $1', [shiftId])).rows).toHaveLength(1);
  });

  it('records an anomaly when the device’s Z figures differ from the server’s sales, and keeps the device’s figures', async () => {
    const shiftId = newUuid();
    const f = await sellInWindow();
    const results = await push([opened(cashier, shiftId), closed(cashier, shiftId, cashier, { ...f, total: f.total + 100, cash: f.cash + 100 })]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await anomalies(shiftId)).toEqual(['shift.totals_mismatch']);
    const details = await server.db.query<{ details: { device: { salesTotalPaise: number }; server: { salesTotalPaise: number } } }>(`SELECT details FROM anomalies WHERE ref_id = $1`, [shiftId]);
    expect(details.rows[0]?.details).toMatchObject({ device: { salesTotalPaise: f.total + 100 }, server: { salesTotalPaise: f.total } });
  });

  it('refuses cash moves and a close by another cashier, but lets a manager close; an unapproved large variance is an anomaly', async () => {
    const shiftId = newUuid();
    await push([opened(cashier, shiftId)]);
    expect(await push([moved(cashier2, shiftId, 'out', 500)])).toEqual([{ status: 'rejected', code: 'auth.forbidden' }]);
    const empty = { count: 0, total: 0, cash: 0 };
    expect(await push([closed(cashier2, shiftId, cashier, empty)])).toEqual([{ status: 'rejected', code: 'auth.forbidden' }]);
    expect(await push([closed(manager, shiftId, cashier, empty, { countedPaise: 180_000, variancePaise: -20_000 })])).toEqual([{ status: 'applied' }]);
    expect(await anomalies(shiftId)).toEqual(['shift.close_unapproved']);
    expect(await shiftRow(shiftId)).toMatchObject({ status: 'closed', closed_by: manager });
  });

  it('accepts a manager’s approval of a large variance, and flags an approval by a cashier', async () => {
    const good = newUuid();
    const bad = newUuid();
    const empty = { count: 0, total: 0, cash: 0 };
    await push([opened(cashier, good), closed(cashier, good, cashier, empty, { countedPaise: 180_000, variancePaise: -20_000, approvedBy: manager })]);
    expect(await anomalies(good)).toEqual([]);
    await push([opened(cashier, bad), closed(cashier, bad, cashier, empty, { countedPaise: 180_000, variancePaise: -20_000, approvedBy: cashier2 })]);
    expect(await anomalies(bad)).toEqual(['shift.close_unapproved']);
  });

  it('rejects a cash move of a shift the server does not have yet, and creates a shift from a close whose opening never came', async () => {
    const shiftId = newUuid();
    expect(await push([moved(cashier, shiftId, 'in', 100)])).toEqual([{ status: 'rejected', code: 'shift.unknown' }]);
    expect(await push([closed(cashier, shiftId, cashier, { count: 0, total: 0, cash: 0 })])).toEqual([{ status: 'applied' }]);
    expect(await shiftRow(shiftId)).toMatchObject({ status: 'closed', server_sales_count: 0 });
  });

  it('refuses another branch’s device touching the shift, and malformed payloads', async () => {
    const shiftId = newUuid();
    await push([opened(cashier, shiftId)]);
    expect(await push([moved(cashierB, shiftId, 'in', 100)], other.accessToken)).toEqual([{ status: 'rejected', code: 'auth.forbidden' }]);
    expect(await push([opened(cashierB, shiftId)], other.accessToken)).toEqual([{ status: 'rejected', code: 'auth.forbidden' }]);
    expect(await push([mutation('shift.opened', cashier, iso(0), { shiftId: newUuid(), shiftNo: 1, floatPaise: -1, openedAt: iso(0) })])).toEqual([{ status: 'rejected', code: 'input.invalid' }]);
    expect(await push([mutation('shift.cash_moved', cashier, iso(0), { shiftId, moveId: newUuid(), direction: 'in', reason: 'bribe', note: '', amountPaise: 100 })])).toEqual([{ status: 'rejected', code: 'input.invalid' }]);
    expect(await push([closed(cashier, shiftId, cashier, { count: 0, total: 0, cash: 0 }, { counts: { n2000: 1 } })])).toEqual([{ status: 'rejected', code: 'input.invalid' }]);
  });

  it('lists the branch’s shifts with the device’s and the server’s figures and their anomalies, for its managers only', async () => {
    const shiftId = newUuid();
    const f = await sellInWindow();
    await push([opened(cashier, shiftId), closed(cashier, shiftId, cashier, { ...f, total: f.total + 100 })]);
    const url = `/v1/branches/${branchA}/shifts?from=${encodeURIComponent(iso(-60))}&to=${encodeURIComponent(iso(60))}`;
    const res = await call(server.app, 'GET', url, undefined, tokens.manager);
    expect(res.statusCode).toBe(200);
    const listed = (res.json() as { shifts: Record<string, unknown>[] }).shifts.find((s) => s.id === shiftId);
    expect(listed).toMatchObject({
      status: 'closed', staffName: 'shift-cashier', floatPaise: 200_000, variancePaise: 0,
      reported: { salesTotalPaise: f.total + 100 }, server: { salesCount: 2, salesTotalPaise: f.total, cashSalesPaise: f.cash }, anomalies: ['shift.totals_mismatch'],
    });
    expect((await call(server.app, 'GET', url, undefined, tokens.cashier)).statusCode).toBe(403);
    expect((await call(server.app, 'GET', url, undefined, tokens.managerB)).statusCode).toBe(403);
    expect((await call(server.app, 'GET', url, undefined, server.adminToken)).statusCode).toBe(200);
  });
});
