import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ARNICA_30_SKU, DEMO_EXPIRED_SKU, DEMO_NUX_200_SKU } from '../../../../shared/src/demo/demo-data.js';
import { openStore } from '../store/open-store.js';
import { Clock, client, copyOf, makeTemplate, removeTestDirs, TEST_TODAY, type TestClient } from '../testing/demo-store.js';

let template = '';
beforeAll(async () => {
  template = await makeTemplate();
});
afterAll(removeTestDirs);

interface Hit { productId: string; sku: string; name: string; potency: string; form: string; barcode: string; mrpPaise: number }

async function productBySku(c: TestClient, query: string, sku: string): Promise<Hit> {
  const hits = await c.value<Hit[]>('catalog.search', { query, limit: 50 });
  const hit = hits.find((h) => h.sku === sku);
  if (hit === undefined) throw new Error(`${sku} not found by '${query}'`);
  return hit;
}

type Counts = Record<'sales' | 'sale_lines' | 'sale_payments' | 'stock_movements' | 'sync_queue' | 'invoice_series' | 'stock', number>;

function counts(file: string): Counts {
  const db = openStore(file);
  const out = {} as Counts;
  for (const t of ['sales', 'sale_lines', 'sale_payments', 'stock_movements', 'sync_queue', 'invoice_series'] as const) out[t] = (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  out.stock = (db.prepare('SELECT SUM(qty) AS n FROM batch_stock').get() as { n: number }).n;
  db.close();
  return out;
}

describe('logging in with a PIN', () => {
  it('accepts the right PIN, counts down wrong ones and locks after five, doubling the lock', async () => {
    const clock = new Clock();
    const file = copyOf(template);
    const c = client(file, { now: clock.now });
    const ravi = (await c.value<{ id: string; name: string }[]>('auth.staffList')).find((s) => s.name === 'Ravi Kumar');
    const attempt = (pin: string) => c.call('auth.login', { staffId: ravi?.id, pin });
    for (let i = 1; i <= 4; i += 1) {
      const r = await attempt('0000');
      expect(r.ok ? null : [r.error.code, r.error.details?.attemptsLeft]).toEqual(['auth.pin_invalid', 5 - i]);
    }
    const fifth = await attempt('0000');
    expect(fifth.ok ? null : [fifth.error.code, fifth.error.details?.retryAfterSeconds]).toEqual(['auth.pin_locked', 30]);
    const started = performance.now();
    const locked = await attempt('2222');
    expect(performance.now() - started).toBeLessThan(50); // answered without running scrypt
    expect(locked.ok).toBe(false);
    c.core.close();
    // The lock survives a restart of the app.
    const again = client(file, { now: clock.now });
    expect((await again.call('auth.login', { staffId: ravi?.id, pin: '2222' })).ok).toBe(false);
    clock.advance(31_000);
    const sixth = await again.call('auth.login', { staffId: ravi?.id, pin: '1234' });
    expect(sixth.ok ? null : [sixth.error.code, sixth.error.details?.retryAfterSeconds]).toEqual(['auth.pin_locked', 60]);
    clock.advance(61_000);
    expect((await again.call('auth.login', { staffId: ravi?.id, pin: '2222' })).ok).toBe(true);
    again.core.close();
  });

  it('refuses every other method without a session, and unknown or malformed calls', async () => {
    const c = client(copyOf(template));
    expect((await c.call('catalog.search', { query: 'arnica' })).ok).toBe(false);
    expect(await c.core.dispatch({ method: 'nope', args: {} })).toMatchObject({ ok: false, error: { code: 'api.unknown_method' } });
    await c.loginAs('Asha Nair');
    expect(await c.call('catalog.search', { query: 'arnica', extra: 1 })).toMatchObject({ ok: false, error: { code: 'input.invalid', message: 'args.extra is not a known field.' } });
    expect(await c.call('sale.quote', { lines: [{ lineId: 'a', productId: 'p', qty: -1, discountPaise: 0 }] })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await c.call('sale.quote', { lines: [{ lineId: 'a', productId: 'p', qty: 1.5, discountPaise: 0 }] })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    c.core.close();
  });
});

describe('searching the catalogue at the counter', () => {
  it.each([
    ['arnica 30', /^Arnica Montana 30C /],
    ['nux v 200', /^Nux Vomica 200C /],
    ['ars alb 6x', /^Arsenicum Album 6X /],
    ['calc carb 1m', /^Calcarea Carbonica 1M /],
    ['arnica q', /^Arnica Montana Q Mother Tincture/],
    ['rhus tox 200', /^Rhus Toxicodendron 200C /],
  ])('"%s" finds the right remedy and potency first', async (query, expected) => {
    const c = client(template);
    await c.loginAs('Asha Nair');
    const hits = await c.value<Hit[]>('catalog.search', { query });
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits.slice(0, 3)) expect(h.name).toMatch(expected);
    c.core.close();
  });

  it('a potency alone, a form alone or a whole brand lists only matching products, sellable first', async () => {
    const c = client(template);
    await c.loginAs('Asha Nair');
    type Listed = { potency: string; form: string; brand: string; stockQty: number }[];
    const onlyPotency = await c.value<Listed>('catalog.search', { query: '1m' });
    expect(onlyPotency.length).toBe(20);
    expect(new Set(onlyPotency.map((h) => h.potency))).toEqual(new Set(['1M']));
    const onlyForm = await c.value<Listed>('catalog.search', { query: 'drops' });
    expect(onlyForm.length).toBeGreaterThan(0);
    expect(new Set(onlyForm.map((h) => h.form))).toEqual(new Set(['drops']));
    // "sbl" matches thousands: answered from the index order, still only SBL and in-stock first.
    const brand = await c.value<Listed>('catalog.search', { query: 'sbl', limit: 50 });
    expect(brand.length).toBe(50);
    expect(new Set(brand.map((h) => h.brand))).toEqual(new Set(['SBL']));
    const inStock = brand.map((h) => h.stockQty > 0);
    expect(inStock).toEqual([...inStock].sort((a, b) => Number(b) - Number(a)));
    const dilutions = await c.value<Listed>('catalog.search', { query: 'sbl dil 30' });
    expect(dilutions.length).toBeGreaterThan(0);
    for (const h of dilutions) expect([h.brand, h.form, h.potency]).toEqual(['SBL', 'dilution', '30C']);
    c.core.close();
  });

  it('a scanned barcode finds exactly its product, and search syntax in the box cannot break the query', async () => {
    const c = client(template);
    await c.loginAs('Asha Nair');
    const arnica = await productBySku(c, 'arnica 30', DEMO_ARNICA_30_SKU);
    expect((await c.value<Hit[]>('catalog.search', { query: arnica.barcode })).map((h) => h.sku)).toEqual([DEMO_ARNICA_30_SKU]);
    for (const q of ['"', 'arnica*', 'AND (', 'nux NEAR v', "o'reilly", '-- ;']) expect((await c.call('catalog.search', { query: q })).ok).toBe(true);
    c.core.close();
  });
});

describe('selling', () => {
  it('never offers or allocates an expired batch, even when more is asked than good stock holds', async () => {
    const c = client(copyOf(template));
    await c.loginAs('Asha Nair');
    const bell = await productBySku(c, 'bell 30', DEMO_EXPIRED_SKU);
    const db = openStore(copyOf(template));
    const expired = db.prepare(`SELECT b.id, s.qty FROM batches b JOIN batch_stock s ON s.batch_id = b.id JOIN products p ON p.id = b.product_id WHERE p.sku = ? AND b.expiry < ?`).get(DEMO_EXPIRED_SKU, TEST_TODAY) as { id: string; qty: number };
    db.close();
    expect(expired.qty).toBeGreaterThan(0);
    const offered = await c.value<{ batchId: string }[]>('catalog.batches', { productId: bell.productId });
    expect(offered.map((b) => b.batchId)).not.toContain(expired.id);
    const good = offered.reduce((a, b) => a + (b as unknown as { qty: number }).qty, 0);
    const quote = await c.value<{ sellable: boolean; lines: { shortfall: number; allocations: { batchId: string }[] }[] }>('sale.quote', { lines: [{ lineId: 'a', productId: bell.productId, qty: good + 2, discountPaise: 0 }] });
    expect(quote.sellable).toBe(false);
    expect(quote.lines[0]?.shortfall).toBe(2);
    expect(quote.lines[0]?.allocations.map((a) => a.batchId)).not.toContain(expired.id);
    const forced = await c.value<{ lines: { problems: { code: string }[] }[] }>('sale.quote', { lines: [{ lineId: 'a', productId: bell.productId, qty: 1, discountPaise: 0, batchOverrideId: expired.id }] });
    expect(forced.lines[0]?.problems.map((p) => p.code)).toEqual(['stock.batch_expired']);
    c.core.close();
  });

  it('completes a sale in one transaction with consecutive invoice numbers, and refuses bad ones writing nothing', async () => {
    const file = copyOf(template);
    const c = client(file);
    await c.loginAs('Asha Nair');
    const arnica = await productBySku(c, 'arnica 30', DEMO_ARNICA_30_SKU);
    const nux = await productBySku(c, 'nux v 200', DEMO_NUX_200_SKU);
    const lines = [
      { lineId: 'a', productId: arnica.productId, qty: 2, discountPaise: 0 },
      { lineId: 'b', productId: nux.productId, qty: 1, discountPaise: 500 },
    ];
    const quote = await c.value<{ totals: { totalPaise: number; cgstPaise: number; sgstPaise: number; taxablePaise: number; roundOffPaise: number } }>('sale.quote', { lines });
    const total = quote.totals.totalPaise;
    const before = counts(file);
    const refusals = [
      [{ clientRequestId: 'r0', lines, payments: [{ method: 'cash', amountPaise: total - 100 }] }, 'sale.payment_short'],
      [{ clientRequestId: 'r0', lines, payments: [{ method: 'card', amountPaise: total, tenderedPaise: total + 100 }] }, 'sale.payment_invalid'],
      [{ clientRequestId: 'r0', lines: [{ ...lines[0], qty: 500 }], payments: [{ method: 'cash', amountPaise: total }] }, 'stock.insufficient'],
      [{ clientRequestId: 'r0', lines: [{ ...lines[0], discountPaise: arnica.mrpPaise }], payments: [{ method: 'cash', amountPaise: total }] }, 'sale.discount_exceeds_limit'],
      [{ clientRequestId: 'r0', lines: [], payments: [] }, 'sale.empty'],
    ] as const;
    for (const [args, code] of refusals) expect(await c.call('sale.complete', args)).toMatchObject({ ok: false, error: { code } });
    expect(counts(file)).toEqual(before);

    const first = await c.value<{ saleId: string; invoiceNo: string; changePaise: number }>('sale.complete', { clientRequestId: 'r1', lines, payments: [{ method: 'cash', amountPaise: total, tenderedPaise: total + 5000 }] });
    expect(first.invoiceNo).toBe('C1/2627/000001');
    expect(first.changePaise).toBe(5000);
    const repeat = await c.value<{ saleId: string }>('sale.complete', { clientRequestId: 'r1', lines, payments: [{ method: 'cash', amountPaise: total }] });
    expect(repeat.saleId).toBe(first.saleId); // a double press sells once
    const second = await c.value<{ invoiceNo: string }>('sale.complete', { clientRequestId: 'r2', lines: [lines[0]], payments: [{ method: 'upi', amountPaise: (await c.value<{ totals: { totalPaise: number } }>('sale.quote', { lines: [lines[0]] })).totals.totalPaise }] });
    expect(second.invoiceNo).toBe('C1/2627/000002');

    const after = counts(file);
    expect(after.sales - before.sales).toBe(2);
    expect(after.sync_queue - before.sync_queue).toBe(2);
    expect(before.stock - after.stock).toBe(2 + 1 + 2);
    const invoice = await c.value<{ totals: { totalPaise: number; cgstPaise: number; sgstPaise: number }; lines: unknown[]; totalInWords: string }>('sale.get', { saleId: first.saleId });
    expect(invoice.totals).toMatchObject({ totalPaise: total, cgstPaise: quote.totals.cgstPaise, sgstPaise: quote.totals.sgstPaise });
    expect(invoice.totalInWords).toMatch(/^Rupees .* Only$/);
    const db = openStore(file);
    const queued = db.prepare(`SELECT payload FROM sync_queue WHERE type = 'sale.completed' ORDER BY seq LIMIT 1`).get() as { payload: string };
    const payload = JSON.parse(queued.payload) as { saleId: string; invoiceNo: string; lines: { qty: number }[]; totals: { totalPaise: number } };
    expect(payload).toMatchObject({ saleId: first.saleId, invoiceNo: 'C1/2627/000001', totals: { totalPaise: total } });
    expect(payload.lines.reduce((a, l) => a + l.qty, 0)).toBe(3);
    const drift = db.prepare(`SELECT COUNT(*) AS n FROM batch_stock s WHERE s.qty <> (SELECT SUM(m.qty) FROM stock_movements m WHERE m.batch_id = s.batch_id)`).get() as { n: number };
    expect(drift.n).toBe(0);
    db.close();
    c.core.close();
  });

  it('restarts the invoice series at 000001 on 1 April (Indian business day)', async () => {
    const clock = new Clock(Date.parse('2027-03-31T18:00:00Z')); // 23:30 IST on 31 March
    const c = client(copyOf(template), { now: clock.now });
    await c.loginAs('Asha Nair');
    const arnica = await productBySku(c, 'arnica 30', DEMO_ARNICA_30_SKU);
    const lines = [{ lineId: 'a', productId: arnica.productId, qty: 1, discountPaise: 0 }];
    const total = (await c.value<{ totals: { totalPaise: number } }>('sale.quote', { lines })).totals.totalPaise;
    const sell = async (id: string) => (await c.value<{ invoiceNo: string }>('sale.complete', { clientRequestId: id, lines, payments: [{ method: 'cash', amountPaise: total }] })).invoiceNo;
    expect(await sell('m1')).toBe('C1/2627/000001');
    expect(await sell('m2')).toBe('C1/2627/000002');
    clock.advance(60 * 60_000); // 00:30 IST on 1 April
    expect(await sell('a1')).toBe('C1/2728/000001');
    c.core.close();
  });

  it('voids only with a manager PIN, keeps the number used and puts the stock back', async () => {
    const file = copyOf(template);
    const c = client(file);
    await c.loginAs('Asha Nair');
    const arnica = await productBySku(c, 'arnica 30', DEMO_ARNICA_30_SKU);
    const lines = [{ lineId: 'a', productId: arnica.productId, qty: 3, discountPaise: 0 }];
    const total = (await c.value<{ totals: { totalPaise: number } }>('sale.quote', { lines })).totals.totalPaise;
    const stockBefore = counts(file).stock;
    const sale = await c.value<{ saleId: string; invoiceNo: string }>('sale.complete', { clientRequestId: 'v1', lines, payments: [{ method: 'cash', amountPaise: total }] });
    const staff = await c.value<{ id: string; name: string }[]>('auth.staffList');
    const asha = staff.find((s) => s.name === 'Asha Nair')?.id;
    const meera = staff.find((s) => s.name === 'Meera Iyer')?.id;
    expect(await c.call('sale.void', { saleId: sale.saleId, reason: 'customer returned at once', managerStaffId: asha, managerPin: '1111' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await c.call('sale.void', { saleId: sale.saleId, reason: 'customer returned at once', managerStaffId: meera, managerPin: '0000' })).toMatchObject({ ok: false, error: { code: 'auth.pin_invalid' } });
    expect((await c.call('sale.void', { saleId: sale.saleId, reason: 'customer returned at once', managerStaffId: meera, managerPin: '9999' })).ok).toBe(true);
    expect(await c.call('sale.void', { saleId: sale.saleId, reason: 'again', managerStaffId: meera, managerPin: '9999' })).toMatchObject({ ok: false, error: { code: 'sale.already_voided' } });
    expect(counts(file).stock).toBe(stockBefore);
    const db = openStore(file);
    const voided = db.prepare(`SELECT actor_id, payload FROM sync_queue WHERE type = 'sale.voided'`).all() as { actor_id: string; payload: string }[];
    expect(voided.map((v) => [v.actor_id, JSON.parse(v.payload)])).toEqual([[meera, { saleId: sale.saleId, invoiceNo: sale.invoiceNo, reason: 'customer returned at once', approvedBy: meera }]]);
    const moves = db.prepare(`SELECT kind, SUM(qty) AS qty FROM stock_movements WHERE ref_id = ? GROUP BY kind ORDER BY kind`).all(sale.saleId);
    expect(moves).toEqual([{ kind: 'sale', qty: -3 }, { kind: 'void', qty: 3 }]);
    db.close();
    const invoice = await c.value<{ status: string; invoiceNo: string }>('sale.get', { saleId: sale.saleId });
    expect(invoice).toMatchObject({ status: 'voided', invoiceNo: sale.invoiceNo });
    const next = await c.value<{ invoiceNo: string }>('sale.complete', { clientRequestId: 'v2', lines, payments: [{ method: 'cash', amountPaise: total }] });
    expect(Number(next.invoiceNo.slice(-6))).toBe(Number(sale.invoiceNo.slice(-6)) + 1);
    c.core.close();
  });

  it('holds a cart and recalls it once', async () => {
    const c = client(copyOf(template));
    await c.loginAs('Asha Nair');
    const arnica = await productBySku(c, 'arnica 30', DEMO_ARNICA_30_SKU);
    const lines = [{ lineId: 'a', productId: arnica.productId, qty: 2, discountPaise: 0 }];
    const { heldId } = await c.value<{ heldId: string }>('sale.hold', { lines, note: 'Mrs Rao' });
    expect((await c.value<{ heldId: string; totalPaise: number }[]>('sale.listHeld')).map((h) => h.heldId)).toEqual([heldId]);
    expect((await c.value<{ lines: unknown[] }>('sale.recall', { heldId })).lines).toEqual(lines);
    expect(await c.call('sale.recall', { heldId })).toMatchObject({ ok: false, error: { code: 'sale.held_unknown' } });
    c.core.close();
  });

  it('charges IGST to a B2B customer from another state', async () => {
    const c = client(copyOf(template));
    await c.loginAs('Asha Nair');
    expect(await c.call('customer.create', { phone: '12345', name: 'Bad' })).toMatchObject({ ok: false, error: { code: 'customer.phone_invalid' } });
    expect(await c.call('customer.create', { phone: '9876543210', name: 'Pune Clinic', gstin: '27AAPFU0939F1ZX' })).toMatchObject({ ok: false, error: { code: 'customer.gstin_invalid' } });
    const clinic = await c.value<{ id: string; stateCode: string }>('customer.create', { phone: '+91 98765 43210', name: 'Pune Clinic', gstin: '27AAPFU0939F1ZV' });
    expect(clinic.stateCode).toBe('27');
    expect(await c.value('customer.findByPhone', { phone: '9876543210' })).toMatchObject({ id: clinic.id });
    const arnica = await productBySku(c, 'arnica 30', DEMO_ARNICA_30_SKU);
    const quote = await c.value<{ totals: { interState: boolean; igstPaise: number; cgstPaise: number } }>('sale.quote', { lines: [{ lineId: 'a', productId: arnica.productId, qty: 1, discountPaise: 0 }], customerId: clinic.id });
    expect(quote.totals.interState).toBe(true);
    expect(quote.totals.cgstPaise).toBe(0);
    expect(quote.totals.igstPaise).toBeGreaterThan(0);
    c.core.close();
  });
});
