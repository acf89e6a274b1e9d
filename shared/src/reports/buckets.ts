/**
 * Bucketing business dates into days, weeks (Monday–Sunday) and calendar months, and rolling
 * daily sales figures up into those buckets. Every bucket of the range is present, empty ones
 * with zeros, so a chart's time axis has no gaps. Buckets are clipped to the range: a week that
 * starts before `from` reports only the days inside it.
 */
import { addDays, isBusinessDate } from '../dates.js';
import { paise } from '../money.js';
import type { Granularity, SalesBucket, SalesFigures } from './report-types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export interface Bucket {
  key: string;
  label: string;
  from: string;
  to: string;
}

function checkDate(date: string): void {
  if (!isBusinessDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
}

/** 0 = Monday … 6 = Sunday. */
function weekdayIndex(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

function lastOfMonth(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

const dayMonth = (date: string): string => `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1] ?? ''}`;

/** The bucket a date falls in: the day itself, its week's Monday, or its month 'YYYY-MM'. */
export function bucketKey(date: string, granularity: Granularity): string {
  checkDate(date);
  if (granularity === 'day') return date;
  if (granularity === 'week') return addDays(date, -weekdayIndex(date));
  return date.slice(0, 7);
}

/** The whole (unclipped) period of the bucket containing `date`. */
function periodOf(date: string, granularity: Granularity): { from: string; to: string } {
  if (granularity === 'day') return { from: date, to: date };
  if (granularity === 'week') {
    const monday = addDays(date, -weekdayIndex(date));
    return { from: monday, to: addDays(monday, 6) };
  }
  return { from: `${date.slice(0, 7)}-01`, to: lastOfMonth(date) };
}

function labelOf(from: string, to: string, granularity: Granularity): string {
  if (granularity === 'day') return dayMonth(from);
  if (granularity === 'month') return `${MONTHS[Number(from.slice(5, 7)) - 1] ?? ''} ${from.slice(0, 4)}`;
  return from === to ? dayMonth(from) : `${dayMonth(from)} – ${dayMonth(to)}`;
}

/** Every bucket from `from` to `to` (inclusive), in order, clipped to the range. */
export function bucketsOf(from: string, to: string, granularity: Granularity): Bucket[] {
  checkDate(from);
  checkDate(to);
  if (from > to) throw new RangeError(`range starts after it ends: ${from} > ${to}`);
  const buckets: Bucket[] = [];
  let cursor = from;
  while (cursor <= to) {
    const period = periodOf(cursor, granularity);
    const clipped = { from: cursor, to: period.to < to ? period.to : to };
    buckets.push({ key: bucketKey(cursor, granularity), label: labelOf(clipped.from, clipped.to, granularity), ...clipped });
    cursor = addDays(period.to, 1);
  }
  return buckets;
}

export const ZERO_FIGURES: SalesFigures = Object.freeze({
  invoices: 0,
  grossPaise: paise(0),
  discountPaise: paise(0),
  taxablePaise: paise(0),
  taxPaise: paise(0),
  roundOffPaise: paise(0),
  totalPaise: paise(0),
});

/** Adds two sets of figures exactly. */
export function addFigures(a: SalesFigures, b: SalesFigures): SalesFigures {
  return {
    invoices: a.invoices + b.invoices,
    grossPaise: paise(a.grossPaise + b.grossPaise),
    discountPaise: paise(a.discountPaise + b.discountPaise),
    taxablePaise: paise(a.taxablePaise + b.taxablePaise),
    taxPaise: paise(a.taxPaise + b.taxPaise),
    roundOffPaise: paise(a.roundOffPaise + b.roundOffPaise),
    totalPaise: paise(a.totalPaise + b.totalPaise),
  };
}

/**
 * Rolls daily figures up into the buckets of [from, to]. Days outside the range are a caller's
 * bug (the query filters by the same range), so they throw instead of vanishing from the totals.
 */
export function rollUpSales(days: readonly ({ date: string } & SalesFigures)[], from: string, to: string, granularity: Granularity): SalesBucket[] {
  const buckets = bucketsOf(from, to, granularity);
  const sums = new Map<string, SalesFigures>(buckets.map((b) => [b.key, ZERO_FIGURES]));
  for (const { date, ...figures } of days) {
    const key = date < from || date > to ? undefined : bucketKey(date, granularity);
    const sum = key === undefined ? undefined : sums.get(key);
    if (key === undefined || sum === undefined) throw new RangeError(`day ${date} is outside ${from}..${to}`);
    sums.set(key, addFigures(sum, figures));
  }
  return buckets.map((b) => ({ ...b, ...(sums.get(b.key) ?? ZERO_FIGURES) }));
}

/** Totals of a list of figures (e.g. every bucket). */
export function totalFigures(list: readonly SalesFigures[]): SalesFigures {
  return list.reduce<SalesFigures>((acc, f) => addFigures(acc, f), ZERO_FIGURES);
}
