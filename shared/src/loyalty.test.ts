import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkPointsRedemption,
  DEFAULT_LOYALTY_RULE,
  ledgerEntryId,
  maxRedeemablePoints,
  parseLoyaltyRule,
  pointsEarned,
  saleLedgerEntries,
  validateLoyaltyRule,
  type LoyaltyRule,
} from './loyalty.js';
import { paise } from './money.js';

const rule = (r: Partial<LoyaltyRule> = {}): LoyaltyRule => ({ ...DEFAULT_LOYALTY_RULE, ...r });

describe('earning points', () => {
  it.each([
    ['nothing below the first step', rule(), 9_999, 0],
    ['one point for exactly ₹100', rule(), 10_000, 1],
    ['rounds down: ₹199.99 earns 1', rule(), 19_999, 1],
    ['₹1,250 earns 12', rule(), 125_000, 12],
    ['per rupee: ₹57.50 earns 57', rule({ earnPerPaise: 100 }), 5_750, 57],
    ['5 points per ₹50: ₹120 earns 10', rule({ earnPoints: 5, earnPerPaise: 5_000 }), 12_000, 10],
    ['earning off', rule({ earnPoints: 0 }), 1_000_000, 0],
    ['a bill paid wholly with points earns nothing', rule(), 0, 0],
  ])('%s', (_name, r, paid, expected) => {
    expect(pointsEarned(r, paise(paid))).toBe(expected);
  });

  it('never earns more than the paid amount allows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 100, max: 100_000 }), fc.integer({ min: 0, max: 50 }), (paid, per, pts) => {
        const earned = pointsEarned(rule({ earnPerPaise: per, earnPoints: pts }), paise(paid));
        expect(earned).toBe(Math.floor(paid / per) * pts);
        expect(earned * per).toBeLessThanOrEqual(paid * pts);
      }),
    );
  });
});

describe('redeeming points at the counter', () => {
  it.each([
    ['whole points within balance and bill', rule(), 5_000, 20_000, 80, { kind: 'ok', points: 50 }],
    ['paise that are not whole points', rule(), 5_050, 20_000, 80, { kind: 'not_whole_points', pointValuePaise: 100 }],
    ['more than the balance', rule(), 9_000, 20_000, 80, { kind: 'above_balance', balancePoints: 80 }],
    ['more than the bill', rule(), 30_000, 20_000, 500, { kind: 'above_bill' }],
    ['more than the per-bill maximum', rule({ maxRedeemPoints: 40 }), 5_000, 20_000, 80, { kind: 'above_maximum', maxPoints: 40 }],
    ['fewer than the per-bill minimum', rule({ minRedeemPoints: 100 }), 5_000, 20_000, 500, { kind: 'below_minimum', minPoints: 100 }],
    ['50 paise points', rule({ pointValuePaise: 50 }), 5_000, 20_000, 100, { kind: 'ok', points: 100 }],
  ])('%s', (_name, r, amount, bill, balance, expected) => {
    expect(checkPointsRedemption(r, paise(amount), paise(bill), balance)).toEqual(expected);
  });

  it('offers the most points the balance, the bill and the rule allow', () => {
    expect(maxRedeemablePoints(rule(), paise(12_345), 500)).toBe(123);
    expect(maxRedeemablePoints(rule(), paise(12_345), 40)).toBe(40);
    expect(maxRedeemablePoints(rule({ maxRedeemPoints: 30 }), paise(12_345), 500)).toBe(30);
    expect(maxRedeemablePoints(rule({ minRedeemPoints: 50 }), paise(12_345), 40)).toBe(0);
    expect(maxRedeemablePoints(rule(), paise(12_345), -5)).toBe(0);
  });

  it('the offered maximum always passes the redemption check', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 200 }), (bill, balance, value, max) => {
        const r = rule({ pointValuePaise: value, maxRedeemPoints: max });
        const most = maxRedeemablePoints(r, paise(bill), balance);
        if (most > 0) expect(checkPointsRedemption(r, paise(most * value), paise(bill), balance)).toEqual({ kind: 'ok', points: most });
      }),
    );
  });
});

describe('the loyalty rule as data', () => {
  it('falls back to the default for a missing or broken setting', () => {
    expect(parseLoyaltyRule(undefined)).toEqual(DEFAULT_LOYALTY_RULE);
    expect(parseLoyaltyRule({ earnPerPaise: 0 })).toEqual(DEFAULT_LOYALTY_RULE);
    expect(parseLoyaltyRule({ earnPerPaise: 100 })).toEqual({ ...DEFAULT_LOYALTY_RULE, earnPerPaise: 100 });
  });

  it('refuses a minimum above the maximum and fractional values', () => {
    expect(validateLoyaltyRule(rule({ minRedeemPoints: 50, maxRedeemPoints: 10 })).kind).toBe('invalid');
    expect(validateLoyaltyRule(rule({ earnPoints: 1.5 })).kind).toBe('invalid');
    expect(validateLoyaltyRule(rule()).kind).toBe('ok');
  });
});

describe('ledger entries of a sale', () => {
  const saleId = '019a1b2c-3d4e-7f00-8000-0000000000aa';

  it('nets points earned and redeemed into one entry and writes store credit spent as negative', () => {
    expect(saleLedgerEntries(saleId, { pointsEarned: 3, pointsRedeemed: 50, storeCreditSpentPaise: 12_000 })).toEqual([
      { id: ledgerEntryId('sale', saleId, 'points'), kind: 'points', delta: -47 },
      { id: ledgerEntryId('sale', saleId, 'store_credit'), kind: 'store_credit', delta: -12_000 },
    ]);
    expect(saleLedgerEntries(saleId, { pointsEarned: 0, pointsRedeemed: 0, storeCreditSpentPaise: 0 })).toEqual([]);
  });

  it('derives the same valid UUID for the same fact on every machine, and different ones otherwise', () => {
    const id = ledgerEntryId('sale', saleId, 'points');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ledgerEntryId('sale', saleId.toUpperCase(), 'points')).toBe(id);
    expect(ledgerEntryId('sale', saleId, 'store_credit')).not.toBe(id);
    expect(ledgerEntryId('return', saleId, 'points')).not.toBe(id);
    const many = new Set(Array.from({ length: 20_000 }, (_v, i) => ledgerEntryId('sale', `019a1b2c-3d4e-7f00-8000-${String(i).padStart(12, '0')}`, 'points')));
    expect(many.size).toBe(20_000);
  });
});
