/**
 * Demand forecasting for reorder suggestions. Pharmacy demand per SKU is intermittent: most days
 * sell nothing, then a few packs. A moving average underestimates the size of a sale and smears it;
 * Croston's method smooths the size of non-zero demands and the interval between them separately,
 * and the Syntetos–Boylan approximation (SBA) corrects Croston's known upward bias by (1 − α/2).
 * Pure: the caller passes the history (one number per day, oldest first).
 */

export interface DemandForecast {
  /** Expected demand per day (units; fractional). */
  perDay: number;
  /** Days with demand in the history. */
  demandDays: number;
  method: 'SBA';
}

/**
 * SBA forecast of demand per period from a history of per-period quantities (oldest first).
 * `alpha` is the smoothing constant for both size and interval (0.05–0.2 is usual; 0.1 default).
 */
export function sbaForecast(history: readonly number[], alpha = 0.1): DemandForecast {
  if (!(alpha > 0 && alpha <= 1)) throw new Error(`alpha must be in (0, 1], not ${alpha}`);
  let size = 0;
  let interval = 0;
  let sinceLast = 0;
  let demandDays = 0;
  for (const q of history) {
    sinceLast += 1;
    if (!(q > 0)) continue;
    if (demandDays === 0) {
      // Initialise with the first demand and the periods it took to arrive.
      size = q;
      interval = sinceLast;
    } else {
      size += alpha * (q - size);
      interval += alpha * (sinceLast - interval);
    }
    demandDays += 1;
    sinceLast = 0;
  }
  if (demandDays === 0) return { perDay: 0, demandDays: 0, method: 'SBA' };
  return { perDay: (1 - alpha / 2) * (size / interval), demandDays, method: 'SBA' };
}

export interface ReorderInput {
  perDay: number;
  onHand: number;
  /** Days from ordering to the goods on the shelf. */
  leadDays: number;
  /** Days the order should cover after it arrives. */
  coverDays: number;
}

/** Units to order so stock covers lead time plus cover at the forecast rate; 0 when enough is on hand. */
export function reorderQuantity(input: ReorderInput): number {
  const need = Math.ceil(input.perDay * (input.leadDays + input.coverDays) - 1e-9);
  return Math.max(0, need - Math.max(0, input.onHand));
}
