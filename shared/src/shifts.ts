/**
 * Shift rules (issue 5): the cash drawer's denominations, the X/Z figures of a shift, expected cash
 * and the variance that needs a manager above a threshold. Pure: the core and the server feed
 * rows in and get figures out, so both compute the same numbers.
 */
import type { Role } from './domain.js';
import { paise, type Paise } from './money.js';

/** Indian notes and coins in circulation at a counter, largest first. */
export const DENOMINATIONS = [
  { key: 'n500', valuePaise: 50_000, kind: 'note', label: '₹500' },
  { key: 'n200', valuePaise: 20_000, kind: 'note', label: '₹200' },
  { key: 'n100', valuePaise: 10_000, kind: 'note', label: '₹100' },
  { key: 'n50', valuePaise: 5_000, kind: 'note', label: '₹50' },
  { key: 'n20', valuePaise: 2_000, kind: 'note', label: '₹20' },
  { key: 'n10', valuePaise: 1_000, kind: 'note', label: '₹10' },
  { key: 'c20', valuePaise: 2_000, kind: 'coin', label: '₹20 coin' },
  { key: 'c10', valuePaise: 1_000, kind: 'coin', label: '₹10 coin' },
  { key: 'c5', valuePaise: 500, kind: 'coin', label: '₹5 coin' },
  { key: 'c2', valuePaise: 200, kind: 'coin', label: '₹2 coin' },
  { key: 'c1', valuePaise: 100, kind: 'coin', label: '₹1 coin' },
] as const;

export type DenominationKey = (typeof DENOMINATIONS)[number]['key'];
export const DENOMINATION_KEYS: readonly DenominationKey[] = DENOMINATIONS.map((d) => d.key);
/** How many of each note or coin were counted; a missing key counts 0. */
export type DenominationCount = Partial<Record<DenominationKey, number>>;

/** Most pieces of one denomination a drawer count may hold (a sanity bound, far above a real drawer). */
export const MAX_PIECES = 100_000;

/** Variance (either way) above which closing a shift needs a manager's PIN: ₹100, unless the setting says otherwise. */
export const DEFAULT_VARIANCE_APPROVAL_PAISE = paise(10_000);
/** Device setting (settings table, JSON integer paise) overriding {@link DEFAULT_VARIANCE_APPROVAL_PAISE}. */
export const VARIANCE_APPROVAL_SETTING = 'shifts.varianceApprovalPaise';

/** Cash moved in or out of the drawer outside a sale, with why. */
export type CashMoveDirection = 'in' | 'out';
export type CashMoveReason = 'change_float' | 'petty_expense' | 'bank_deposit' | 'owner_drawing' | 'other';
export const CASH_MOVE_REASONS: Readonly<Record<CashMoveReason, { label: string; directions: readonly CashMoveDirection[] }>> = {
  change_float: { label: 'Change float', directions: ['in', 'out'] },
  petty_expense: { label: 'Petty expense', directions: ['out'] },
  bank_deposit: { label: 'Bank deposit', directions: ['out'] },
  owner_drawing: { label: 'Owner drawing', directions: ['out'] },
  other: { label: 'Other', directions: ['in', 'out'] },
};

export function isReasonAllowed(direction: CashMoveDirection, reason: CashMoveReason): boolean {
  return CASH_MOVE_REASONS[reason].directions.includes(direction);
}

/** Total of a denomination count, or the first entry that is not a count of pieces. */
export function countCash(count: DenominationCount): { kind: 'ok'; totalPaise: Paise } | { kind: 'invalid'; key: string; message: string } {
  let total = 0;
  for (const key of Object.keys(count)) {
    const d = DENOMINATIONS.find((x) => x.key === key);
    if (d === undefined) return { kind: 'invalid', key, message: `${key} is not an Indian note or coin this counter counts.` };
    const n = count[d.key] ?? 0;
    if (!Number.isSafeInteger(n) || n < 0 || n > MAX_PIECES) return { kind: 'invalid', key, message: `${d.label}: enter a whole number of pieces from 0 to ${MAX_PIECES}.` };
    total += n * d.valuePaise;
  }
  return { kind: 'ok', totalPaise: paise(total) };
}

