import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ExpiringStockReport,
  GstSummaryReport,
  Granularity,
  PaymentMixReport,
  ReorderReport,
  SalesTrendReport,
  StockValueReport,
  TopProductsReport,
} from '../../../../shared/src/reports/report-types.js';
import { addDays } from '../../../../shared/src/dates.js';
import { openStore } from '../store/open-store.js';
import { copyOf, makeTemplate, removeTestDirs, TEST_TODAY } from '../testing/demo-store.js';
import { buildBranchSales, type BranchSalesFixture } from './testing/branch-sales-fixture.js';
import {
  expectedExpiring,
  expectedGst,
  expectedPaymentMix,
  expectedReorder,
  expectedStockValue,
  expectedTopProducts,
  figuresOf,
  inRange,
  readRawStore,
  type RawStore,
} from './testing/brute-force.js';

let fx: BranchSalesFixture;
let raw: RawStore;
beforeAll(async () => {
  fx = await buildBranchSales(copyOf(await makeTemplate(400)));
  raw = readRawStore(fx.file);
}, 120_000);
afterAll(async () => {
  await fx.c.core.close();
  removeTestDirs();
});

const RANGES = [
  { name: 'both financial years', from: '2025-09-01', to: TEST_TODAY },
  { name: 'this financial year', from: '2026-04-01', to: TEST_TODAY },
  { name: 'the last seven days', from: '2026-11-18', to: TEST_TODAY },
  { name: 'a day without sales', from: '2026-11-02', to: '2026-11-02' },
];
const TREND_CASES = RANGES.flatMap((r) => (['day', 'week', 'month'] as Granularity[]).map((granularity) => ({ ...r, granularity })));

const report = <T>(method: string, args: Record<string, unknown>): Promise<T> => {
  fx.c.token = fx.tokens.manager;
  return fx.c.value<T>(method, args);
};
const figuresOfBucket = ({ invoices, grossPaise, discountPaise, taxablePaise, taxPaise, roundOffPaise, totalPaise }: SalesTrendReport['buckets'][number]) =>
  ({ invoices, grossPaise, discountPaise, taxablePaise, taxPaise, roundOffPaise, totalPaise });

describe('the sales trend', () => {
  it.each(TREND_CASES)('over $name by $granularity equals the raw sales, bucket by bucket', async ({ from, to, granularity }) => {
    const trend = await report<SalesTrendReport>('reports.salesTrend', { from, to, granularity });
    const sales = inRange(raw.sales, from, to);
    expect(trend.totals).toEqual(figuresOf(sales));
    // The buckets tile the range: no day lost or counted twice.
    expect(trend.buckets[0]?.from).toBe(from);
    expect(trend.buckets.at(-1)?.to).toBe(to);
    trend.buckets.forEach((b, i) => {
      if (i > 0) expect(b.from).toBe(addDays(trend.buckets[i - 1]?.to ?? '', 1));
      if (granularity === 'week') expect(new Date(`${b.key}T00:00:00Z`).getUTCDay()).toBe(1);
      if (granularity === 'month') expect(b.key).toBe(b.from.slice(0, 7));
      expect(figuresOfBucket(b)).toEqual(figuresOf(inRange(sales, b.from, b.to)));
    });
    const voids = sales.filter((s) => s.voided).sort((a, b) => (a.businessDate + a.invoiceNo < b.businessDate + b.invoiceNo ? -1 : 1));
    expect(trend.voids).toEqual(voids.map((s) => ({ saleId: s.id, invoiceNo: s.invoiceNo, businessDate: s.businessDate, totalPaise: s.total, counter: s.invoiceNo.split('/')[0], reason: s.voidReason })));
    expect(trend.sources).toEqual({ thisCounter: sales.filter((s) => s.own && !s.voided).length, otherCounters: sales.filter((s) => !s.own && !s.voided).length });
  });

  it('counts each own sale once although the server sent it back, and keeps this counter’s void over the server’s older status', async () => {
    const trend = await report<SalesTrendReport>('reports.salesTrend', { from: '2025-09-01', to: TEST_TODAY });
    const db = openStore(fx.file, { readonly: true });
    const own = db.prepare(`SELECT COUNT(*) AS n, SUM(total_paise) AS total FROM sales WHERE status = 'completed'`).get() as { n: number; total: number };
    const pulled = db.prepare(`SELECT COUNT(*) AS n FROM replica_rows WHERE table_name = 'sales' AND id IN (SELECT id FROM sales)`).get() as { n: number };
    db.close();
    expect(pulled.n).toBe(2);
    // Other counters: C2/2627/000001 and 000004 (000002 is voided, 000007 is before the range, C9 is another branch).
    expect(trend.sources).toEqual({ thisCounter: own.n, otherCounters: 2 });
    const others = raw.sales.filter((s) => !s.own && !s.voided && s.businessDate >= '2025-09-01');
    expect(others.map((s) => s.invoiceNo).sort()).toEqual(['C2/2627/000001', 'C2/2627/000004']);
    expect(trend.totals.totalPaise).toBe(own.total + others.reduce((a, s) => a + s.total, 0));
    expect(trend.voids.map((v) => v.saleId)).toContain(fx.duplicatedSaleIds[1]);
    expect(trend.voids.filter((v) => v.counter === 'C1')).toHaveLength(3);
    expect(trend.voids.find((v) => v.invoiceNo === 'C2/2627/000002')).toMatchObject({ counter: 'C2', reason: null });
  });
});

