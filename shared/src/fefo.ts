/**
 * First-expiry-first-out batch allocation. Pure: stock levels and the business date come in.
 * A batch's expiry is its last valid day, so a batch expiring ON the business date still sells.
 */
import { addDays } from './dates.js';

export interface StockBatch {
  batchId: string;
  batchNo: string;
  /** Last valid day, YYYY-MM-DD. */
  expiry: string;
  /** Units on hand (may be ≤ 0 when the ledger is behind; such batches are skipped). */
  available: number;
}

export interface Allocation {
  batchId: string;
  batchNo: string;
  expiry: string;
  qty: number;
  nearExpiry: boolean;
}

export type FefoResult =
  | { kind: 'allocated'; allocations: Allocation[] }
  | { kind: 'shortfall'; allocations: Allocation[]; shortBy: number }
  | { kind: 'override_expired'; batchId: string }
  | { kind: 'override_unknown'; batchId: string };

/** Days ahead within which a batch is flagged near expiry, unless configured otherwise. */
export const DEFAULT_NEAR_EXPIRY_DAYS = 90;

/** Expired when the last valid day is before the business date. */
export function isExpired(expiry: string, businessDate: string): boolean {
  return expiry < businessDate;
}

/** Not expired, and expiring within `nearExpiryDays` of the business date (inclusive). */
export function isNearExpiry(expiry: string, businessDate: string, nearExpiryDays: number): boolean {
  return !isExpired(expiry, businessDate) && expiry <= addDays(businessDate, nearExpiryDays);
}

function fefoOrder(a: StockBatch, b: StockBatch): number {
  if (a.expiry !== b.expiry) return a.expiry < b.expiry ? -1 : 1;
  if (a.batchNo !== b.batchNo) return a.batchNo < b.batchNo ? -1 : 1;
  return a.batchId < b.batchId ? -1 : a.batchId > b.batchId ? 1 : 0;
}

/**
 * Allocates `qty` units across batches, earliest expiry first (ties by batchNo), skipping
 * expired and empty batches and never taking more than a batch holds. With `overrideBatchId`
 * the whole quantity comes from that batch only (a pharmacist picked it); an expired or unknown
 * override is refused. Returns a shortfall with the partial allocation when stock is short.
 * Throws RangeError for a qty that is not a positive integer (programmer error).
 */
export function allocateFefo(
  batches: readonly StockBatch[],
  qty: number,
  opts: { businessDate: string; nearExpiryDays: number; overrideBatchId?: string | null },
): FefoResult {
  if (!Number.isSafeInteger(qty) || qty <= 0) throw new RangeError(`qty must be a positive integer, got ${String(qty)}`);
  const { businessDate, nearExpiryDays } = opts;
  const nearLimit = addDays(businessDate, nearExpiryDays);
  const take = (b: StockBatch, n: number): Allocation => ({
    batchId: b.batchId,
    batchNo: b.batchNo,
    expiry: b.expiry,
    qty: n,
    nearExpiry: b.expiry <= nearLimit,
  });

  let candidates: StockBatch[];
  const overrideId = opts.overrideBatchId ?? null;
  if (overrideId !== null) {
    const chosen = batches.find((b) => b.batchId === overrideId);
    if (chosen === undefined) return { kind: 'override_unknown', batchId: overrideId };
    if (isExpired(chosen.expiry, businessDate)) return { kind: 'override_expired', batchId: overrideId };
    candidates = [chosen];
  } else {
    candidates = batches.filter((b) => !isExpired(b.expiry, businessDate)).sort(fefoOrder);
  }

  const allocations: Allocation[] = [];
  let left = qty;
  for (const b of candidates) {
    if (left === 0) break;
    const available = Math.floor(b.available);
    if (available <= 0) continue;
    const n = Math.min(left, available);
    allocations.push(take(b, n));
    left -= n;
  }
  return left === 0 ? { kind: 'allocated', allocations } : { kind: 'shortfall', allocations, shortBy: left };
}
