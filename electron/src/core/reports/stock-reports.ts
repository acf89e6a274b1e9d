/**
 * Stock reports over `batch_stock` (what the counter sells from: the server's level plus this
 * counter's movements not yet in it) and `batches` (cost, MRP, expiry): stock value, expiring
 * stock, and the reorder list from an SBA forecast of the branch's daily sales.
 */
import { addDays, daysBetween } from '../../../../shared/src/dates.js';
import { paise } from '../../../../shared/src/money.js';
import type { ExpiringStockReport, ExpiryWindow, ReorderReport, ReorderRow, StockValueReport } from '../../../../shared/src/reports/report-types.js';
import { DEFAULT_SBA_ALPHA, reorderAdvice, SBA_METHOD_NAME } from '../../../../shared/src/reports/reorder.js';
import type { Db } from '../store/open-store.js';
import { stmt } from '../store/open-store.js';
import { allOver, type SalesScope } from './branch-sales.js';

const n = (v: unknown): number => Number(v ?? 0);

/** Stock on hand at batch cost and MRP, by form; the already-expired part (at `asOf`) apart. */
export function stockValue(db: Db, asOf: string): StockValueReport {
  const rows = stmt(db, /* sql */ `
    SELECT COALESCE(p.form, '') AS form, COUNT(*) AS batches, SUM(s.qty) AS qty, SUM(s.qty * b.cost_paise) AS cost, SUM(s.qty * b.mrp_paise) AS mrp
      FROM batch_stock s JOIN batches b ON b.id = s.batch_id LEFT JOIN products p ON p.id = b.product_id
     WHERE s.qty > 0
     GROUP BY 1 ORDER BY cost DESC, form`).all() as { form: string; batches: number; qty: number; cost: number; mrp: number }[];
  const expired = stmt(db, /* sql */ `
    SELECT COUNT(*) AS batches, SUM(s.qty) AS qty, SUM(s.qty * b.cost_paise) AS cost, SUM(s.qty * b.mrp_paise) AS mrp
      FROM batch_stock s JOIN batches b ON b.id = s.batch_id
     WHERE s.qty > 0 AND b.expiry < ?`).get(asOf) as { batches: number; qty: number | null; cost: number | null; mrp: number | null };
  const negative = stmt(db, /* sql */ `SELECT COUNT(*) AS n FROM batch_stock WHERE qty < 0`).get() as { n: number };
  const list = rows.map((r) => ({ form: r.form === '' ? 'unknown' : r.form, batches: n(r.batches), qty: n(r.qty), costPaise: paise(n(r.cost)), mrpPaise: paise(n(r.mrp)) }));
  return {
    asOf,
    rows: list,
    totals: {
      batches: list.reduce((a, r) => a + r.batches, 0),
      qty: list.reduce((a, r) => a + r.qty, 0),
      costPaise: paise(list.reduce((a, r) => a + r.costPaise, 0)),
      mrpPaise: paise(list.reduce((a, r) => a + r.mrpPaise, 0)),
    },
    expired: { batches: n(expired.batches), qty: n(expired.qty), costPaise: paise(n(expired.cost)), mrpPaise: paise(n(expired.mrp)) },
    negativeBatches: n(negative.n),
  };
}

export const EXPIRY_WINDOWS: readonly ExpiryWindow[] = ['expired', 'within30', 'within60', 'within90'];

/** The window of a batch `daysLeft` days from expiry: expired, 0–30, 31–60, 61–90 (null beyond). */
export function expiryWindow(daysLeft: number): ExpiryWindow | null {
  if (daysLeft < 0) return 'expired';
  if (daysLeft <= 30) return 'within30';
  if (daysLeft <= 60) return 'within60';
  if (daysLeft <= 90) return 'within90';
  return null;
}

