/**
 * Sales reports from the rollups (migrations/009_analytics.sql): trend, top products and brands,
 * payment mix, GST summary with document series. Every function takes the branches the caller may
 * see (already checked) and an inclusive business-date range. Money is integer paise.
 */
import type { Queryable } from '../db/db.js';

export interface ReportRange {
  branchIds: readonly string[];
  from: string;
  to: string;
}

export type Granularity = 'day' | 'week' | 'month';

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** A period label per granularity: the day, the Monday starting the ISO week, or YYYY-MM. */
const PERIOD: Record<Granularity, string> = {
  day: 'business_date',
  week: `to_char(date_trunc('week', business_date::date), 'YYYY-MM-DD')`,
  month: 'substr(business_date, 1, 7)',
};

export interface TrendRow {
  period: string;
  sales: number;
  totalPaise: number;
  taxablePaise: number;
  taxPaise: number;
  discountPaise: number;
  voids: number;
  voidedPaise: number;
}

export async function salesTrend(db: Queryable, range: ReportRange, granularity: Granularity): Promise<TrendRow[]> {
  const result = await db.query<Record<string, unknown>>(
    /* sql */ `SELECT ${PERIOD[granularity]} AS period, SUM(sales) AS sales, SUM(total_paise) AS total, SUM(taxable_paise) AS taxable,
            SUM(cgst_paise + sgst_paise + igst_paise) AS tax, SUM(discount_paise) AS discount, SUM(voids) AS voids, SUM(voided_paise) AS voided
       FROM rollup_sales_day
      WHERE branch_id = ANY($1::uuid[]) AND business_date BETWEEN $2 AND $3
      GROUP BY 1 ORDER BY 1`,
    [range.branchIds, range.from, range.to],
  );
  return result.rows.map((r) => ({
    period: String(r.period),
    sales: num(r.sales),
    totalPaise: num(r.total),
    taxablePaise: num(r.taxable),
    taxPaise: num(r.tax),
    discountPaise: num(r.discount),
    voids: num(r.voids),
    voidedPaise: num(r.voided),
  }));
}

export interface TopProductRow {
  productId: string;
  name: string;
  brand: string;
  qty: number;
  netPaise: number;
  discountPaise: number;
  lines: number;
}

export async function topProducts(db: Queryable, range: ReportRange, by: 'revenue' | 'qty', limit: number): Promise<TopProductRow[]> {
  const result = await db.query<Record<string, unknown>>(
    /* sql */ `SELECT r.product_id, COALESCE(p.name, '') AS name, COALESCE(p.brand, '') AS brand, SUM(r.qty) AS qty, SUM(r.net_paise) AS net,
            SUM(r.discount_paise) AS discount, SUM(r.lines) AS lines
       FROM rollup_product_day r LEFT JOIN products p ON p.id = r.product_id
      WHERE r.branch_id = ANY($1::uuid[]) AND r.business_date BETWEEN $2 AND $3
      GROUP BY r.product_id, p.name, p.brand
     HAVING SUM(r.lines) > 0
      ORDER BY ${by === 'qty' ? 'SUM(r.qty) DESC, SUM(r.net_paise) DESC' : 'SUM(r.net_paise) DESC, SUM(r.qty) DESC'}, r.product_id
      LIMIT $4`,
    [range.branchIds, range.from, range.to, limit],
  );
  return result.rows.map((r) => ({
    productId: String(r.product_id),
    name: String(r.name),
    brand: String(r.brand),
    qty: num(r.qty),
    netPaise: num(r.net),
    discountPaise: num(r.discount),
    lines: num(r.lines),
  }));
}

export interface TopBrandRow {
  brand: string;
  qty: number;
  netPaise: number;
  products: number;
}

export async function topBrands(db: Queryable, range: ReportRange, limit: number): Promise<TopBrandRow[]> {
  const result = await db.query<Record<string, unknown>>(
    /* sql */ `SELECT brand, SUM(qty) AS qty, SUM(net_paise) AS net, COUNT(DISTINCT product_id) FILTER (WHERE lines > 0) AS products
       FROM rollup_product_day
      WHERE branch_id = ANY($1::uuid[]) AND business_date BETWEEN $2 AND $3
      GROUP BY brand HAVING SUM(lines) > 0
      ORDER BY SUM(net_paise) DESC, brand LIMIT $4`,
    [range.branchIds, range.from, range.to, limit],
  );
  return result.rows.map((r) => ({ brand: String(r.brand), qty: num(r.qty), netPaise: num(r.net), products: num(r.products) }));
}