describe('top products, payment mix and the GST summary', () => {
  it.each(RANGES)('top products over $name are the raw lines ranked by net sales', async ({ from, to }) => {
    const sales = inRange(raw.sales, from, to);
    expect(await report<TopProductsReport>('reports.topProducts', { from, to })).toEqual({ from, to, ...expectedTopProducts(raw, sales, 20) });
    expect(await report<TopProductsReport>('reports.topProducts', { from, to, limit: 3 })).toEqual({ from, to, ...expectedTopProducts(raw, sales, 3) });
  });

  it.each(RANGES)('the payment mix over $name is the raw payments of completed invoices', async ({ from, to }) => {
    const mix = await report<PaymentMixReport>('reports.paymentMix', { from, to });
    expect(mix).toEqual({ from, to, ...expectedPaymentMix(inRange(raw.sales, from, to)) });
    // Payments add up to what the invoices say was paid.
    expect(mix.totalPaise).toBe(figuresOf(inRange(raw.sales, from, to)).totalPaise);
  });

  it.each(RANGES)('the GST summary over $name is the raw line values by rate, HSN, B2B/B2C and series', async ({ from, to }) => {
    expect(await report<GstSummaryReport>('reports.gstSummary', { from, to })).toEqual({ from, to, ...expectedGst(raw, inRange(raw.sales, from, to)) });
  });

  it('covers both GST rates, both HSNs, IGST to another state and one series per counter and financial year', async () => {
    const gst = await report<GstSummaryReport>('reports.gstSummary', { from: '2025-09-01', to: TEST_TODAY });
    expect(gst.rateWise.map((r) => r.rateBp)).toEqual([500, 1200]);
    expect(new Set(gst.hsnWise.map((r) => r.hsn))).toEqual(new Set(['30039011', '30049014']));
    expect(gst.b2b.igstPaise).toBeGreaterThan(0);
    expect(gst.b2c.igstPaise).toBe(0);
    expect(gst.totals.taxablePaise).toBe(gst.rateWise.reduce((a, r) => a + r.taxablePaise, 0));
    expect(gst.documents.map((d) => d.series)).toEqual(['C1/2526', 'C1/2627', 'C2/2627']);
    expect(gst.documents.find((d) => d.series === 'C2/2627')).toEqual({ series: 'C2/2627', first: 'C2/2627/000001', last: 'C2/2627/000004', issued: 3, cancelled: 1, missing: 1 });
    for (const d of gst.documents.filter((x) => x.series.startsWith('C1/'))) {
      expect(d.first.endsWith('/000001')).toBe(true);
      expect(d.missing).toBe(0);
    }
  });
});

