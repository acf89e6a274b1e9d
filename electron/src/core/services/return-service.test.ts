import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreditNote, ReturnableSale } from '../../../../shared/src/api/returns-api.js';
import { DEMO_ARNICA_30_SKU, DEMO_NUX_200_SKU } from '../../../../shared/src/demo/demo-data.js';
import type { ReturnCreatedPayload } from '../../../../shared/src/returns.js';
import { openStore } from '../store/open-store.js';
import { Clock, client, copyOf, makeTemplate, removeTestDirs, type TestClient } from '../testing/demo-store.js';

let template = '';
beforeAll(async () => {
  template = await makeTemplate(2800);
});
afterAll(removeTestDirs);

const DAY = 86_400_000;

async function productId(c: TestClient, query: string, sku: string): Promise<string> {
  const hits = await c.value<{ productId: string; sku: string }[]>('catalog.search', { query, limit: 50 });
  const hit = hits.find((h) => h.sku === sku);
  if (hit === undefined) throw new Error(`${sku} not found`);
  return hit.productId;
}

/** Sells `qty` of each product (cash unless told), with a line discount on the first line. */
async function sell(c: TestClient, id: string, lines: { productId: string; qty: number; discountPaise?: number }[], options: { method?: string; customerId?: string } = {}): Promise<{ saleId: string; invoiceNo: string }> {
  const cart = lines.map((l, i) => ({ lineId: `l${String(i)}`, productId: l.productId, qty: l.qty, discountPaise: l.discountPaise ?? 0 }));
  const total = (await c.value<{ totals: { totalPaise: number } }>('sale.quote', { lines: cart, customerId: options.customerId ?? null })).totals.totalPaise;
  return c.value('sale.complete', { clientRequestId: id, lines: cart, customerId: options.customerId ?? null, payments: [{ method: options.method ?? 'cash', amountPaise: total }] });
}

function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = openStore(file);
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const batchQty = (file: string, batchId: string): number => query<{ qty: number }>(file, 'SELECT qty FROM batch_stock WHERE batch_id = ?', batchId)[0]?.qty ?? NaN;

