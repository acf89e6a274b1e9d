/**
 * Reorder advice for the device's reorder list, on the shared SBA forecast (shared/src/forecast.ts,
 * the Syntetos–Boylan approximation of Croston's method, which the server's reorder report uses
 * too): the forecast for lead + cover days, whether the stock on hand falls short of it, by how
 * many whole units, and how many days the stock lasts at the forecast rate.
 */
import { reorderQuantity, sbaForecast } from '../forecast.js';

/** How the UI and the docs name the method. */
export const SBA_METHOD_NAME = 'SBA (Syntetos–Boylan approximation of Croston’s method)';
export const DEFAULT_SBA_ALPHA = 0.1;

export interface ReorderInput {
  /** Units sold per day over the history, oldest first. */
  dailyDemand: readonly number[];
  /** Sellable units on hand now. */
  onHand: number;
  /** Days the stock should last after the order arrives. */
  coverDays: number;
  /** Days from ordering to the goods on the shelf. */
  leadDays: number;
  alpha?: number;
}

export interface ReorderAdvice {
  ratePerDay: number;
  /** Demand expected over lead time + cover. */
  forecastQty: number;
  /** True when the stock on hand is below that forecast. */
  reorder: boolean;
  /** Whole units that lift the stock to the forecast (0 when no reorder). */
  suggestedQty: number;
  /** Days the stock on hand lasts at the forecast rate (Infinity without demand). */
  daysOfCover: number;
}

export function reorderAdvice(input: ReorderInput): ReorderAdvice {
  if (!Number.isSafeInteger(input.coverDays) || input.coverDays < 0) throw new RangeError(`coverDays must be a whole number ≥ 0, got ${String(input.coverDays)}`);
  if (!Number.isSafeInteger(input.leadDays) || input.leadDays < 0) throw new RangeError(`leadDays must be a whole number ≥ 0, got ${String(input.leadDays)}`);
  const { perDay } = sbaForecast(input.dailyDemand, input.alpha ?? DEFAULT_SBA_ALPHA);
  const onHand = Math.max(0, input.onHand);
  const suggestedQty = reorderQuantity({ perDay, onHand, leadDays: input.leadDays, coverDays: input.coverDays });
  return {
    ratePerDay: perDay,
    forecastQty: perDay * (input.coverDays + input.leadDays),
    reorder: suggestedQty > 0,
    suggestedQty,
    daysOfCover: perDay === 0 ? Number.POSITIVE_INFINITY : onHand / perDay,
  };
}
