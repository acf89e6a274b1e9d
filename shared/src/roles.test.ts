import { describe, expect, it } from 'vitest';
import type { Role } from './domain.js';
import { paise } from './money.js';
import { canAdjustStock, canReceiveStock, canVoidSales, maxLineDiscountBp, validateLineDiscount } from './roles.js';

describe('role limits', () => {
  it.each([
    ['cashier', 1000, false],
    ['pharmacist', 1500, false],
    ['manager', 10_000, true],
    ['admin', 10_000, true],
  ] as const)('%s may discount up to %i bp; can void: %s', (role, bp, voids) => {
    expect(maxLineDiscountBp(role)).toBe(bp);
    expect(canVoidSales(role)).toBe(voids);
  });

  it.each([
    ['cashier', false, false],
    ['pharmacist', true, false],
    ['manager', true, true],
    ['admin', true, true],
  ] as const)('%s can receive goods: %s; can adjust stock: %s', (role, receives, adjusts) => {
    expect(canReceiveStock(role)).toBe(receives);
    expect(canAdjustStock(role)).toBe(adjusts);
  });
});

describe('validateLineDiscount', () => {
  it.each<[number, number, Role, ReturnType<typeof validateLineDiscount>]>([
    [10_500, 0, 'cashier', { kind: 'ok' }],
    [10_500, 1_050, 'cashier', { kind: 'ok' }],
    [10_500, 1_051, 'cashier', { kind: 'exceeds_limit', maxPaise: paise(1_050) }],
    [10_500, 1_575, 'pharmacist', { kind: 'ok' }],
    [10_500, 1_576, 'pharmacist', { kind: 'exceeds_limit', maxPaise: paise(1_575) }],
    // 10 % of 99 paise is 9.9: the limit rounds down so it never exceeds the percentage
    [99, 10, 'cashier', { kind: 'exceeds_limit', maxPaise: paise(9) }],
    [10_500, 10_500, 'manager', { kind: 'ok' }],
    [10_500, 10_500, 'admin', { kind: 'ok' }],
    [10_500, 10_501, 'manager', { kind: 'exceeds_gross' }],
    [10_500, 10_501, 'cashier', { kind: 'exceeds_gross' }],
    [10_500, -1, 'admin', { kind: 'negative' }],
    [0, 0, 'cashier', { kind: 'ok' }],
  ])('gross %i, discount %i as %s → %j', (gross, discount, role, expected) => {
    expect(validateLineDiscount(paise(gross), paise(discount), role)).toEqual(expected);
  });
});
