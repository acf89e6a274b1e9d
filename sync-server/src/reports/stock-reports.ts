/**
 * Stock reports from the ledger's levels (stock_levels) and the batches: valuation at cost and at
 * MRP, expiring batches with the value at risk, slow movers, reorder suggestions (SBA forecast on
 * daily demand from the product rollup), and customer segments by RFM.
 */
import { addDays } from '../../../shared/src/dates.js';
import { reorderQuantity, sbaForecast } from '../../../shared/src/forecast.js';
import type { Queryable } from '../db/db.js';

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export interface StockValuation {
  branches: { branchId: string; code: string; units: number; costPaise: number; mrpPaise: number; batches: number }[];
  totals: { units: number; costPaise: number; mrpPaise: number; batches: number };
}

/** Only positive levels carry value; a negative level (a fact sold ahead of its receipt) is an anomaly, not a credit. */
export async function stockValuation(db: Queryable, branchIds: readonly string[]): Promise<StockValuation> {
  const result = await db.query<Record<string, unknown>>(
    /* sql */ `SELECT l.branch_id, b.code, SUM(l.qty) AS units, SUM(l.qty * COALESCE(bt.cost_paise, 0)) AS cost, SUM(l.qty * COALESCE(bt.mrp_paise, 0)) AS mrp, COUNT(*) AS batches
       FROM stock_levels l JOIN branches b ON b.id = l.branch_id LEFT JOIN batches bt ON bt.id = l.batch_id
      WHERE l.branch_id = ANY($1::uuid[]) AND l.qty > 0
      GROUP BY l.branch_id, b.code ORDER BY b.code`,
    [branchIds],
  );
  const branches = result.rows.map((r) => ({ branchId: String(r.branch_id), code: String(r.code), units: num(r.units), costPaise: num(r.cost), mrpPaise: num(r.mrp), batches: num(r.batches) }));
  const totals = branches.reduce((t, b) => ({ units: t.units + b.units, costPaise: t.costPaise + b.costPaise, mrpPaise: t.mrpPaise + b.mrpPaise, batches: t.batches + b.batches }), {
    units: 0, costPaise: 0, mrpPaise: 0, batches: 0,
  });
  return { branches, totals };
}

export interface ExpiringBatch {
  branchId: string;
  productId: string;
  name: string;
  batchId: string;
  batchNo: string;
  expiry: string;
  qty: number;
  costPaise: number;
  mrpPaise: number;
  /** 0 = already expired, else the first of 30/60/90 the expiry falls within. */
  withinDays: 0 | 30 | 60 | 90;
}

export interface ExpiringReport {
  asOf: string;
  batches: ExpiringBatch[];
  buckets: { withinDays: 0 | 30 | 60 | 90; batches: number; qty: number; costPaise: number; mrpPaise: number }[];
}

export async function expiringStock(db: Queryable, branchIds: readonly string[], asOf: string): Promise<ExpiringReport> {
  const result = await db.query<Record<string, unknown>>(
    /* sql */ `SELECT l.branch_id, l.product_id, COALESCE(p.name, '') AS name, l.batch_id, bt.batch_no, bt.expiry, l.qty,
            l.qty * bt.cost_paise AS cost, l.qty * bt.mrp_paise AS mrp
       FROM stock_levels l JOIN batches bt ON bt.id = l.batch_id LEFT JOIN products p ON p.id = l.product_id
      WHERE l.branch_id = ANY($1::uuid[]) AND l.qty > 0 AND bt.expiry <= $2
      ORDER BY bt.expiry, name, bt.batch_no`,
    [branchIds, addDays(asOf, 90)],
  );
  const bucketOf = (expiry: string): 0 | 30 | 60 | 90 => (expiry < asOf ? 0 : expiry <= addDays(asOf, 30) ? 30 : expiry <= addDays(asOf, 60) ? 60 : 90);
  const batches: ExpiringBatch[] = result.rows.map((r) => ({
    branchId: String(r.branch_id),
    productId: String(r.product_id),
    name: String(r.name),
    batchId: String(r.batch_id),
    batchNo: String(r.batch_no),
    expiry: String(r.expiry),
    qty: num(r.qty),
    costPaise: num(r.cost),
    mrpPaise: num(r.mrp),
    withinDays: bucketOf(String(r.expiry)),
  }));
  const buckets = ([0, 30, 60, 90] as const).map((withinDays) => {
    const inBucket = batches.filter((b) => b.withinDays === withinDays);
    return {
      withinDays,
      batches: inBucket.length,
      qty: inBucket.reduce((s, b) => s + b.qty, 0),
      costPaise: inBucket.reduce((s, b) => s + b.costPaise, 0),
      mrpPaise: inBucket.reduce((s, b) => s + b.mrpPaise, 0),
    };
  });
  return { asOf, batches, buckets };
}

