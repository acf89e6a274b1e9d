/**
 * Business dates are `YYYY-MM-DD` calendar days in Asia/Kolkata (UTC+05:30, no DST).
 * The offset is fixed by law, so it is applied arithmetically instead of through Intl time zones,
 * which keeps these functions pure and identical on every runtime.
 */

const IST_OFFSET_MS = 330 * 60 * 1000;
const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2025-02-30). */
export function isBusinessDate(date: string): boolean {
  const m = DATE_RE.exec(date);
  if (m === null) return false;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === date;
}

function toUtcMs(date: string): number {
  if (!isBusinessDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The Asia/Kolkata calendar date of an instant (epoch ms). 2026-03-31T20:00Z → '2026-04-01'. */
export function businessDateOf(instantMs: number): string {
  if (!Number.isFinite(instantMs)) throw new RangeError(`instant must be finite, got ${String(instantMs)}`);
  return fromUtcMs(instantMs + IST_OFFSET_MS);
}

/** Adds (or with a negative count, subtracts) whole days. */
export function addDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be an integer, got ${String(days)}`);
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Signed whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/**
 * Indian financial year (1 April – 31 March) containing a business date.
 * label = last two digits of both years: FY 2025-26 → '2526'.
 */
export function financialYearOf(businessDate: string): { startYear: number; label: string } {
  toUtcMs(businessDate);
  const year = Number(businessDate.slice(0, 4));
  const month = Number(businessDate.slice(5, 7));
  const startYear = month >= 4 ? year : year - 1;
  const two = (y: number): string => String(y % 100).padStart(2, '0');
  return { startYear, label: `${two(startYear)}${two(startYear + 1)}` };
}
