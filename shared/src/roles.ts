/**
 * Role limits at the counter. Discounts are capped per role as a share of the line's gross.
 */
import type { Role } from './domain.js';
import { paise, type Paise } from './money.js';

const MAX_LINE_DISCOUNT_BP: Readonly<Record<Role, number>> = {
  cashier: 1000,
  pharmacist: 1500,
  manager: 10_000,
  admin: 10_000,
};

/** Largest line discount a role may give, in basis points of the line gross (1000 = 10 %). */
export function maxLineDiscountBp(role: Role): number {
  return MAX_LINE_DISCOUNT_BP[role];
}

/** Voiding a completed sale is reserved for managers and admins. */
export function canVoidSales(role: Role): boolean {
  return role === 'manager' || role === 'admin';
}

/**
 * Checks a line discount for a role. The limit is floor(gross × maxBp / 10000) so a rounded
 * limit never exceeds the percentage. Checked in order: negative, exceeds gross, exceeds limit.
 */
export function validateLineDiscount(
  grossPaise: Paise,
  discountPaise: Paise,
  role: Role,
):
  | { kind: 'ok' }
  | { kind: 'negative' }
  | { kind: 'exceeds_gross' }
  | { kind: 'exceeds_limit'; maxPaise: Paise } {
  if (discountPaise < 0) return { kind: 'negative' };
  if (discountPaise > grossPaise) return { kind: 'exceeds_gross' };
  const bp = maxLineDiscountBp(role);
  const maxPaise = paise(Number((BigInt(Math.max(0, grossPaise)) * BigInt(bp)) / 10_000n));
  if (discountPaise > maxPaise) return { kind: 'exceeds_limit', maxPaise };
  return { kind: 'ok' };
}

/** Goods receipt (and, later, stocktake counts): pharmacists, managers and admins. */
export function canReceiveStock(role: Role): boolean {
  return role === 'pharmacist' || role === 'manager' || role === 'admin';
}

/** Stock adjustments (damage, write-off, sample, correction) are a manager's call. */
export function canAdjustStock(role: Role): boolean {
  return role === 'manager' || role === 'admin';
}

/**
 * Who may record an adjustment at the counter: a manager on their own authority, a pharmacist only
 * with a manager's PIN on the spot (shared/src/stock-office/adjustment-approval.ts).
 */
export function canRecordAdjustment(role: Role): boolean {
  return role === 'pharmacist' || canAdjustStock(role);
}