interface ProductStock {
  product_id: string;
  name: string;
  on_hand: string | number;
  cost: string | number;
}

async function onHandByProduct(db: Queryable, branchIds: readonly string[]): Promise<ProductStock[]> {
  const result = await db.query<ProductStock>(
    /* sql */ `SELECT l.product_id, COALESCE(p.name, '') AS name, SUM(GREATEST(l.qty, 0)) AS on_hand, SUM(GREATEST(l.qty, 0) * COALESCE(bt.cost_paise, 0)) AS cost
       FROM stock_levels l LEFT JOIN products p ON p.id = l.product_id LEFT JOIN batches bt ON bt.id = l.batch_id
      WHERE l.branch_id = ANY($1::uuid[]) GROUP BY l.product_id, p.name`,
    [branchIds],
  );
  return result.rows;
}

/** Units sold per product per day in [from, to] (completed sales; voids are already taken out). */
async function dailyDemand(db: Queryable, branchIds: readonly string[], from: string, to: string): Promise<Map<string, Map<string, number>>> {
  const result = await db.query<{ product_id: string; business_date: string; qty: string | number }>(
    /* sql */ `SELECT product_id, business_date, SUM(qty) AS qty FROM rollup_product_day
      WHERE branch_id = ANY($1::uuid[]) AND business_date BETWEEN $2 AND $3 GROUP BY product_id, business_date`,
    [branchIds, from, to],
  );
  const byProduct = new Map<string, Map<string, number>>();
  for (const r of result.rows) {
    const days = byProduct.get(r.product_id) ?? new Map<string, number>();
    days.set(r.business_date, num(r.qty));
    byProduct.set(r.product_id, days);
  }
  return byProduct;
}

export interface SlowMover {
  productId: string;
  name: string;
  onHand: number;
  costPaise: number;
  soldQty: number;
}

/** Products with stock whose sales over the last `days` up to `asOf` were at most `maxSold` units. */
export async function slowMovers(db: Queryable, branchIds: readonly string[], asOf: string, days: number, maxSold: number, limit: number): Promise<SlowMover[]> {
  const [stock, demand] = await Promise.all([onHandByProduct(db, branchIds), dailyDemand(db, branchIds, addDays(asOf, -(days - 1)), asOf)]);
  return stock
    .map((s) => ({
      productId: s.product_id,
      name: s.name,
      onHand: num(s.on_hand),
      costPaise: num(s.cost),
      soldQty: [...(demand.get(s.product_id)?.values() ?? [])].reduce((a, b) => a + b, 0),
    }))
    .filter((s) => s.onHand > 0 && s.soldQty <= maxSold)
    .sort((a, b) => b.costPaise - a.costPaise || a.productId.localeCompare(b.productId))
    .slice(0, limit);
}

export interface ReorderSuggestion {
  productId: string;
  name: string;
  onHand: number;
  perDay: number;
  demandDays: number;
  suggestQty: number;
}

export interface ReorderOptions {
  asOf: string;
  historyDays: number;
  leadDays: number;
  coverDays: number;
  alpha: number;
  limit: number;
}

/** SBA (Syntetos–Boylan) forecast per product on its daily demand; order what lead time + cover need beyond stock. */
export async function reorderSuggestions(db: Queryable, branchIds: readonly string[], o: ReorderOptions): Promise<{ method: 'SBA'; suggestions: ReorderSuggestion[] }> {
  const from = addDays(o.asOf, -(o.historyDays - 1));
  const [stock, demand] = await Promise.all([onHandByProduct(db, branchIds), dailyDemand(db, branchIds, from, o.asOf)]);
  const names = new Map(stock.map((s) => [s.product_id, { name: s.name, onHand: num(s.on_hand) }]));
  const dates = Array.from({ length: o.historyDays }, (_v, i) => addDays(from, i));
  const suggestions: ReorderSuggestion[] = [];
  for (const [productId, days] of demand) {
    const forecast = sbaForecast(dates.map((d) => days.get(d) ?? 0), o.alpha);
    const known = names.get(productId);
    const onHand = known?.onHand ?? 0;
    const suggestQty = reorderQuantity({ perDay: forecast.perDay, onHand, leadDays: o.leadDays, coverDays: o.coverDays });
    if (suggestQty > 0) suggestions.push({ productId, name: known?.name ?? '', onHand, perDay: forecast.perDay, demandDays: forecast.demandDays, suggestQty });
  }
  suggestions.sort((a, b) => b.suggestQty - a.suggestQty || a.productId.localeCompare(b.productId));
  return { method: 'SBA', suggestions: suggestions.slice(0, o.limit) };
}
