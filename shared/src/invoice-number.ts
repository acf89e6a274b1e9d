/**
 * Invoice numbers: `${prefix}/${fyLabel}/${seq:6}` e.g. `C1/2526/000001`. One series per device,
 * at most 16 characters (the GST limit), consecutive, restarting each financial year.
 */
import { financialYearOf } from './dates.js';

/** What GST allows in an invoice number: up to 16 of letters, digits, '/' and '-'. */
export const INVOICE_NO_PATTERN = /^[A-Za-z0-9/-]{1,16}$/;

const PREFIX_RE = /^[A-Z0-9-]{1,4}$/;
const FY_LABEL_RE = /^\d{4}$/;
const MAX_SEQ = 999_999;

/** A series prefix is 1–4 uppercase letters, digits or '-' (it must leave room for FY and seq). */
export function validateInvoicePrefix(prefix: string): { kind: 'ok' } | { kind: 'invalid'; reason: string } {
  if (prefix.length === 0) return { kind: 'invalid', reason: 'Prefix is empty; use 1–4 characters such as C1.' };
  if (prefix.length > 4) return { kind: 'invalid', reason: 'Prefix is longer than 4 characters.' };
  if (PREFIX_RE.test(prefix)) return { kind: 'ok' };
  if (PREFIX_RE.test(prefix.toUpperCase())) return { kind: 'invalid', reason: 'Prefix must be uppercase.' };
  return { kind: 'invalid', reason: 'Prefix may only contain A–Z, 0–9 and -.' };
}

/**
 * Formats an invoice number. Throws RangeError for an invalid prefix, an FY label that is not
 * 4 digits or a seq outside 1..999999 (callers go through nextInvoiceNumber).
 */
export function formatInvoiceNo(prefix: string, fyLabel: string, seq: number): string {
  if (validateInvoicePrefix(prefix).kind !== 'ok') throw new RangeError(`invalid invoice prefix: ${prefix}`);
  if (!FY_LABEL_RE.test(fyLabel)) throw new RangeError(`invalid FY label: ${fyLabel}`);
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > MAX_SEQ) throw new RangeError(`seq out of range: ${String(seq)}`);
  return `${prefix}/${fyLabel}/${String(seq).padStart(6, '0')}`;
}

/**
 * The next number of a series for a sale on `businessDate`. Restarts at 1 when the financial
 * year moved on; 'exhausted' past 999999. If the business date falls in an EARLIER FY than the
 * series (a clock set back), the series continues in its own FY instead of restarting, because
 * restarting would reissue numbers already used in that earlier year.
 */
export function nextInvoiceNumber(
  series: { prefix: string; fyLabel: string | null; lastSeq: number },
  businessDate: string,
):
  | { kind: 'ok'; invoiceNo: string; fyLabel: string; seq: number }
  | { kind: 'exhausted' } {
  const currentFy = financialYearOf(businessDate).label;
  let fyLabel: string;
  let seq: number;
  if (series.fyLabel === null || series.fyLabel < currentFy) {
    fyLabel = currentFy;
    seq = 1;
  } else {
    fyLabel = series.fyLabel;
    seq = series.lastSeq + 1;
  }
  if (seq > MAX_SEQ) return { kind: 'exhausted' };
  return { kind: 'ok', invoiceNo: formatInvoiceNo(series.prefix, fyLabel, seq), fyLabel, seq };
}