/** One sale of the shift's window as the store holds it. */
export interface ShiftSaleRow {
  status: 'completed' | 'voided';
  totalPaise: number;
  discountPaise: number;
  taxablePaise: number;
  cgstPaise: number;
  sgstPaise: number;
  igstPaise: number;
  roundOffPaise: number;
  /** The amounts applied per method (cash already net of change). Unknown methods are grouped by name. */
  payments: readonly { method: string; amountPaise: number }[];
}

export interface ShiftRefundRow {
  method: string;
  totalPaise: number;
  taxablePaise: number;
  cgstPaise: number;
  sgstPaise: number;
  igstPaise: number;
}

export interface ShiftCashMoveRow {
  direction: CashMoveDirection;
  amountPaise: number;
}

export interface MethodTotal {
  method: string;
  count: number;
  amountPaise: Paise;
}

export interface TaxTotals {
  taxablePaise: Paise;
  cgstPaise: Paise;
  sgstPaise: Paise;
  igstPaise: Paise;
}

/** The figures of an X (mid-shift) or Z (close) report; every amount in paise. */
export interface ShiftFigures {
  floatPaise: Paise;
  sales: { count: number; totalPaise: Paise; discountPaise: Paise; roundOffPaise: Paise; tax: TaxTotals };
  /** Payments of completed sales by method, in a stable order (cash, card, upi, then others by name). */
  payments: MethodTotal[];
  voids: { count: number; totalPaise: Paise };
  returns: { count: number; totalPaise: Paise; tax: TaxTotals; byMethod: MethodTotal[] };
  cashIn: { count: number; totalPaise: Paise };
  cashOut: { count: number; totalPaise: Paise };
  /**
   * Sales of an earlier shift voided during this one: their money went back to the customer from
   * this drawer (the earlier Z had counted them). Cash handed back is `cashVoidedPaise`.
   */
  earlierVoids: { count: number; totalPaise: Paise };
  cashSalesPaise: Paise;
  cashRefundsPaise: Paise;
  cashVoidedPaise: Paise;
  /** float + cash sales − cash refunds − cash of earlier sales voided now + cash in − cash out. */
  expectedCashPaise: Paise;
}

const METHOD_ORDER = ['cash', 'card', 'upi'];
function byMethodOrder(a: MethodTotal, b: MethodTotal): number {
  const ia = METHOD_ORDER.indexOf(a.method);
  const ib = METHOD_ORDER.indexOf(b.method);
  if (ia !== ib) return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
  return a.method < b.method ? -1 : a.method > b.method ? 1 : 0;
}

function addTo(map: Map<string, { count: number; amount: number }>, method: string, amount: number): void {
  const t = map.get(method) ?? { count: 0, amount: 0 };
  t.count += 1;
  t.amount += amount;
  map.set(method, t);
}

function toTotals(map: Map<string, { count: number; amount: number }>): MethodTotal[] {
  return [...map].map(([method, t]) => ({ method, count: t.count, amountPaise: paise(t.amount) })).sort(byMethodOrder);
}

/** Expected cash in the drawer: the float plus every cash movement of the shift. */
export function expectedCash(input: { floatPaise: number; cashSalesPaise: number; cashRefundsPaise: number; cashInPaise: number; cashOutPaise: number; cashVoidedPaise?: number }): Paise {
  return paise(input.floatPaise + input.cashSalesPaise - input.cashRefundsPaise - (input.cashVoidedPaise ?? 0) + input.cashInPaise - input.cashOutPaise);
}

