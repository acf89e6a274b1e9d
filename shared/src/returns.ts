/**
 * Returns against an invoice: what a partial return of a line gives back, the credit-note number
 * series, and when a cashier needs a manager. Pure: dates, limits and quantities are passed in.
 */
import { daysBetween, financialYearOf } from './dates.js';
import { mulDivRoundHalfUp } from './gst.js';
import { paise, type Paise } from './money.js';

/** The stored values of one original invoice line that a return splits. */
export interface ReturnableLine {
  qty: number;
  discountPaise: Paise;
  taxablePaise: Paise;
  cgstPaise: Paise;
  sgstPaise: Paise;
  igstPaise: Paise;
  netPaise: Paise;
}

/** What returning some units of a line gives back: the line's own discount share and tax, at its original rate. */
export interface ReturnAmounts {
  discountPaise: Paise;
  taxablePaise: Paise;
  cgstPaise: Paise;
  sgstPaise: Paise;
  igstPaise: Paise;
  netPaise: Paise;
}

export type ReturnQtyCheck = { kind: 'ok' } | { kind: 'invalid'; reason: string } | { kind: 'exceeds'; returnable: number };

/** A return of `qty` units is allowed when 1 ≤ qty ≤ sold − already returned. */
export function checkReturnQty(sold: number, alreadyReturned: number, qty: number): ReturnQtyCheck {
  if (!Number.isSafeInteger(qty) || qty < 1) return { kind: 'invalid', reason: 'Return at least one unit.' };
  const returnable = Math.max(0, sold - alreadyReturned);
  return qty > returnable ? { kind: 'exceeds', returnable } : { kind: 'ok' };
}

/** Share of `total` for units [0, upTo) of `sold`: round(total × upTo / sold), half up, exact in integers. */
function cumulative(total: number, upTo: number, sold: number): number {
  return mulDivRoundHalfUp(total, upTo, sold);
}

/**
 * The amounts returning `qty` units gives back when `alreadyReturned` units of the line were
 * returned before. Net, discount and each tax are the difference of two cumulative shares
 * (rounded half up), so one unit of two at ₹95 gives back exactly ₹95, and returning every unit
 * over any number of returns gives back exactly the line's stored values: no paise lost or
 * created. Taxable is net − tax, so net = taxable + tax on every credit note as on the invoice.
 * Throws RangeError on a quantity outside the line (check it with checkReturnQty first).
 */
export function returnAmounts(line: ReturnableLine, alreadyReturned: number, qty: number): ReturnAmounts {
  if (checkReturnQty(line.qty, alreadyReturned, qty).kind !== 'ok' || alreadyReturned < 0) {
    throw new RangeError(`cannot return ${String(qty)} of ${String(line.qty)} with ${String(alreadyReturned)} returned`);
  }
  const share = (total: Paise): Paise => paise(cumulative(total, alreadyReturned + qty, line.qty) - cumulative(total, alreadyReturned, line.qty));
  const netPaise = share(line.netPaise);
  const cgstPaise = share(line.cgstPaise);
  const sgstPaise = share(line.sgstPaise);
  const igstPaise = share(line.igstPaise);
  const taxablePaise = paise(netPaise - cgstPaise - sgstPaise - igstPaise);
  return { discountPaise: share(line.discountPaise), taxablePaise, cgstPaise, sgstPaise, igstPaise, netPaise };
}

/** Sums returned amounts into credit-note totals. */
export function sumReturnAmounts(lines: readonly ReturnAmounts[]): ReturnAmounts {
  const sum = (key: keyof ReturnAmounts): Paise => paise(lines.reduce((s, l) => s + l[key], 0));
  return { discountPaise: sum('discountPaise'), taxablePaise: sum('taxablePaise'), cgstPaise: sum('cgstPaise'), sgstPaise: sum('sgstPaise'), igstPaise: sum('igstPaise'), netPaise: sum('netPaise') };
}

