/**
 * How report figures read on screen. Tables show exact rupees (formatINR); chart axes use the
 * compact Indian units people say aloud (₹12.5k, ₹3.4L, ₹1.2Cr), for display only.
 */
import { rateLabel } from '../../../shared/src/gst.js';
import type { ExpiryWindow } from '../../../shared/src/reports/report-types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Paise as a short axis label: 0 → '₹0', 95_000 → '₹950', 1_250_000 → '₹12.5k', 34_000_000 → '₹3.4L'. */
export function compactRupees(paise: number): string {
  const sign = paise < 0 ? '-' : '';
  const rupees = Math.abs(paise) / 100;
  const short = (value: number, unit: string): string => `${sign}₹${Number(value.toFixed(value < 100 ? 1 : 0))}${unit}`;
  if (rupees >= 1e7) return short(rupees / 1e7, 'Cr');
  if (rupees >= 1e5) return short(rupees / 1e5, 'L');
  if (rupees >= 1e3) return short(rupees / 1e3, 'k');
  return `${sign}₹${Math.round(rupees)}`;
}

/** '2026-11-24' → '24 Nov 2026'. */
export function longDate(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1] ?? ''} ${date.slice(0, 4)}`;
}

/** A range as a person reads it: '1 Apr 2026 – 24 Nov 2026', or one date. */
export function rangeText(from: string, to: string): string {
  return from === to ? longDate(from) : `${longDate(from)} – ${longDate(to)}`;
}

export function rateText(rateBp: number): string {
  return rateLabel(rateBp);
}

export const WINDOW_LABELS: Readonly<Record<ExpiryWindow, string>> = {
  expired: 'Already expired',
  within30: 'Within 30 days',
  within60: 'In 31–60 days',
  within90: 'In 61–90 days',
};

export const METHOD_LABELS: Readonly<Record<string, string>> = { cash: 'Cash', card: 'Card', upi: 'UPI', points: 'Loyalty points', store_credit: 'Store credit' };

/** A count with Indian digit grouping: 196389 → '1,96,389'. */
export function countText(n: number): string {
  return n.toLocaleString('en-IN');
}

/** '1 day', '31 days'. */
export function daysText(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

/** A quantity that may be fractional (a forecast): '2.85', whole numbers without decimals. */
export function qtyText(qty: number, digits = 1): string {
  return Number.isInteger(qty) ? String(qty) : qty.toFixed(digits);
}

/** Share of a whole as a percentage for people: '42.5%' ('0%' of nothing). */
export function shareText(part: number, whole: number): string {
  if (whole === 0) return '0%';
  return `${((part * 100) / whole).toFixed(1).replace(/\.0$/, '')}%`;
}
