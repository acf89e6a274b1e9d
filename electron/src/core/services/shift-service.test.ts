import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShiftClosedPayload, ShiftReport, ShiftState } from '../../../../shared/src/api/shifts-api.js';
import { openStore } from '../store/open-store.js';
import { Clock, client, copyOf, makeTemplate, removeTestDirs, type TestClient } from '../testing/demo-store.js';

let template = '';
beforeAll(async () => {
  template = await makeTemplate(400);
});
afterAll(removeTestDirs);

interface Hit { productId: string; stockQty: number }

/** A product of the (small) demo catalogue with enough sellable stock for the test. */
async function product(c: TestClient, query: string, nth = 0): Promise<string> {
  const hit = (await c.value<Hit[]>('catalog.search', { query, limit: 50 })).filter((h) => h.stockQty >= 5)[nth];
  if (hit === undefined) throw new Error(`nothing in stock for ${query}`);
  return hit.productId;
}

async function staffId(c: TestClient, name: string): Promise<string> {
  const s = (await c.value<{ id: string; name: string }[]>('auth.staffList')).find((x) => x.name === name);
  if (s === undefined) throw new Error(name);
  return s.id;
}

/** Sells `qty` of a product paid entirely by `method`; returns the sale id and its total. */
async function sell(c: TestClient, productId: string, qty: number, method: 'cash' | 'card' | 'upi', ref: string): Promise<{ saleId: string; total: number }> {
  const lines = [{ lineId: 'l', productId, qty, discountPaise: 0 }];
  const total = (await c.value<{ totals: { totalPaise: number } }>('sale.quote', { lines })).totals.totalPaise;
  const tendered = method === 'cash' ? { tenderedPaise: total + 1_000 } : {};
  const sale = await c.value<{ saleId: string }>('sale.complete', { clientRequestId: ref, lines, payments: [{ method, amountPaise: total, ...tendered }] });
  return { saleId: sale.saleId, total };
}

/** Brute force, straight from the tables: every figure of the shift's window, independent of the service's queries. */
function bruteForce(file: string, shiftId: string, to: string) {
  const db = openStore(file);
  const shift = db.prepare('SELECT device_id, opened_at, float_paise FROM shifts WHERE id = ?').get(shiftId) as { device_id: string; opened_at: string; float_paise: number };
  const sales = db.prepare('SELECT * FROM sales WHERE device_id = ? AND at >= ? AND at <= ?').all(shift.device_id, shift.opened_at, to) as Record<string, number | string>[];
  const done = sales.filter((s) => s.status === 'completed');
  const sum = (rows: Record<string, number | string>[], col: string) => rows.reduce((a, r) => a + Number(r[col]), 0);
  const paymentsBySale = db.prepare('SELECT sale_id, method, amount_paise FROM sale_payments').all() as { sale_id: string; method: string; amount_paise: number }[];
  const doneIds = new Set(done.map((s) => s.id));
  const byMethod: Record<string, number> = {};
  for (const p of paymentsBySale) if (doneIds.has(p.sale_id)) byMethod[p.method] = (byMethod[p.method] ?? 0) + p.amount_paise;
  const refunds = db.prepare('SELECT refund_method, total_paise FROM credit_notes WHERE device_id = ? AND at >= ? AND at <= ?').all(shift.device_id, shift.opened_at, to) as { refund_method: string; total_paise: number }[];
  const moves = db.prepare('SELECT direction, amount_paise FROM shift_cash_moves WHERE shift_id = ?').all(shiftId) as { direction: string; amount_paise: number }[];
  const earlier = db.prepare(`SELECT id FROM sales WHERE device_id = ? AND at < ? AND status = 'voided' AND voided_at >= ? AND voided_at <= ?`).all(shift.device_id, shift.opened_at, shift.opened_at, to) as { id: string }[];
  const earlierIds = new Set(earlier.map((e) => e.id));
  const cashVoided = paymentsBySale.filter((p) => earlierIds.has(p.sale_id) && p.method === 'cash').reduce((a, p) => a + p.amount_paise, 0);
  db.close();
  const cashRefunds = refunds.filter((r) => r.refund_method === 'cash').reduce((a, r) => a + r.total_paise, 0);
  const cashIn = moves.filter((m) => m.direction === 'in').reduce((a, m) => a + m.amount_paise, 0);
  const cashOut = moves.filter((m) => m.direction === 'out').reduce((a, m) => a + m.amount_paise, 0);
  return {
    salesCount: done.length,
    salesTotal: sum(done, 'total_paise'),
    discount: sum(done, 'discount_paise'),
    taxable: sum(done, 'taxable_paise'),
    cgst: sum(done, 'cgst_paise'),
    sgst: sum(done, 'sgst_paise'),
    igst: sum(done, 'igst_paise'),
    voids: sales.length - done.length,
    byMethod,
    refundsTotal: refunds.reduce((a, r) => a + r.total_paise, 0),
    cashRefunds,
    cashIn,
    cashOut,
    earlierVoids: earlier.length,
    cashVoided,
    expected: shift.float_paise + (byMethod.cash ?? 0) - cashRefunds - cashVoided + cashIn - cashOut,
  };
}