/** The shift's figures from its rows. Voided sales count only as voids; refunds reduce cash only when paid in cash. */
export function shiftFigures(input: {
  floatPaise: number;
  sales: readonly ShiftSaleRow[];
  refunds: readonly ShiftRefundRow[];
  moves: readonly ShiftCashMoveRow[];
  /** Sales made before the shift opened and voided within it. */
  earlierVoids?: readonly ShiftSaleRow[];
}): ShiftFigures {
  const s = { count: 0, total: 0, discount: 0, roundOff: 0, taxable: 0, cgst: 0, sgst: 0, igst: 0 };
  const v = { count: 0, total: 0 };
  const pay = new Map<string, { count: number; amount: number }>();
  for (const sale of input.sales) {
    if (sale.status === 'voided') {
      v.count += 1;
      v.total += sale.totalPaise;
      continue;
    }
    s.count += 1;
    s.total += sale.totalPaise;
    s.discount += sale.discountPaise;
    s.roundOff += sale.roundOffPaise;
    s.taxable += sale.taxablePaise;
    s.cgst += sale.cgstPaise;
    s.sgst += sale.sgstPaise;
    s.igst += sale.igstPaise;
    for (const p of sale.payments) addTo(pay, p.method, p.amountPaise);
  }
  const r = { count: 0, total: 0, taxable: 0, cgst: 0, sgst: 0, igst: 0 };
  const refundBy = new Map<string, { count: number; amount: number }>();
  for (const refund of input.refunds) {
    r.count += 1;
    r.total += refund.totalPaise;
    r.taxable += refund.taxablePaise;
    r.cgst += refund.cgstPaise;
    r.sgst += refund.sgstPaise;
    r.igst += refund.igstPaise;
    addTo(refundBy, refund.method, refund.totalPaise);
  }
  const cin = { count: 0, total: 0 };
  const cout = { count: 0, total: 0 };
  for (const m of input.moves) {
    const t = m.direction === 'in' ? cin : cout;
    t.count += 1;
    t.total += m.amountPaise;
  }
  const late = { count: 0, total: 0, cash: 0 };
  for (const sale of input.earlierVoids ?? []) {
    late.count += 1;
    late.total += sale.totalPaise;
    for (const p of sale.payments) if (p.method === 'cash') late.cash += p.amountPaise;
  }
  const cashSales = pay.get('cash')?.amount ?? 0;
  const cashRefunds = refundBy.get('cash')?.amount ?? 0;
  return {
    floatPaise: paise(input.floatPaise),
    sales: {
      count: s.count,
      totalPaise: paise(s.total),
      discountPaise: paise(s.discount),
      roundOffPaise: paise(s.roundOff),
      tax: { taxablePaise: paise(s.taxable), cgstPaise: paise(s.cgst), sgstPaise: paise(s.sgst), igstPaise: paise(s.igst) },
    },
    payments: toTotals(pay),
    voids: { count: v.count, totalPaise: paise(v.total) },
    returns: { count: r.count, totalPaise: paise(r.total), tax: { taxablePaise: paise(r.taxable), cgstPaise: paise(r.cgst), sgstPaise: paise(r.sgst), igstPaise: paise(r.igst) }, byMethod: toTotals(refundBy) },
    cashIn: { count: cin.count, totalPaise: paise(cin.total) },
    cashOut: { count: cout.count, totalPaise: paise(cout.total) },
    earlierVoids: { count: late.count, totalPaise: paise(late.total) },
    cashSalesPaise: paise(cashSales),
    cashRefundsPaise: paise(cashRefunds),
    cashVoidedPaise: paise(late.cash),
    expectedCashPaise: expectedCash({ floatPaise: input.floatPaise, cashSalesPaise: cashSales, cashRefundsPaise: cashRefunds, cashVoidedPaise: late.cash, cashInPaise: cin.total, cashOutPaise: cout.total }),
  };
}

/** Counted − expected: positive = over (more cash than expected), negative = short. */
export function cashVariance(countedPaise: number, expectedPaise: number): Paise {
  return paise(countedPaise - expectedPaise);
}

/** A variance strictly above the threshold, over or short, needs a manager's approval; exactly the threshold does not. */
export function varianceNeedsApproval(variancePaise: number, thresholdPaise: number): boolean {
  return Math.abs(variancePaise) > thresholdPaise;
}

/** Who may approve a variance (the same people who approve voids). */
export function canApproveShiftVariance(role: Role): boolean {
  return role === 'manager' || role === 'admin';
}

/** A shift is its owner's; a manager or admin may also move cash in it, report on it and close it. */
export function mayActOnShift(actor: { id: string; role: Role }, ownerId: string): boolean {
  return actor.id === ownerId || actor.role === 'manager' || actor.role === 'admin';
}

/** A valid variance threshold setting (integer paise, 0 to ₹1 lakh), else the default. */
export function varianceThreshold(setting: unknown): Paise {
  return typeof setting === 'number' && Number.isSafeInteger(setting) && setting >= 0 && setting <= 10_000_000 ? paise(setting) : DEFAULT_VARIANCE_APPROVAL_PAISE;
}