/** Batches with stock that expire within 90 days of `asOf`, or have expired: value at risk. */
export function expiringStock(db: Db, asOf: string): ExpiringStockReport {
  const rows = stmt(db, /* sql */ `
    SELECT s.batch_id, b.product_id, COALESCE(p.name, b.product_id) AS name, b.batch_no, b.expiry, s.qty, s.qty * b.cost_paise AS cost, s.qty * b.mrp_paise AS mrp
      FROM batch_stock s JOIN batches b ON b.id = s.batch_id LEFT JOIN products p ON p.id = b.product_id
     WHERE s.qty > 0 AND b.expiry <= ?
     ORDER BY b.expiry, name, b.batch_no`).all(addDays(asOf, 90)) as { batch_id: string; product_id: string; name: string; batch_no: string; expiry: string; qty: number; cost: number; mrp: number }[];
  const batches = rows.map((r) => {
    const daysLeft = daysBetween(asOf, r.expiry);
    return {
      batchId: r.batch_id,
      productId: r.product_id,
      name: r.name,
      batchNo: r.batch_no,
      expiry: r.expiry,
      daysLeft,
      window: expiryWindow(daysLeft) ?? 'within90',
      qty: r.qty,
      costPaise: paise(r.cost),
      mrpPaise: paise(r.mrp),
    };
  });
  const windows = EXPIRY_WINDOWS.map((window) => {
    const inWindow = batches.filter((b) => b.window === window);
    return {
      window,
      batches: inWindow.length,
      qty: inWindow.reduce((a, b) => a + b.qty, 0),
      costPaise: paise(inWindow.reduce((a, b) => a + b.costPaise, 0)),
      mrpPaise: paise(inWindow.reduce((a, b) => a + b.mrpPaise, 0)),
    };
  });
  return { asOf, windows, rows: batches };
}

export interface ReorderOptions {
  coverDays: number;
  leadDays: number;
  /** Business date at which stock on hand must still be sellable (today). */
  today: string;
}

/** Products whose sellable stock is below the SBA forecast of demand over lead + cover days. */
export function reorderList(db: Db, scope: SalesScope, options: ReorderOptions): ReorderReport {
  const historyDays = daysBetween(scope.from, scope.to) + 1;
  const sold = allOver<{ product_id: string; business_date: string; qty: number }>(db, /* sql */ `
    SELECT product_id, business_date, SUM(qty) AS qty FROM branch_lines WHERE status <> 'voided' GROUP BY product_id, business_date`, scope);
  const series = new Map<string, number[]>();
  for (const row of sold) {
    const days = series.get(row.product_id) ?? new Array<number>(historyDays).fill(0);
    days[daysBetween(scope.from, row.business_date)] = n(row.qty);
    series.set(row.product_id, days);
  }
  const ids = JSON.stringify([...series.keys()]);
  const onHand = new Map(
    (stmt(db, /* sql */ `
      SELECT b.product_id, SUM(s.qty) AS qty FROM batch_stock s JOIN batches b ON b.id = s.batch_id
       WHERE s.qty > 0 AND b.expiry >= ? AND b.product_id IN (SELECT value FROM json_each(?)) GROUP BY b.product_id`).all(options.today, ids) as { product_id: string; qty: number }[]).map((r) => [r.product_id, n(r.qty)]),
  );
  const products = new Map(
    (stmt(db, /* sql */ `SELECT id, name, brand, pack_size FROM products WHERE id IN (SELECT value FROM json_each(?))`).all(ids) as { id: string; name: string; brand: string; pack_size: string }[]).map((p) => [p.id, p]),
  );
  const rows: ReorderRow[] = [];
  for (const [productId, days] of series) {
    const stock = onHand.get(productId) ?? 0;
    const advice = reorderAdvice({ dailyDemand: days, onHand: stock, coverDays: options.coverDays, leadDays: options.leadDays, alpha: DEFAULT_SBA_ALPHA });
    if (!advice.reorder) continue;
    const product = products.get(productId);
    const lastIndex = days.reduce((last, qty, i) => (qty > 0 ? i : last), 0);
    rows.push({
      productId,
      name: product?.name ?? productId,
      brand: product?.brand ?? '',
      packSize: product?.pack_size ?? '',
      onHand: stock,
      soldQty: days.reduce((a, q) => a + q, 0),
      demandDays: days.filter((q) => q > 0).length,
      lastSold: addDays(scope.from, lastIndex),
      ratePerDay: advice.ratePerDay,
      forecastQty: advice.forecastQty,
      suggestedQty: advice.suggestedQty,
      daysOfCover: advice.daysOfCover,
    });
  }
  rows.sort((a, b) => a.daysOfCover - b.daysOfCover || b.suggestedQty - a.suggestedQty || a.name.localeCompare(b.name));
  return {
    from: scope.from,
    to: scope.to,
    stockDate: options.today,
    historyDays,
    coverDays: options.coverDays,
    leadDays: options.leadDays,
    alpha: DEFAULT_SBA_ALPHA,
    method: SBA_METHOD_NAME,
    productsConsidered: series.size,
    rows,
  };
}
