/**
 * Report periods: date-range presets around the Indian financial year (1 April – 31 March,
 * quarters Apr–Jun, Jul–Sep, Oct–Dec, Jan–Mar) and the validation every report range passes.
 * Pure: "today" is the branch's business date, passed in.
 */
import { addDays, daysBetween, financialYearOf, isBusinessDate } from '../dates.js';
import type { Granularity } from './report-types.js';

export type PresetId = 'today' | 'yesterday' | 'last7' | 'last30' | 'thisMonth' | 'lastMonth' | 'thisQuarter' | 'lastQuarter' | 'thisFy' | 'lastFy';

export const PRESET_IDS: readonly PresetId[] = ['today', 'yesterday', 'last7', 'last30', 'thisMonth', 'lastMonth', 'thisQuarter', 'lastQuarter', 'thisFy', 'lastFy'];

/** Longest range a report accepts: two financial years (a leap year included). */
export const MAX_RANGE_DAYS = 731;

export interface DateRange {
  from: string;
  to: string;
}

export interface Preset extends DateRange {
  id: PresetId;
  label: string;
  /** The granularity that reads best for the preset's length. */
  granularity: Granularity;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const firstOfMonth = (year: number, month: number): string => {
  // month may run outside 1..12 (month arithmetic); normalise it.
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return `${y}-${pad(m)}-01`;
};
const ymd = (date: string): { y: number; m: number } => ({ y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)) });

/** 'FY 2026-27' for the financial year starting 1 April 2026. */
export function fyName(startYear: number): string {
  return `FY ${startYear}-${pad((startYear + 1) % 100)}`;
}

/** First day of the financial-year quarter containing a date (Q1 starts 1 April). */
export function fyQuarterStart(date: string): string {
  const { y, m } = ymd(date);
  const startMonth = m - ((m - 4 + 12) % 3);
  return firstOfMonth(y, startMonth);
}

/** Q1–Q4 of the financial year for a date (April = Q1, January = Q4). */
export function fyQuarterOf(date: string): number {
  return Math.floor(((ymd(date).m - 4 + 12) % 12) / 3) + 1;
}

/** Granularity that keeps a chart readable: days up to a month, weeks up to ~4 months, then months. */
export function suggestedGranularity(range: DateRange): Granularity {
  const days = daysBetween(range.from, range.to) + 1;
  return days <= 31 ? 'day' : days <= 120 ? 'week' : 'month';
}

/** The range of a preset on business date `today`; periods still running end today. */
export function presetRange(id: PresetId, today: string): Preset {
  if (!isBusinessDate(today)) throw new RangeError(`not a business date: ${today}`);
  const { y, m } = ymd(today);
  const fy = financialYearOf(today).startYear;
  const make = (label: string, from: string, to: string): Preset => ({ id, label, from, to, granularity: suggestedGranularity({ from, to }) });
  switch (id) {
    case 'today':
      return make('Today', today, today);
    case 'yesterday':
      return make('Yesterday', addDays(today, -1), addDays(today, -1));
    case 'last7':
      return make('Last 7 days', addDays(today, -6), today);
    case 'last30':
      return make('Last 30 days', addDays(today, -29), today);
    case 'thisMonth':
      return make('This month', firstOfMonth(y, m), today);
    case 'lastMonth':
      return make('Last month', firstOfMonth(y, m - 1), addDays(firstOfMonth(y, m), -1));
    case 'thisQuarter':
      return make(`This quarter (Q${fyQuarterOf(today)})`, fyQuarterStart(today), today);
    case 'lastQuarter': {
      const start = fyQuarterStart(addDays(fyQuarterStart(today), -1));
      return make(`Last quarter (Q${fyQuarterOf(start)})`, start, addDays(fyQuarterStart(today), -1));
    }
    case 'thisFy':
      return make(`This FY (${fyName(fy)})`, `${fy}-04-01`, today);
    case 'lastFy':
      return make(`Last FY (${fyName(fy - 1)})`, `${fy - 1}-04-01`, `${fy}-03-31`);
  }
}

/** Every preset for `today`, in menu order. */
export function presetsFor(today: string): Preset[] {
  return PRESET_IDS.map((id) => presetRange(id, today));
}

/** Why a range cannot be reported on, or null when it can. */
export function rangeProblem(range: DateRange): string | null {
  if (!isBusinessDate(range.from)) return `The start date ${range.from} is not a real date (YYYY-MM-DD).`;
  if (!isBusinessDate(range.to)) return `The end date ${range.to} is not a real date (YYYY-MM-DD).`;
  if (range.from > range.to) return `The start date ${range.from} is after the end date ${range.to}.`;
  const days = daysBetween(range.from, range.to) + 1;
  if (days > MAX_RANGE_DAYS) return `That range is ${days} days; reports cover at most ${MAX_RANGE_DAYS} days (two financial years).`;
  return null;
}
