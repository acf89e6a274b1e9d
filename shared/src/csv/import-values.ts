/**
 * Cell parsers of the import files: each returns the typed value or the reason a person can act on.
 * Pure; the caller names the row and column.
 */
import { isBusinessDate } from '../dates.js';
import { parseRupees, type Paise } from '../money.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const good = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

const pad = (n: number): string => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * An expiry as Indian labels and spreadsheets write it: 2027-03-31, 31/03/2027, 31-03-2027,
 * 31.03.2027, or a month alone (03/2027, 2027-03), which means its last day.
 */
export function parseExpiry(text: string): Parsed<string> {
  const t = text.trim();
  if (t === '') return bad('Enter the expiry (YYYY-MM-DD or DD/MM/YYYY).');
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  let date: string | null = null;
  if (m !== null) date = t;
  else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t)) !== null) date = `${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}`;
  else if ((m = /^(\d{1,2})[/.-](\d{4})$/.exec(t)) !== null || (m = /^(\d{4})-(\d{1,2})$/.exec(t)) !== null) {
    const [year, month] = (m[1] ?? '').length === 4 ? [Number(m[1]), Number(m[2])] : [Number(m[2]), Number(m[1])];
    if (month >= 1 && month <= 12) date = `${year}-${pad(month)}-${pad(lastDayOfMonth(year, month))}`;
  }
  if (date === null) return bad(`"${t}" is not a date: write YYYY-MM-DD or DD/MM/YYYY.`);
  if (!isBusinessDate(date)) return bad(`"${t}" is not a real calendar date.`);
  return good(date);
}

/** A whole, positive number of packs up to a million ('1,200' is accepted). */
export function parseQty(text: string): Parsed<number> {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return bad('Enter the quantity.');
  if (!/^\d+$/.test(t)) return bad(`"${text.trim()}" is not a whole number of packs.`);
  const n = Number(t);
  if (n < 1) return bad('The quantity must be at least 1.');
  if (n > 1_000_000) return bad('The quantity must be at most 10,00,000.');
  return good(n);
}

/** Rupees with up to two decimals ('120', '120.5', '1,234.50', '₹120') as exact paise. */
export function parseMoney(text: string, what: string, allowZero: boolean): Parsed<Paise> {
  const t = text.trim();
  if (t === '') return bad(`Enter the ${what} in rupees.`);
  const p = parseRupees(t);
  if (p === null) return bad(`"${t}" is not an amount in rupees with at most two decimals.`);
  if (!allowZero && p === 0) return bad(`The ${what} must be more than zero.`);
  if (p > 10_000_000_000) return bad(`The ${what} is above ₹10 crore.`);
  return good(p);
}

/** Required text of at most `max` characters. */
export function parseText(text: string, what: string, max: number): Parsed<string> {
  const t = text.trim();
  if (t === '') return bad(`Enter the ${what}.`);
  if (t.length > max) return bad(`The ${what} is longer than ${max} characters.`);
  return good(t);
}