describe('stock reports', () => {
  it.each([TEST_TODAY, '2026-12-31', '2025-09-01'])('stock value and expiring stock judged at %s equal the raw batches', async (to) => {
    const args = { from: addDays(to, -30), to };
    expect(await report<StockValueReport>('reports.stockValue', args)).toEqual(expectedStockValue(raw, to));
    const expiring = await report<ExpiringStockReport>('reports.expiringStock', args);
    expect(expiring).toEqual(expectedExpiring(raw, to));
  });

  it('finds stock in every expiry window of the demo store', async () => {
    const expiring = await report<ExpiringStockReport>('reports.expiringStock', { from: TEST_TODAY, to: TEST_TODAY });
    expect(expiring.windows.map((w) => w.window)).toEqual(['expired', 'within30', 'within60', 'within90']);
    expect(expiring.windows.filter((w) => w.batches > 0).length).toBeGreaterThanOrEqual(3);
    const value = await report<StockValueReport>('reports.stockValue', { from: TEST_TODAY, to: TEST_TODAY });
    expect(value.expired.costPaise).toBe(expiring.windows[0]?.costPaise);
    expect(value.totals.mrpPaise).toBeGreaterThan(value.totals.costPaise);
  });

  it.each([
    { name: 'the last 31 days, 14 + 7 days', from: '2026-10-25', to: TEST_TODAY, coverDays: 14, leadDays: 7 },
    { name: 'this financial year, 30 + 10 days', from: '2026-04-01', to: TEST_TODAY, coverDays: 30, leadDays: 10 },
    { name: 'both years, 60 + 0 days', from: '2025-09-01', to: TEST_TODAY, coverDays: 60, leadDays: 0 },
  ])('the reorder list over $name is the SBA forecast of the raw daily sales against sellable stock', async ({ from, to, coverDays, leadDays }) => {
    const list = await report<ReorderReport>('reports.reorderList', { from, to, coverDays, leadDays });
    const expected = expectedReorder(raw, inRange(raw.sales, from, to), from, to, TEST_TODAY, coverDays, leadDays);
    expect(list.rows.map(({ productId, name, onHand, suggestedQty, soldQty, demandDays, lastSold }) => ({ productId, name, onHand, suggestedQty, soldQty, demandDays, lastSold })).sort((a, b) => (a.productId < b.productId ? -1 : 1)))
      .toEqual(expected.sort((a, b) => (a.productId < b.productId ? -1 : 1)));
    expect(list).toMatchObject({ coverDays, leadDays, historyDays: Number((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1), stockDate: TEST_TODAY, method: expect.stringContaining('SBA') });
    // Least cover first.
    for (let i = 1; i < list.rows.length; i += 1) expect(list.rows[i]?.daysOfCover).toBeGreaterThanOrEqual(list.rows[i - 1]?.daysOfCover ?? 0);
  });

  it('names the product that sells steadily and was written down to two units', async () => {
    const list = await report<ReorderReport>('reports.reorderList', { from: '2026-10-25', to: TEST_TODAY });
    const row = list.rows.find((r) => r.productId === fx.lowStockProductId);
    expect(row).toMatchObject({ onHand: 2, soldQty: 10, demandDays: 10, lastSold: TEST_TODAY });
    expect(row?.suggestedQty).toBe(Math.ceil((row?.forecastQty ?? 0) - 2 - 1e-9));
    expect(list).toMatchObject({ coverDays: 14, leadDays: 7 });
  });
});

describe('who may run reports, and on what', () => {
  const METHODS = ['reports.salesTrend', 'reports.topProducts', 'reports.paymentMix', 'reports.gstSummary', 'reports.stockValue', 'reports.expiringStock', 'reports.reorderList'];

  it.each(METHODS)('%s refuses a cashier and a pharmacist, and anyone without a session', async (method) => {
    const args = { from: '2026-11-01', to: TEST_TODAY };
    for (const role of ['cashier', 'pharmacist'] as const) {
      fx.c.token = fx.tokens[role];
      expect(await fx.c.call(method, args)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    }
    fx.c.token = null;
    expect(await fx.c.call(method, args)).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    fx.c.token = fx.tokens.manager;
    expect(await fx.c.call(method, args)).toMatchObject({ ok: true });
  });

  it.each([
    [{ from: '2026-11-25', to: '2026-11-24' }, 'after the end date'],
    [{ from: '2026-02-30', to: '2026-03-01' }, 'not a real date'],
    [{ from: '2026/11/01', to: '2026-11-24' }, 'args.from has an invalid format'],
    [{ from: '2024-01-01', to: TEST_TODAY }, 'at most 731 days'],
    [{ from: '2026-11-01', to: TEST_TODAY, granularity: 'year' }, 'args.granularity must be one of day, week, month'],
    [{ from: '2026-11-01', to: TEST_TODAY, branch: 'PUN' }, 'args.branch is not a known field'],
    [{ from: '2026-11-01' }, 'args.to is required'],
  ])('refuses %j', async (args, message) => {
    fx.c.token = fx.tokens.manager;
    const answer = await fx.c.call('reports.salesTrend', args);
    expect(answer).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(answer.ok ? '' : answer.error.message).toContain(message);
  });

  it('checks the optional arguments of top products and the reorder list', async () => {
    fx.c.token = fx.tokens.manager;
    expect(await fx.c.call('reports.topProducts', { from: TEST_TODAY, to: TEST_TODAY, limit: 0 })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await fx.c.call('reports.reorderList', { from: TEST_TODAY, to: TEST_TODAY, coverDays: 0 })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await fx.c.call('reports.reorderList', { from: TEST_TODAY, to: TEST_TODAY, leadDays: 1.5 })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
  });
});