export interface PaymentMixRow {
  method: string;
  payments: number;
  amountPaise: number;
  /** Share of the amount, in basis points of the whole (integer). */
  shareBp: number;
}

export async function paymentMix(db: Queryable, range: ReportRange): Promise<PaymentMixRow[]> {
  const result = await db.query<Record<string, unknown>>(
    /* sql */ `SELECT method, SUM(payments) AS payments, SUM(amount_paise) AS amount FROM rollup_payment_day
      WHERE branch_id = ANY($1::uuid[]) AND business_date BETWEEN $2 AND $3
      GROUP BY method HAVING SUM(payments) > 0 ORDER BY SUM(amount_paise) DESC, method`,
    [range.branchIds, range.from, range.to],
  );
  const total = result.rows.reduce((sum, r) => sum + num(r.amount), 0);
  return result.rows.map((r) => ({
    method: String(r.method),
    payments: num(r.payments),
    amountPaise: num(r.amount),
    shareBp: total === 0 ? 0 : Math.round((num(r.amount) * 10_000) / total),
  }));
}

export interface TaxRow {
  lines: number;
  taxablePaise: number;
  cgstPaise: number;
  sgstPaise: number;
  igstPaise: number;
}

export interface GstSummary {
  byRate: (TaxRow & { rateBp: number })[];
  byHsn: (TaxRow & { hsn: string; rateBp: number })[];
  b2b: TaxRow;
  b2c: TaxRow;
  /** Each invoice series used in the range: first and last number, how many, how many voided. */
  documents: { series: string; first: string; last: string; count: number; voided: number }[];
}

const taxRow = (r: Record<string, unknown>): TaxRow => ({
  lines: num(r.lines),
  taxablePaise: num(r.taxable),
  cgstPaise: num(r.cgst),
  sgstPaise: num(r.sgst),
  igstPaise: num(r.igst),
});

const TAX_SUMS = 'SUM(lines) AS lines, SUM(taxable_paise) AS taxable, SUM(cgst_paise) AS cgst, SUM(sgst_paise) AS sgst, SUM(igst_paise) AS igst';

export async function gstSummary(db: Queryable, range: ReportRange): Promise<GstSummary> {
  const params = [range.branchIds, range.from, range.to];
  const where = 'branch_id = ANY($1::uuid[]) AND business_date BETWEEN $2 AND $3';
  const [byRate, byHsn, bySupply, documents] = await Promise.all([
    db.query<Record<string, unknown>>(`SELECT rate_bp, ${TAX_SUMS} FROM rollup_tax_day WHERE ${where} GROUP BY rate_bp HAVING SUM(lines) > 0 ORDER BY rate_bp`, params),
    db.query<Record<string, unknown>>(`SELECT hsn, rate_bp, ${TAX_SUMS} FROM rollup_tax_day WHERE ${where} GROUP BY hsn, rate_bp HAVING SUM(lines) > 0 ORDER BY hsn, rate_bp`, params),
    db.query<Record<string, unknown>>(`SELECT b2b, ${TAX_SUMS} FROM rollup_tax_day WHERE ${where} GROUP BY b2b`, params),
    // Series = the invoice number without its running number (C1/2627): numbers are fixed width.
    db.query<Record<string, unknown>>(
      /* sql */ `SELECT regexp_replace(invoice_no, '/[0-9]+$', '') AS series, MIN(invoice_no) AS first, MAX(invoice_no) AS last, COUNT(*) AS count,
              COUNT(*) FILTER (WHERE status = 'voided') AS voided
         FROM sales WHERE ${where} GROUP BY 1 ORDER BY 1`,
      params,
    ),
  ]);
  const empty: TaxRow = { lines: 0, taxablePaise: 0, cgstPaise: 0, sgstPaise: 0, igstPaise: 0 };
  const supply = (b2b: boolean): TaxRow => {
    const row = bySupply.rows.find((r) => r.b2b === b2b);
    return row === undefined ? empty : taxRow(row);
  };
  return {
    byRate: byRate.rows.map((r) => ({ rateBp: num(r.rate_bp), ...taxRow(r) })),
    byHsn: byHsn.rows.map((r) => ({ hsn: String(r.hsn), rateBp: num(r.rate_bp), ...taxRow(r) })),
    b2b: supply(true),
    b2c: supply(false),
    documents: documents.rows.map((r) => ({ series: String(r.series), first: String(r.first), last: String(r.last), count: num(r.count), voided: num(r.voided) })),
  };
}