function insertCreditNote(file: string, values: { id: string; deviceId: string; staffId: string; saleId: string; at: string; total: number; method: string }): void {
  const db = openStore(file);
  db.prepare(`INSERT INTO credit_notes (id, credit_note_no, sale_id, invoice_no, device_id, staff_id, customer_id, at, business_date, taxable_paise, cgst_paise, sgst_paise, igst_paise, total_paise, refund_method, reason)
    VALUES (?, ?, ?, 'C1/2627/000001', ?, ?, NULL, ?, '2026-11-24', ?, ?, ?, 0, ?, ?, 'test')`).run(
    values.id, `CN-${values.id}`, values.saleId, values.deviceId, values.staffId, values.at, Math.round((values.total * 100) / 105), 0, 0, values.total, values.method,
  );
  db.close();
}

describe('a shift at the counter from float to Z report', () => {
  it('adds up cash sales, card sales, a void, cash in and out and a cash refund exactly as the tables do', async () => {
    const clock = new Clock();
    const file = copyOf(template);
    const c = client(file, { now: clock.now, sync: false });
    await c.loginAs('Asha Nair');
    expect(await c.value('shift.current')).toBeNull();
    // Sales before the shift opened are not the shift's.
    const arnica = await product(c, 'arnica');
    const nux = await product(c, 'arnica', 1);
    const before = await sell(c, arnica, 1, 'cash', 'before');
    clock.advance(60_000);

    const opened = await c.value<ShiftState>('shift.open', { floatPaise: 200_000 });
    expect(opened.shift).toMatchObject({ shiftNo: 1, label: 'C1-S0001', status: 'open', staff: { name: 'Asha Nair' }, floatPaise: 200_000 });
    expect(opened.figures.expectedCashPaise).toBe(200_000);
    expect(await c.call('shift.open', { floatPaise: 100 })).toMatchObject({ ok: false, error: { code: 'shift.already_open' } });
    const shiftId = opened.shift.shiftId;

    clock.advance(60_000);
    const cash1 = await sell(c, arnica, 2, 'cash', 's1');
    clock.advance(60_000);
    await sell(c, nux, 1, 'card', 's2');
    clock.advance(60_000);
    const voided = await sell(c, nux, 3, 'cash', 's3');
    clock.advance(60_000);
    await sell(c, arnica, 1, 'upi', 's4');
    clock.advance(60_000);
    expect((await c.call('sale.void', { saleId: voided.saleId, reason: 'wrong item billed', managerStaffId: await staffId(c, 'Meera Iyer'), managerPin: '9999' })).ok).toBe(true);
    // A sale of before the shift, voided now: its cash goes back to the customer from this drawer.
    expect((await c.call('sale.void', { saleId: before.saleId, reason: 'customer came back', managerStaffId: await staffId(c, 'Meera Iyer'), managerPin: '9999' })).ok).toBe(true);
    clock.advance(60_000);
    await c.value('shift.cashMove', { shiftId, direction: 'in', reason: 'change_float', amountPaise: 50_000 });
    clock.advance(60_000);
    await c.value('shift.cashMove', { shiftId, direction: 'out', reason: 'petty_expense', amountPaise: 12_000, note: 'tea and courier' });
    expect(await c.call('shift.cashMove', { shiftId, direction: 'in', reason: 'bank_deposit', amountPaise: 100 })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    clock.advance(60_000);
    const device = (await c.value<{ deviceId: string }>('app.info')).deviceId;
    insertCreditNote(file, { id: 'cn1', deviceId: device, staffId: await staffId(c, 'Asha Nair'), saleId: cash1.saleId, at: new Date(clock.ms).toISOString(), total: 5_000, method: 'cash' });
    insertCreditNote(file, { id: 'cn2', deviceId: device, staffId: await staffId(c, 'Asha Nair'), saleId: cash1.saleId, at: new Date(clock.ms).toISOString(), total: 2_500, method: 'store_credit' });
    clock.advance(60_000);

    const x1 = await c.value<ShiftReport>('shift.xReport', { shiftId });
    const x2 = await c.value<ShiftReport>('shift.xReport', { shiftId });
    expect([x1.kind, x1.number, x2.number]).toEqual(['X', 'X C1-S0001.1', 'X C1-S0001.2']);
    const truth = bruteForce(file, shiftId, x1.upTo);
    const f = x1.figures;
    expect(f.sales).toMatchObject({ count: truth.salesCount, totalPaise: truth.salesTotal, discountPaise: truth.discount, tax: { taxablePaise: truth.taxable, cgstPaise: truth.cgst, sgstPaise: truth.sgst, igstPaise: truth.igst } });
    expect(f.sales.count).toBe(3);
    expect(Object.fromEntries(f.payments.map((p) => [p.method, p.amountPaise]))).toEqual(truth.byMethod);
    expect(f.voids).toEqual({ count: 1, totalPaise: voided.total });
    expect(x1.voids).toEqual([
      { invoiceNo: expect.any(String), totalPaise: voided.total, reason: 'wrong item billed' },
      { invoiceNo: expect.any(String), totalPaise: before.total, reason: 'customer came back' },
    ]);
    expect(f.returns).toMatchObject({ count: 2, totalPaise: truth.refundsTotal });
    expect([f.cashRefundsPaise, f.cashIn.totalPaise, f.cashOut.totalPaise]).toEqual([truth.cashRefunds, truth.cashIn, truth.cashOut]);
    expect(f.expectedCashPaise).toBe(truth.expected);
    expect([f.earlierVoids.count, f.cashVoidedPaise]).toEqual([truth.earlierVoids, truth.cashVoided]);
    expect(truth.expected).toBe(200_000 + cash1.total - 5_000 + 50_000 - 12_000 - before.total);
    expect(x1.moves.map((m) => [m.direction, m.reason, m.amountPaise])).toEqual([['in', 'change_float', 50_000], ['out', 'petty_expense', 12_000]]);

    // Count ₹150 short: above the ₹100 threshold, so a manager must approve.
    const expected = f.expectedCashPaise;
    const counts = countsFor(expected - 15_000);
    const refused = await c.call('shift.close', { shiftId, counts });
    expect(refused).toMatchObject({ ok: false, error: { code: 'shift.approval_required', details: { variancePaise: -15_000, expectedPaise: expected, thresholdPaise: 10_000 } } });
    const meera = await staffId(c, 'Meera Iyer');
    expect(await c.call('shift.close', { shiftId, counts, managerStaffId: meera, managerPin: '0000' })).toMatchObject({ ok: false, error: { code: 'auth.pin_invalid' } });
    expect(await c.call('shift.close', { shiftId, counts, managerStaffId: await staffId(c, 'Ravi Kumar'), managerPin: '2222' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    clock.advance(60_000);
    const z = await c.value<ShiftReport>('shift.close', { shiftId, counts, managerStaffId: meera, managerPin: '9999', note: 'short, recounted twice' });
    expect(z).toMatchObject({ kind: 'Z', number: 'Z C1-S0001', shift: { status: 'closed' }, close: { countedPaise: expected - 15_000, expectedPaise: expected, variancePaise: -15_000, approvedBy: { name: 'Meera Iyer' }, closedBy: { name: 'Asha Nair' } } });
    expect(z.figures).toEqual(f);

    // Closed: nothing more goes into it, a new sale belongs to no shift, and the Z reprints as closed.
    expect(await c.call('shift.cashMove', { shiftId, direction: 'in', reason: 'other', amountPaise: 100, note: 'late' })).toMatchObject({ ok: false, error: { code: 'shift.closed' } });
    expect(await c.call('shift.close', { shiftId, counts })).toMatchObject({ ok: false, error: { code: 'shift.closed' } });
    clock.advance(60_000);
    await sell(c, arnica, 1, 'cash', 'after');
    const reprint = await c.value<ShiftReport>('shift.zReport', { shiftId });
    expect(reprint.figures).toEqual(z.figures);
    expect(await c.value('shift.current')).toBeNull();

    // The queue carries the three kinds of fact, the close with the device's figures.
    const db = openStore(file);
    const queued = db.prepare(`SELECT type, payload FROM sync_queue WHERE type LIKE 'shift.%' ORDER BY seq`).all() as { type: string; payload: string }[];
    db.close();
    expect(queued.map((q) => q.type)).toEqual(['shift.opened', 'shift.cash_moved', 'shift.cash_moved', 'shift.closed']);
    const closed = JSON.parse(queued[3]?.payload ?? '{}') as ShiftClosedPayload;
    expect(closed).toMatchObject({ shiftId, approvedBy: meera, variancePaise: -15_000, figures: { salesCount: 3, salesTotalPaise: truth.salesTotal, cashSalesPaise: truth.byMethod.cash, cashVoidedPaise: before.total, voidsCount: 1 } });
    c.core.close();
  });

  it('closes without approval within the threshold, and numbers the next shift on', async () => {
    const file = copyOf(template);
    const c = client(file, { sync: false });
    await c.loginAs('Asha Nair');
    const s = await c.value<ShiftState>('shift.open', { floatPaise: 100_000 });
    const z = await c.value<ShiftReport>('shift.close', { shiftId: s.shift.shiftId, counts: { n500: 2, c5: 1 } });
    expect(z.close).toMatchObject({ countedPaise: 100_500, variancePaise: 500, approvedBy: null, counts: { n500: 2, c5: 1 } });
    expect((await c.value<ShiftState>('shift.open', { floatPaise: 0 })).shift.label).toBe('C1-S0002');
    c.core.close();
  });

  it('shows a second cashier whose shift is open and keeps them out of it, but lets a manager in', async () => {
    const file = copyOf(template);
    const asha = client(file, { sync: false });
    await asha.loginAs('Asha Nair');
    const s = await asha.value<ShiftState>('shift.open', { floatPaise: 50_000 });
    asha.token = null;
    await asha.loginAs('Ravi Kumar');
    expect(await asha.value<ShiftState>('shift.current')).toMatchObject({ shift: { staff: { name: 'Asha Nair' } } });
    expect(await asha.call('shift.cashMove', { shiftId: s.shift.shiftId, direction: 'out', reason: 'petty_expense', amountPaise: 100 })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await asha.call('shift.xReport', { shiftId: s.shift.shiftId })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await asha.call('shift.open', { floatPaise: 0 })).toMatchObject({ ok: false, error: { code: 'shift.already_open' } });
    asha.token = null;
    await asha.loginAs('Meera Iyer');
    expect((await asha.call('shift.xReport', { shiftId: s.shift.shiftId })).ok).toBe(true);
    asha.core.close();
  });

  it('refuses a count that is not whole pieces, and an unknown note, changing nothing', async () => {
    const file = copyOf(template);
    const c = client(file, { sync: false });
    await c.loginAs('Asha Nair');
    const s = await c.value<ShiftState>('shift.open', { floatPaise: 0 });
    expect(await c.call('shift.close', { shiftId: s.shift.shiftId, counts: { n2000: 1 } })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await c.call('shift.close', { shiftId: s.shift.shiftId, counts: { n500: -1 } })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await c.value<ShiftState>('shift.current')).toMatchObject({ shift: { status: 'open' } });
    c.core.close();
  });

  it('takes the variance threshold from the device setting', async () => {
    const file = copyOf(template);
    const db = openStore(file);
    db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('shifts.varianceApprovalPaise', '50000', '2026-11-24T00:00:00Z')`).run();
    db.close();
    const c = client(file, { sync: false });
    await c.loginAs('Asha Nair');
    const s = await c.value<ShiftState>('shift.open', { floatPaise: 100_000 });
    expect(s.thresholdPaise).toBe(50_000);
    const z = await c.value<ShiftReport>('shift.close', { shiftId: s.shift.shiftId, counts: { n200: 3 } }); // ₹400 short, within ₹500
    expect(z.close).toMatchObject({ variancePaise: -40_000, approvedBy: null, thresholdPaise: 50_000 });
    c.core.close();
  });
});

/** A denomination count worth exactly `total` paise (notes of ₹500 down, then ₹1 coins). */
function countsFor(total: number): Record<string, number> {
  const n500 = Math.floor(total / 50_000);
  let rest = total - n500 * 50_000;
  const n100 = Math.floor(rest / 10_000);
  rest -= n100 * 10_000;
  const c1 = Math.floor(rest / 100);
  if (rest - c1 * 100 !== 0) throw new Error(`${total} is not whole rupees`);
  return { n500, n100, c1 };
}
