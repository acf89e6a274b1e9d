/**
 * Loyalty on the counter: the rule (device settings, key `loyalty`), balances (sums of
 * `customer_ledger`) and the ledger entries of a sale, written in the sale's own transaction.
 *
 * Ids are derived from (source, kind) (shared/src/loyalty.ts), so the server writes the same rows
 * under the same ids from the pushed `sale.completed`, and the pulled row replaces the local one:
 * a balance never counts a fact twice, before or after sync.
 */
import type { PaymentInput } from '../../../../shared/src/api-contract.js';
import type { CustomerBalances } from '../../../../shared/src/api/customers-api.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import {
  checkPointsRedemption,
  ledgerEntryId,
  parseLoyaltyRule,
  pointsEarned,
  saleLedgerEntries,
  validateLoyaltyRule,
  type LoyaltyRule,
  type SaleLoyalty,
} from '../../../../shared/src/loyalty.js';
import { formatINR, paise, type Paise } from '../../../../shared/src/money.js';
import { stmt, type Db } from '../store/open-store.js';
import { nowIso, type CoreContext } from './context.js';

const RULE_KEY = 'loyalty';

export function readLoyaltyRule(db: Db): LoyaltyRule {
  const row = stmt(db, /* sql */ `SELECT value FROM settings WHERE key = ?`).get(RULE_KEY) as { value: string } | undefined;
  return parseLoyaltyRule(row === undefined ? undefined : JSON.parse(row.value));
}

export function saveLoyaltyRule(ctx: CoreContext, rule: LoyaltyRule): ApiResult<LoyaltyRule> {
  const check = validateLoyaltyRule(rule);
  if (check.kind === 'invalid') return fail('loyalty.rule_invalid', check.reason);
  const clean: LoyaltyRule = {
    earnPoints: rule.earnPoints,
    earnPerPaise: rule.earnPerPaise,
    pointValuePaise: rule.pointValuePaise,
    minRedeemPoints: rule.minRedeemPoints,
    maxRedeemPoints: rule.maxRedeemPoints,
  };
  stmt(ctx.db, /* sql */ `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`)
    .run(RULE_KEY, JSON.stringify(clean), nowIso(ctx));
  return ok(clean);
}

export function customerBalances(db: Db, customerId: string): CustomerBalances {
  const rows = stmt(db, /* sql */ `SELECT kind, SUM(delta) AS total FROM customer_ledger WHERE customer_id = ? GROUP BY kind`).all(customerId) as { kind: string; total: number }[];
  const of = (kind: string): number => rows.find((r) => r.kind === kind)?.total ?? 0;
  return { points: of('points'), storeCreditPaise: paise(of('store_credit')) };
}

/** A sale's loyalty, checked against the balances inside the sale's transaction. */
export interface SaleLoyaltyPlan extends SaleLoyalty {
  customerId: string | null;
  pointValuePaise: number;
}

/**
 * Checks the points and store-credit payments of a sale (a customer with enough balance, whole
 * points within the rule's limits) and works out the points it earns: whole steps of the part
 * paid with money. Without a customer nothing is earned.
 */
export function planSaleLoyalty(db: Db, customerId: string | null, payments: readonly PaymentInput[], totalPaise: Paise): ApiResult<SaleLoyaltyPlan> {
  const rule = readLoyaltyRule(db);
  const pointsPaid = payments.filter((p) => p.method === 'points').reduce((a, p) => a + p.amountPaise, 0);
  const creditPaid = payments.filter((p) => p.method === 'store_credit').reduce((a, p) => a + p.amountPaise, 0);
  if (customerId === null) {
    if (pointsPaid > 0 || creditPaid > 0) return fail('loyalty.customer_required', 'Attach the customer (F4) to pay with their points or store credit.');
    return ok({ customerId, pointsEarned: 0, pointsRedeemed: 0, storeCreditSpentPaise: 0, pointValuePaise: rule.pointValuePaise });
  }
  const balances = customerBalances(db, customerId);
  let pointsRedeemed = 0;
  if (pointsPaid > 0) {
    const check = checkPointsRedemption(rule, paise(pointsPaid), totalPaise, balances.points);
    switch (check.kind) {
      case 'ok':
        pointsRedeemed = check.points;
        break;
      case 'not_whole_points':
        return fail('loyalty.points_invalid', `Points pay in whole points of ${formatINR(check.pointValuePaise)} each.`);
      case 'above_balance':
        return fail('loyalty.points_insufficient', `The customer has ${check.balancePoints} points (${formatINR(paise(check.balancePoints * rule.pointValuePaise))}).`);
      case 'above_maximum':
        return fail('loyalty.points_invalid', `At most ${check.maxPoints} points can be redeemed on one bill.`);
      case 'below_minimum':
        return fail('loyalty.points_invalid', `Redeem at least ${check.minPoints} points, or none.`);
      case 'above_bill':
        return fail('loyalty.points_invalid', 'Points cannot pay more than the bill.');
    }
  }
  if (creditPaid > balances.storeCreditPaise) {
    return fail('loyalty.credit_insufficient', `The customer has ${formatINR(balances.storeCreditPaise)} of store credit.`);
  }
  const earned = pointsEarned(rule, paise(totalPaise - pointsPaid - creditPaid));
  return ok({ customerId, pointsEarned: earned, pointsRedeemed, storeCreditSpentPaise: creditPaid, pointValuePaise: rule.pointValuePaise });
}

/** The payment as pushed: a points payment names the points it redeemed. */
export function pushedPayment(plan: SaleLoyaltyPlan, p: PaymentInput): { method: PaymentInput['method']; amountPaise: Paise; points?: number } {
  return p.method === 'points' ? { method: p.method, amountPaise: p.amountPaise, points: p.amountPaise / plan.pointValuePaise } : { method: p.method, amountPaise: p.amountPaise };
}

/** Writes the sale's ledger entries (call inside the sale's transaction). */
export function writeSaleLedger(db: Db, saleId: string, plan: SaleLoyaltyPlan, at: string): void {
  if (plan.customerId === null) return;
  const insert = stmt(db, /* sql */ `INSERT INTO customer_ledger (id, customer_id, kind, delta, source_type, source_id, at) VALUES (?, ?, ?, ?, 'sale', ?, ?)`);
  for (const e of saleLedgerEntries(saleId, plan)) insert.run(e.id, plan.customerId, e.kind, e.delta, saleId, at);
}

/**
 * A void gives back what the sale took and takes back what it earned: one `adjustment` entry per
 * kind, sourced by the sale id, with the same derived ids the server writes on `sale.voided`.
 */
export function reverseSaleLedger(db: Db, saleId: string, at: string): void {
  const entries = stmt(db, /* sql */ `SELECT customer_id, kind, delta FROM customer_ledger WHERE source_type = 'sale' AND source_id = ?`).all(saleId) as { customer_id: string; kind: 'points' | 'store_credit'; delta: number }[];
  const insert = stmt(db, /* sql */ `INSERT INTO customer_ledger (id, customer_id, kind, delta, source_type, source_id, at) VALUES (?, ?, ?, ?, 'adjustment', ?, ?)
    ON CONFLICT (source_type, source_id, kind) DO NOTHING`);
  for (const e of entries) if (e.delta !== 0) insert.run(ledgerEntryId('adjustment', saleId, e.kind), e.customer_id, e.kind, -e.delta, saleId, at);
}
