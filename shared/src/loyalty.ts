/**
 * Loyalty points and store credit: the earning rule, the redemption limits and the ledger entries
 * a sale writes. Pure: the rule is data (the device's settings), balances are passed in.
 *
 * A customer's balance of each kind is the sum of their `customer_ledger` entries. A sale writes
 * at most one entry per kind (the ledger is unique per source and kind): points = earned − redeemed,
 * store credit = − spent. Entry ids are derived from (source, kind), so the device's row and the
 * server's row of the same fact have the same id and a pulled row replaces the local one.
 */
import { paise, type Paise } from './money.js';

/** The loyalty rule, stored as JSON under the `loyalty` settings key. */
export interface LoyaltyRule {
  /** Points earned per `earnPerPaise` of the amount paid (not counting points or store credit). */
  earnPoints: number;
  /** The step of the paid amount that earns `earnPoints`, in paise (10000 = ₹100). */
  earnPerPaise: number;
  /** What one point is worth when redeemed, in paise (100 = ₹1). */
  pointValuePaise: number;
  /** Fewest points a bill may redeem (0 = any number). */
  minRedeemPoints: number;
  /** Most points one bill may redeem (0 = no limit besides the balance and the bill). */
  maxRedeemPoints: number;
}

export const DEFAULT_LOYALTY_RULE: LoyaltyRule = { earnPoints: 1, earnPerPaise: 10_000, pointValuePaise: 100, minRedeemPoints: 0, maxRedeemPoints: 0 };

const MAX_RULE_VALUE = 100_000_000;

/** Checks a rule typed by a manager; the reason is a sentence a person can act on. */
export function validateLoyaltyRule(rule: LoyaltyRule): { kind: 'ok' } | { kind: 'invalid'; reason: string } {
  const whole = (n: number, min: number): boolean => Number.isSafeInteger(n) && n >= min && n <= MAX_RULE_VALUE;
  if (!whole(rule.earnPoints, 0)) return { kind: 'invalid', reason: 'Points earned must be a whole number, 0 or more (0 turns earning off).' };
  if (!whole(rule.earnPerPaise, 100)) return { kind: 'invalid', reason: 'The spend that earns points must be at least ₹1.' };
  if (!whole(rule.pointValuePaise, 1)) return { kind: 'invalid', reason: 'A point must be worth at least 1 paisa.' };
  if (!whole(rule.minRedeemPoints, 0) || !whole(rule.maxRedeemPoints, 0)) return { kind: 'invalid', reason: 'Redemption limits must be whole numbers of points, 0 or more.' };
  if (rule.maxRedeemPoints > 0 && rule.minRedeemPoints > rule.maxRedeemPoints) return { kind: 'invalid', reason: 'The minimum points per bill is above the maximum.' };
  return { kind: 'ok' };
}

/** Reads a stored rule, falling back to the default for anything missing or malformed. */
export function parseLoyaltyRule(json: unknown): LoyaltyRule {
  if (typeof json !== 'object' || json === null) return DEFAULT_LOYALTY_RULE;
  const merged = { ...DEFAULT_LOYALTY_RULE, ...(json as Partial<LoyaltyRule>) };
  return validateLoyaltyRule(merged).kind === 'ok' ? merged : DEFAULT_LOYALTY_RULE;
}

/**
 * Points earned on a bill: whole steps of the amount paid with money (total − points − store
 * credit), rounded down. ₹199 at 1 point per ₹100 earns 1.
 */
export function pointsEarned(rule: LoyaltyRule, paidWithMoneyPaise: Paise): number {
  if (paidWithMoneyPaise <= 0 || rule.earnPoints === 0) return 0;
  return Math.floor(paidWithMoneyPaise / rule.earnPerPaise) * rule.earnPoints;
}

export type RedemptionCheck =
  | { kind: 'ok'; points: number }
  | { kind: 'not_whole_points'; pointValuePaise: Paise }
  | { kind: 'below_minimum'; minPoints: number }
  | { kind: 'above_maximum'; maxPoints: number }
  | { kind: 'above_balance'; balancePoints: number }
  | { kind: 'above_bill' };

/** Whether `amountPaise` of a bill of `billPaise` may be paid with points from `balancePoints`. */
export function checkPointsRedemption(rule: LoyaltyRule, amountPaise: Paise, billPaise: Paise, balancePoints: number): RedemptionCheck {
  if (amountPaise % rule.pointValuePaise !== 0) return { kind: 'not_whole_points', pointValuePaise: paise(rule.pointValuePaise) };
  const points = amountPaise / rule.pointValuePaise;
  if (amountPaise > billPaise) return { kind: 'above_bill' };
  if (points > balancePoints) return { kind: 'above_balance', balancePoints };
  if (rule.maxRedeemPoints > 0 && points > rule.maxRedeemPoints) return { kind: 'above_maximum', maxPoints: rule.maxRedeemPoints };
  if (points < rule.minRedeemPoints) return { kind: 'below_minimum', minPoints: rule.minRedeemPoints };
  return { kind: 'ok', points };
}

/** Most points a bill can take: limited by the balance, the bill (whole points) and the rule. */
export function maxRedeemablePoints(rule: LoyaltyRule, billPaise: Paise, balancePoints: number): number {
  let most = Math.min(Math.max(0, balancePoints), Math.floor(billPaise / rule.pointValuePaise));
  if (rule.maxRedeemPoints > 0) most = Math.min(most, rule.maxRedeemPoints);
  return most < rule.minRedeemPoints ? 0 : most;
}

export type LedgerKind = 'points' | 'store_credit';
export type LedgerSource = 'sale' | 'return' | 'adjustment';

export interface LedgerEntry {
  id: string;
  kind: LedgerKind;
  delta: number;
}

/** What a sale did to a customer's balances: points earned and redeemed, store credit spent (paise). */
export interface SaleLoyalty {
  pointsEarned: number;
  pointsRedeemed: number;
  storeCreditSpentPaise: number;
}

/** The ledger entries of a sale: at most one per kind, none for a kind the sale did not change. */
export function saleLedgerEntries(saleId: string, s: SaleLoyalty): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  const points = s.pointsEarned - s.pointsRedeemed;
  if (points !== 0 || s.pointsRedeemed > 0) entries.push({ id: ledgerEntryId('sale', saleId, 'points'), kind: 'points', delta: points });
  if (s.storeCreditSpentPaise > 0) entries.push({ id: ledgerEntryId('sale', saleId, 'store_credit'), kind: 'store_credit', delta: -s.storeCreditSpentPaise });
  return entries;
}

/**
 * A UUID (version 8, RFC 9562 "custom") derived from the entry's natural key, the same on every
 * machine: a 128-bit hash (four seeded 32-bit FNV-1a/murmur-mixed lanes) of `source:id:kind`.
 */
export function ledgerEntryId(source: LedgerSource, sourceId: string, kind: LedgerKind): string {
  const text = `${source}:${sourceId.toLowerCase()}:${kind}`;
  const lanes = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b].map((seed) => {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    return (h ^ (h >>> 16)) >>> 0;
  });
  const hex = lanes.map((n) => n.toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
