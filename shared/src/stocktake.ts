/**
 * Stocktake rules (issue 5): a count sheet is a snapshot of the system quantity per batch at one
 * instant; the variance is counted − expected-at-snapshot, and posting moves stock by exactly that
 * delta, so movements after the snapshot (sales, receipts) still apply on top of the count.
 * Pure: no clock, no ids; quantities are whole packs, money integer paise.
 */
import type { Paise } from './money.js';

/** One batch on a count sheet, as the variance rules need it. */
export interface CountLine {
  productId: string;
  batchId: string;
  /** The system quantity when the sheet was started (the snapshot). */
  expectedQty: number;
  /** null = not counted yet: left out of the posting (its stock stays as it is). */
  countedQty: number | null;
  costPaise: Paise;
  mrpPaise: Paise;
}

export type VarianceStatus = 'match' | 'shortage' | 'excess' | 'uncounted';

export interface LineVariance {
  batchId: string;
  status: VarianceStatus;
  /** counted − expected; 0 when uncounted. */
  units: number;
  valueAtCostPaise: number;
  valueAtMrpPaise: number;
}

export interface VarianceTotals {
  lines: number;
  counted: number;
  uncounted: number;
  shortages: number;
  excesses: number;
  /** Net units (excess − shortage). */
  units: number;
  shortageUnits: number;
  excessUnits: number;
  /** Net value at cost and at MRP (negative = stock lost). */
  valueAtCostPaise: number;
  valueAtMrpPaise: number;
  shortageAtCostPaise: number;
  excessAtCostPaise: number;
}

export interface VarianceReport {
  lines: LineVariance[];
  totals: VarianceTotals;
}

/** The variance of one line: a shortage is counted below expected, an excess above. */
export function lineVariance(line: CountLine): LineVariance {
  if (line.countedQty === null) return { batchId: line.batchId, status: 'uncounted', units: 0, valueAtCostPaise: 0, valueAtMrpPaise: 0 };
  const units = line.countedQty - line.expectedQty;
  const status: VarianceStatus = units === 0 ? 'match' : units < 0 ? 'shortage' : 'excess';
  return { batchId: line.batchId, status, units, valueAtCostPaise: units * line.costPaise, valueAtMrpPaise: units * line.mrpPaise };
}

/** Per line and totals: units, value at cost and at MRP, shortages and excesses apart. */
export function varianceReport(lines: readonly CountLine[]): VarianceReport {
  const per = lines.map(lineVariance);
  const totals: VarianceTotals = {
    lines: per.length, counted: 0, uncounted: 0, shortages: 0, excesses: 0, units: 0, shortageUnits: 0, excessUnits: 0,
    valueAtCostPaise: 0, valueAtMrpPaise: 0, shortageAtCostPaise: 0, excessAtCostPaise: 0,
  };
  for (const v of per) {
    if (v.status === 'uncounted') {
      totals.uncounted += 1;
      continue;
    }
    totals.counted += 1;
    totals.units += v.units;
    totals.valueAtCostPaise += v.valueAtCostPaise;
    totals.valueAtMrpPaise += v.valueAtMrpPaise;
    if (v.status === 'shortage') {
      totals.shortages += 1;
      totals.shortageUnits -= v.units;
      totals.shortageAtCostPaise -= v.valueAtCostPaise;
    } else if (v.status === 'excess') {
      totals.excesses += 1;
      totals.excessUnits += v.units;
      totals.excessAtCostPaise += v.valueAtCostPaise;
    }
  }
  return { lines: per, totals };
}

/** The movements a posting makes: one per counted line whose count differs from the snapshot. */
export function postingDeltas(lines: readonly CountLine[]): { productId: string; batchId: string; delta: number }[] {
  return lines.flatMap((l) => (l.countedQty === null || l.countedQty === l.expectedQty ? [] : [{ productId: l.productId, batchId: l.batchId, delta: l.countedQty - l.expectedQty }]));
}

/** A batch as a scan sees it: which of a product's batches a scanned pack most likely is. */
export interface ScanCandidate {
  batchId: string;
  /** YYYY-MM-DD */
  expiry: string;
  expectedQty: number;
}

/**
 * The batch a scan counts into when the label does not say: the first-expiring batch that is not
 * expired and has stock at the snapshot (FEFO, as the counter sells), else the one with most
 * stock, else the latest expiry. null when the product has no batch on the sheet.
 */
export function defaultScanBatch(candidates: readonly ScanCandidate[], today: string): string | null {
  if (candidates.length === 0) return null;
  const live = candidates.filter((c) => c.expiry >= today && c.expectedQty > 0).sort((a, b) => a.expiry.localeCompare(b.expiry) || a.batchId.localeCompare(b.batchId));
  if (live[0] !== undefined) return live[0].batchId;
  const byStock = [...candidates].sort((a, b) => b.expectedQty - a.expectedQty || b.expiry.localeCompare(a.expiry) || a.batchId.localeCompare(b.batchId));
  return byStock[0]?.batchId ?? null;
}

/** Largest count a line accepts: far above any shelf, far below integer trouble. */
export const MAX_COUNT = 100_000;

/** A typed count is a whole number of packs from 0 to MAX_COUNT, or blank (= not counted). */
export function parseCount(text: string): { kind: 'ok'; qty: number | null } | { kind: 'invalid' } {
  const t = text.trim();
  if (t === '') return { kind: 'ok', qty: null };
  if (!/^\d{1,6}$/.test(t)) return { kind: 'invalid' };
  const qty = Number(t);
  return qty > MAX_COUNT ? { kind: 'invalid' } : { kind: 'ok', qty };
}

/** `stock.counted`: a posted count sheet, one mutation for all its lines. */
export interface StockCountedPayload {
  stocktakeId: string;
  /** ISO instant of the snapshot (the device's clock when the sheet was started). */
  snapshotAt: string;
  brand: string;
  form: string | null;
  /** Manager or admin who confirmed (the actor, or a manager's PIN for a pharmacist). */
  approvedBy: string;
  /** Every counted line, also those that match: the server's level at the snapshot may differ. */
  lines: { productId: string; batchId: string; expectedQty: number; countedQty: number }[];
}