/**
 * Credit-note numbers: `${prefix}/${fyLabel}/CN${seq:4}`, e.g. `C1/2627/CN0001`, at most 16
 * characters with a 4-character prefix. An invoice number's last part is always six digits, so
 * the two series can never produce the same number. One series per device, consecutive,
 * restarting each financial year (April–March), never reused.
 */
export const CREDIT_NOTE_MAX_SEQ = 9999;

export function formatCreditNoteNo(prefix: string, fyLabel: string, seq: number): string {
  if (!/^[A-Z0-9-]{1,4}$/.test(prefix)) throw new RangeError(`invalid series prefix: ${prefix}`);
  if (!/^\d{4}$/.test(fyLabel)) throw new RangeError(`invalid FY label: ${fyLabel}`);
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > CREDIT_NOTE_MAX_SEQ) throw new RangeError(`seq out of range: ${String(seq)}`);
  return `${prefix}/${fyLabel}/CN${String(seq).padStart(4, '0')}`;
}

/** The next credit-note number; like invoices, a clock set back to an earlier FY continues the series' own FY. */
export function nextCreditNoteNumber(
  series: { prefix: string; fyLabel: string | null; lastSeq: number },
  businessDate: string,
): { kind: 'ok'; creditNoteNo: string; fyLabel: string; seq: number } | { kind: 'exhausted' } {
  const currentFy = financialYearOf(businessDate).label;
  const restart = series.fyLabel === null || series.fyLabel < currentFy;
  const fyLabel = restart ? currentFy : (series.fyLabel as string);
  const seq = restart ? 1 : series.lastSeq + 1;
  if (seq > CREDIT_NOTE_MAX_SEQ) return { kind: 'exhausted' };
  return { kind: 'ok', creditNoteNo: formatCreditNoteNo(series.prefix, fyLabel, seq), fyLabel, seq };
}

/** What a cashier may return alone (settings `returns.cashier_limit_paise`, `returns.cashier_max_days`). */
export interface ReturnLimits {
  cashierLimitPaise: Paise;
  cashierMaxDays: number;
}

/** ₹2,000 per return, within 30 days of the sale. */
export const DEFAULT_RETURN_LIMITS: ReturnLimits = { cashierLimitPaise: paise(200_000), cashierMaxDays: 30 };

/** Null when a cashier may make this return alone; otherwise why a manager must approve it. */
export function returnApprovalReason(input: { totalPaise: Paise; saleDate: string; today: string }, limits: ReturnLimits): string | null {
  if (input.totalPaise > limits.cashierLimitPaise) return `the refund is over the cashier limit of ₹${String(limits.cashierLimitPaise / 100)}`;
  const days = daysBetween(input.saleDate, input.today);
  if (days > limits.cashierMaxDays) return `the sale is ${String(days)} days old (cashiers may return up to ${String(limits.cashierMaxDays)} days)`;
  return null;
}

/** `return.created` payload: one credit note against one original invoice (docs/returns.md). */
export interface ReturnCreatedPayload {
  returnId: string;
  creditNoteNo: string;
  saleId: string;
  invoiceNo: string;
  /** Business date of the return. */
  businessDate: string;
  customerId?: string;
  refundMethod: 'cash' | 'card' | 'upi' | 'store_credit';
  reason: string;
  /** The manager who approved a return above the cashier's limits, or null. */
  approvedBy: string | null;
  /** Id of the customer_ledger entry of a store-credit refund (the server keeps the same id). */
  storeCreditLedgerId?: string;
  lines: {
    /** The original line's number on the invoice (the same on every counter and on the server). */
    lineNo: number;
    productId: string;
    batchId: string;
    qty: number;
    discountPaise: number;
    taxablePaise: number;
    cgstPaise: number;
    sgstPaise: number;
    igstPaise: number;
    netPaise: number;
  }[];
  totals: { taxablePaise: number; cgstPaise: number; sgstPaise: number; igstPaise: number; totalPaise: number };
}