describe('returns against an invoice at the counter', () => {
  it('returns 1 of 2 units to the original batch with a credit note at the original price and tax, then the rest, then nothing more', async () => {
    const file = copyOf(template);
    const c = client(file);
    await c.loginAs('Asha Nair');
    const arnica = await productId(c, 'arnica 30', DEMO_ARNICA_30_SKU);
    const sale = await sell(c, 'r1', [{ productId: arnica, qty: 2, discountPaise: 7 }]);
    const found = await c.value<{ saleId: string }[]>('return.find', { query: sale.invoiceNo.toLowerCase() });
    expect(found.map((h) => h.saleId)).toEqual([sale.saleId]);
    const before = await c.value<ReturnableSale>('return.sale', { saleId: sale.saleId });
    const line = before.lines[0];
    if (line === undefined) throw new Error('no line');
    expect([line.qty, line.returnedQty, line.returnableQty, before.refundMethods]).toEqual([2, 0, 2, ['cash']]);
    const stock = batchQty(file, line.batchId);

    const first = await c.value<{ creditNoteId: string; creditNoteNo: string; totalPaise: number }>('return.create', {
      clientRequestId: 'ret-1', saleId: sale.saleId, lines: [{ lineNo: 1, qty: 1 }], refundMethod: 'cash', reason: 'wrong potency',
    });
    expect(first.creditNoteNo).toBe(`${sale.invoiceNo.split('/')[0] ?? ''}/2627/CN0001`);
    expect(batchQty(file, line.batchId)).toBe(stock + 1);
    const note = await c.value<CreditNote>('return.creditNote', { creditNoteId: first.creditNoteId });
    expect(note).toMatchObject({ invoiceNo: sale.invoiceNo, refundMethod: 'cash', reason: 'wrong potency', approvedBy: null, customer: null });
    expect(note.lines.map((l) => [l.qty, l.rateBp, l.unitPricePaise, l.discountPaise])).toEqual([[1, line.rateBp, line.unitPricePaise, 4]]); // half of the 7 paise discount, rounded half up
    expect(note.totals.totalPaise).toBe(note.totals.taxablePaise + note.totals.cgstPaise + note.totals.sgstPaise + note.totals.igstPaise);
    // The same request again answers the first credit note and changes nothing.
    expect(await c.value('return.create', { clientRequestId: 'ret-1', saleId: sale.saleId, lines: [{ lineNo: 1, qty: 1 }], refundMethod: 'cash', reason: 'wrong potency' })).toEqual(first);

    expect(await c.call('return.create', { clientRequestId: 'ret-2', saleId: sale.saleId, lines: [{ lineNo: 1, qty: 2 }], refundMethod: 'cash', reason: 'more' }))
      .toMatchObject({ ok: false, error: { code: 'return.qty_exceeds', message: expect.stringContaining('only 1 of 2') } });
    const second = await c.value<{ creditNoteId: string; creditNoteNo: string; totalPaise: number }>('return.create', {
      clientRequestId: 'ret-3', saleId: sale.saleId, lines: [{ lineNo: 1, qty: 1 }], refundMethod: 'cash', reason: 'the other one too',
    });
    expect(second.creditNoteNo.endsWith('/CN0002')).toBe(true);
    expect(first.totalPaise + second.totalPaise).toBe(line.netPaise);
    const after = await c.value<ReturnableSale>('return.sale', { saleId: sale.saleId });
    expect(after.lines.map((l) => [l.returnedQty, l.returnableQty])).toEqual([[2, 0]]);
    expect((await c.call('return.create', { clientRequestId: 'ret-4', saleId: sale.saleId, lines: [{ lineNo: 1, qty: 1 }], refundMethod: 'cash', reason: 'again' })).ok).toBe(false);

    const moves = query<{ kind: string; qty: number }>(file, `SELECT kind, SUM(qty) AS qty FROM stock_movements WHERE batch_id = ? AND ref_id IN (?, ?, ?) GROUP BY kind ORDER BY kind`, line.batchId, sale.saleId, first.creditNoteId, second.creditNoteId);
    expect(moves).toEqual([{ kind: 'return', qty: 2 }, { kind: 'sale', qty: -2 }]);
    const queued = query<{ payload: string; actor_id: string }>(file, `SELECT payload, actor_id FROM sync_queue WHERE type = 'return.created' ORDER BY seq`).map((q) => JSON.parse(q.payload) as ReturnCreatedPayload);
    expect(queued.map((p) => [p.creditNoteNo, p.invoiceNo, p.refundMethod, p.approvedBy, p.lines.map((l) => [l.lineNo, l.batchId, l.qty])])).toEqual([
      [first.creditNoteNo, sale.invoiceNo, 'cash', null, [[1, line.batchId, 1]]],
      [second.creditNoteNo, sale.invoiceNo, 'cash', null, [[1, line.batchId, 1]]],
    ]);
    expect(queued.reduce((s, p) => s + p.totals.totalPaise, 0)).toBe(line.netPaise);
    const listed = await c.value<{ creditNoteNo: string; totalPaise: number }[]>('return.list', { from: '2026-11-01', to: '2026-11-30' });
    expect(listed.map((l) => l.creditNoteNo)).toEqual([second.creditNoteNo, first.creditNoteNo]);
    c.core.close();
  });

  it('refunds by an original method only, and as store credit only to the sale’s customer, into the ledger', async () => {
    const file = copyOf(template);
    const c = client(file);
    await c.loginAs('Asha Nair');
    const nux = await productId(c, 'nux vomica 200', DEMO_NUX_200_SKU);
    const walkIn = await sell(c, 's1', [{ productId: nux, qty: 3 }], { method: 'upi' });
    const ret = (id: string, saleId: string, refundMethod: string) => c.call<{ creditNoteId: string; totalPaise: number }>('return.create', { clientRequestId: id, saleId, lines: [{ lineNo: 1, qty: 1 }], refundMethod, reason: 'not needed' });
    expect(await ret('x1', walkIn.saleId, 'cash')).toMatchObject({ ok: false, error: { code: 'return.refund_method_invalid', message: expect.stringContaining('refund by upi') } });
    expect(await ret('x2', walkIn.saleId, 'store_credit')).toMatchObject({ ok: false, error: { code: 'return.refund_method_invalid', message: expect.stringContaining('needs a customer') } });
    expect((await ret('x3', walkIn.saleId, 'upi')).ok).toBe(true);

    const customer = await c.value<{ id: string }>('customer.create', { phone: '98450 12345', name: 'Lakshmi Rao' });
    const named = await sell(c, 's2', [{ productId: nux, qty: 2 }], { customerId: customer.id });
    expect((await c.value<{ saleId: string }[]>('return.find', { query: '9845012345' })).map((h) => h.saleId)).toEqual([named.saleId]);
    expect((await c.value<{ saleId: string }[]>('return.find', { query: 'lakshmi' })).map((h) => h.saleId)).toEqual([named.saleId]);
    expect((await c.value<{ saleId: string }[]>('return.find', { query: '2026-11-24' })).map((h) => h.saleId).sort()).toEqual([walkIn.saleId, named.saleId].sort());
    const credit = await ret('x4', named.saleId, 'store_credit');
    if (!credit.ok) throw new Error(credit.error.message);
    expect(query(file, `SELECT customer_id, kind, delta, source_type, source_id FROM customer_ledger WHERE source_type = 'return'`)).toEqual([
      { customer_id: customer.id, kind: 'store_credit', delta: credit.value.totalPaise, source_type: 'return', source_id: credit.value.creditNoteId },
    ]);
    const payload = JSON.parse(query<{ payload: string }>(file, `SELECT payload FROM sync_queue WHERE type = 'return.created' ORDER BY seq DESC LIMIT 1`)[0]?.payload ?? '{}') as ReturnCreatedPayload;
    expect(payload).toMatchObject({ customerId: customer.id, refundMethod: 'store_credit', storeCreditLedgerId: expect.any(String) });
    c.core.close();
  });

  it('asks for a manager above ₹2,000 or after 30 days, and records who approved', async () => {
    const clock = new Clock();
    const file = copyOf(template);
    const c = client(file, { now: clock.now });
    await c.loginAs('Asha Nair');
    const arnica = await productId(c, 'arnica 30', DEMO_ARNICA_30_SKU);
    const big = await sell(c, 'b1', [{ productId: arnica, qty: 60 }]);
    const staff = await c.value<{ id: string; name: string }[]>('auth.staffList');
    const meera = staff.find((s) => s.name === 'Meera Iyer')?.id;
    const asha = staff.find((s) => s.name === 'Asha Nair')?.id;
    // 60 units may come from more than one batch: every line of the sale goes back.
    const bigLines = (await c.value<ReturnableSale>('return.sale', { saleId: big.saleId })).lines;
    expect(bigLines.reduce((s, l) => s + l.qty, 0)).toBe(60);
    const all = { saleId: big.saleId, lines: bigLines.map((l) => ({ lineNo: l.lineNo, qty: l.qty })), refundMethod: 'cash', reason: 'order cancelled' };
    expect(await c.call('return.create', { ...all, clientRequestId: 'a1' })).toMatchObject({ ok: false, error: { code: 'return.approval_required', message: expect.stringContaining('₹2000') } });
    expect(await c.call('return.create', { ...all, clientRequestId: 'a2', managerStaffId: asha, managerPin: '1111' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await c.call('return.create', { ...all, clientRequestId: 'a3', managerStaffId: meera, managerPin: '0000' })).toMatchObject({ ok: false, error: { code: 'auth.pin_invalid' } });
    const approved = await c.value<{ creditNoteId: string }>('return.create', { ...all, clientRequestId: 'a4', managerStaffId: meera, managerPin: '9999' });
    expect((await c.value<CreditNote>('return.creditNote', { creditNoteId: approved.creditNoteId })).approvedBy).toEqual({ id: meera, name: 'Meera Iyer' });

    const small = await sell(c, 'b2', [{ productId: arnica, qty: 1 }]);
    clock.advance(31 * DAY);
    await c.loginAs('Asha Nair');
    const old = await c.value<ReturnableSale>('return.sale', { saleId: small.saleId });
    expect(old.approvalReason).toMatch(/31 days old/);
    expect(await c.call('return.create', { clientRequestId: 'o1', saleId: small.saleId, lines: [{ lineNo: 1, qty: 1 }], refundMethod: 'cash', reason: 'late' })).toMatchObject({ ok: false, error: { code: 'return.approval_required' } });
    c.core.close();
  });
});

describe('voids and returns', () => {
  it('voids only the current business day’s sales, keeps the number used, and sends older ones to a return', async () => {
    const clock = new Clock();
    const file = copyOf(template);
    const c = client(file, { now: clock.now });
    await c.loginAs('Asha Nair');
    const arnica = await productId(c, 'arnica 30', DEMO_ARNICA_30_SKU);
    const staff = await c.value<{ id: string; name: string }[]>('auth.staffList');
    const meera = staff.find((s) => s.name === 'Meera Iyer')?.id;
    const yesterday = await sell(c, 'v1', [{ productId: arnica, qty: 2 }]);
    clock.advance(DAY);
    await c.loginAs('Asha Nair');
    const voidIt = (saleId: string) => c.call('sale.void', { saleId, reason: 'customer changed mind', managerStaffId: meera, managerPin: '9999' });
    expect(await voidIt(yesterday.saleId)).toMatchObject({ ok: false, error: { code: 'sale.void_not_today', message: expect.stringContaining('Return it instead') } });
    expect((await c.value<{ status: string }>('sale.get', { saleId: yesterday.saleId })).status).toBe('completed');

    const today = await sell(c, 'v2', [{ productId: arnica, qty: 2 }]);
    expect((await c.call('return.create', { clientRequestId: 'vr', saleId: today.saleId, lines: [{ lineNo: 1, qty: 1 }], refundMethod: 'cash', reason: 'one too many' })).ok).toBe(true);
    expect(await voidIt(today.saleId)).toMatchObject({ ok: false, error: { code: 'sale.void_has_returns' } });

    const voided = await sell(c, 'v3', [{ productId: arnica, qty: 1 }]);
    expect((await voidIt(voided.saleId)).ok).toBe(true);
    expect(await c.call('return.create', { clientRequestId: 'vv', saleId: voided.saleId, lines: [{ lineNo: 1, qty: 1 }], refundMethod: 'cash', reason: 'after void' })).toMatchObject({ ok: false, error: { code: 'return.sale_voided' } });
    const next = await sell(c, 'v4', [{ productId: arnica, qty: 1 }]);
    expect(Number(next.invoiceNo.slice(-6))).toBe(Number(voided.invoiceNo.slice(-6)) + 1);
    c.core.close();
  });
});

describe('another counter’s sale of the branch', () => {
  it('is found by its number, counts the returns other counters made, and takes stock back to its batch', async () => {
    const file = copyOf(template);
    const c = client(file);
    await c.loginAs('Asha Nair');
    const arnica = await productId(c, 'arnica 30', DEMO_ARNICA_30_SKU);
    // A sale of this counter gives the branch, batch and line shape; a copy of it is "counter 2's" pulled sale.
    const mine = await sell(c, 'p0', [{ productId: arnica, qty: 5 }]);
    const db = openStore(file);
    const sale = db.prepare(`SELECT * FROM sales WHERE id = ?`).get(mine.saleId) as Record<string, unknown>;
    const line = db.prepare(`SELECT * FROM sale_lines WHERE sale_id = ?`).get(mine.saleId) as Record<string, unknown>;
    const put = db.prepare(`INSERT INTO replica_rows (table_name, id, row) VALUES (?, ?, ?)`);
    put.run('sales', 'pulled-sale', JSON.stringify({ id: 'pulled-sale', branchId: sale.branch_id, deviceId: 'other', invoiceNo: 'C9/2627/000042', businessDate: sale.business_date, at: sale.at,
      placeOfSupply: sale.place_of_supply, interState: false, totalPaise: sale.total_paise, status: 'completed' }));
    put.run('sale_lines', 'pulled-line', JSON.stringify({ id: 'pulled-line', saleId: 'pulled-sale', lineNo: 1, productId: line.product_id, batchId: line.batch_id, name: line.name,
      potency: line.potency, form: line.form, packSize: line.pack_size, brand: line.brand, hsn: line.hsn, batchNo: line.batch_no, expiry: line.expiry, qty: 5,
      unitPricePaise: line.unit_price_paise, discountPaise: 0, rateBp: line.rate_bp, taxablePaise: line.taxable_paise, cgstPaise: line.cgst_paise, sgstPaise: line.sgst_paise, igstPaise: 0, netPaise: line.net_paise }));
    put.run('sale_payments', 'pulled-pay', JSON.stringify({ id: 'pulled-pay', saleId: 'pulled-sale', method: 'card', amountPaise: sale.total_paise }));
    // Counter 3 already returned 3 of them.
    put.run('sale_return_lines', 'pulled-ret-line', JSON.stringify({ id: 'pulled-ret-line', returnId: 'ret-c3', saleId: 'pulled-sale', lineNo: 1, qty: 3 }));
    db.close();
    expect(await c.value('return.find', { query: 'c9/2627/000042' })).toMatchObject([{ saleId: 'pulled-sale', own: false, invoiceNo: 'C9/2627/000042' }]);
    const other = await c.value<ReturnableSale>('return.sale', { saleId: 'pulled-sale' });
    expect(other.lines.map((l) => [l.qty, l.returnedQty, l.returnableQty])).toEqual([[5, 3, 2]]);
    expect(other.refundMethods).toEqual(['card']);
    const stock = batchQty(file, String(line.batch_id));
    expect(await c.call('return.create', { clientRequestId: 'q1', saleId: 'pulled-sale', lines: [{ lineNo: 1, qty: 3 }], refundMethod: 'card', reason: 'too many' })).toMatchObject({ ok: false, error: { code: 'return.qty_exceeds' } });
    const made = await c.value<{ creditNoteId: string }>('return.create', { clientRequestId: 'q2', saleId: 'pulled-sale', lines: [{ lineNo: 1, qty: 2 }], refundMethod: 'card', reason: 'too many' });
    expect(batchQty(file, String(line.batch_id))).toBe(stock + 2);
    // This counter's return comes back in the pull: it counts once.
    const back = openStore(file);
    back.prepare(`INSERT INTO replica_rows (table_name, id, row) VALUES ('sale_return_lines', 'back', ?)`).run(JSON.stringify({ id: 'back', returnId: made.creditNoteId, saleId: 'pulled-sale', lineNo: 1, qty: 2 }));
    back.close();
    expect((await c.value<ReturnableSale>('return.sale', { saleId: 'pulled-sale' })).lines.map((l) => l.returnedQty)).toEqual([5]);
    c.core.close();
  });
});
