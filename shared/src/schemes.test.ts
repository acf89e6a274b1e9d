import { describe, expect, it } from 'vitest';
import { paise } from './money.js';
import { applySchemes, checkSchemeDefinition, describeBenefit, isInForce, schemeStatus, spreadWithinLimits, type Scheme, type SchemeCartLine } from './schemes.js';

const base: Scheme = {
  id: 's1', name: 'Scheme', kind: 'percent', targetType: 'brand', targetValue: 'SBL', percentBp: 1000, amountPaise: null, buyQty: null, freeQty: null,
  minBillPaise: 0, validFrom: '2026-01-01', validTo: '2026-12-31', branchIds: null, capBp: null, active: true,
};
const scheme = (over: Partial<Scheme>): Scheme => ({ ...base, ...over });
const line = (over: Partial<SchemeCartLine> & { key: string }): SchemeCartLine => ({
  productId: 'p1', brand: 'SBL', form: 'dilution', qty: 1, grossPaise: paise(10_000), manualDiscountPaise: paise(0), ...over,
});

describe('schemes in force', () => {
  it('is in force inside its date window at a listed branch only', () => {
    const s = scheme({ branchIds: ['b1'] });
    expect(isInForce(s, '2026-06-01', 'b1')).toBe(true);
    expect(isInForce(s, '2026-06-01', 'b2')).toBe(false);
    expect(isInForce(s, '2025-12-31', 'b1')).toBe(false);
    expect(isInForce(s, '2027-01-01', 'b1')).toBe(false);
    expect(isInForce(scheme({ validTo: null }), '2030-01-01', 'b9')).toBe(true);
    expect(isInForce(scheme({ active: false }), '2026-06-01', 'b1')).toBe(false);
  });

  it('reports upcoming, in force, expired and inactive for the office list', () => {
    expect(schemeStatus(base, '2025-06-01')).toBe('upcoming');
    expect(schemeStatus(base, '2026-06-01')).toBe('in_force');
    expect(schemeStatus(base, '2027-06-01')).toBe('expired');
    expect(schemeStatus(scheme({ active: false }), '2026-06-01')).toBe('inactive');
  });

  it('describes the benefit in words', () => {
    expect(describeBenefit(base)).toBe('10% off');
    expect(describeBenefit(scheme({ kind: 'percent', percentBp: 1250 }))).toBe('12.5% off');
    expect(describeBenefit(scheme({ kind: 'amount', amountPaise: 1000 }))).toBe('₹10.00 off per unit');
    expect(describeBenefit(scheme({ kind: 'amount', targetType: 'bill', amountPaise: 5000 }))).toBe('₹50.00 off');
    expect(describeBenefit(scheme({ kind: 'free_qty', buyQty: 2, freeQty: 1 }))).toBe('Buy 2 get 1 free');
  });
});

describe('line schemes', () => {
  it.each([
    ['percent off a brand', scheme({}), line({ key: 'a' }), 1000],
    ['brand matches case-insensitively', scheme({ targetValue: 'sbl' }), line({ key: 'a' }), 1000],
    ['percent off a form', scheme({ targetType: 'form', targetValue: 'Dilution' }), line({ key: 'a' }), 1000],
    ['percent off a product', scheme({ targetType: 'product', targetValue: 'p1' }), line({ key: 'a' }), 1000],
    ['another product gets nothing', scheme({ targetType: 'product', targetValue: 'p2' }), line({ key: 'a' }), 0],
    ['amount off per unit', scheme({ kind: 'amount', amountPaise: 500, percentBp: null }), line({ key: 'a', qty: 3, grossPaise: paise(30_000) }), 1500],
    ['buy 2 get 1: 7 units give 2 free', scheme({ kind: 'free_qty', buyQty: 2, freeQty: 1, capBp: 10_000 }), line({ key: 'a', qty: 7, grossPaise: paise(7000) }), 2000],
    ['buy 2 get 1: 2 units give nothing', scheme({ kind: 'free_qty', buyQty: 2, freeQty: 1 }), line({ key: 'a', qty: 2, grossPaise: paise(2000) }), 0],
    ['the cap (30 % by default) holds a 50 % scheme', scheme({ percentBp: 5000 }), line({ key: 'a' }), 3000],
    ['a scheme cap of its own', scheme({ percentBp: 5000, capBp: 4000 }), line({ key: 'a' }), 4000],
    ['manual discount uses up the cap first', scheme({ percentBp: 2500 }), line({ key: 'a', manualDiscountPaise: paise(1000) }), 2000],
    ['manual discount above the cap leaves nothing', scheme({}), line({ key: 'a', manualDiscountPaise: paise(3500) }), 0],
    ['below the minimum bill nothing applies', scheme({ minBillPaise: 10_001 }), line({ key: 'a' }), 0],
  ])('%s', (_name, s, l, expected) => {
    const r = applySchemes([l], [s]);
    expect(r.lines[0]?.schemeDiscountPaise).toBe(expected);
    expect(r.lines[0]?.applied.length).toBe(expected > 0 ? 1 : 0);
  });

  it('records the free units of a buy N get M scheme', () => {
    const r = applySchemes([line({ key: 'a', qty: 6, grossPaise: paise(6000) })], [scheme({ kind: 'free_qty', buyQty: 2, freeQty: 1 })]);
    expect(r.lines[0]?.applied[0]).toEqual({ schemeId: 's1', name: 'Scheme', discountPaise: 1800, freeUnits: 2 });
  });

  it('takes the best line scheme and never stacks two', () => {
    const r = applySchemes([line({ key: 'a' })], [scheme({ id: 'x', name: 'Brand 10' }), scheme({ id: 'y', name: 'Form 15', targetType: 'form', targetValue: 'dilution', percentBp: 1500 })]);
    expect(r.lines[0]?.applied.map((a) => a.name)).toEqual(['Form 15']);
    expect(r.lines[0]?.schemeDiscountPaise).toBe(1500);
  });

  it('breaks a tie by the smaller scheme id', () => {
    const r = applySchemes([line({ key: 'a' })], [scheme({ id: 'z' }), scheme({ id: 'm' })]);
    expect(r.lines[0]?.applied[0]?.schemeId).toBe('m');
  });
});

describe('bill schemes', () => {
  const bill = scheme({ id: 'bill', name: 'Bill 5%', targetType: 'bill', targetValue: '', percentBp: 500, minBillPaise: 20_000 });

  it('applies over the threshold and spreads in proportion to line nets with no paise lost', () => {
    const lines = [line({ key: 'a', brand: 'X', grossPaise: paise(10_001) }), line({ key: 'b', brand: 'X', grossPaise: paise(20_002) }), line({ key: 'c', brand: 'X', grossPaise: paise(3_333) })];
    const r = applySchemes(lines, [bill]);
    expect(r.bill?.discountPaise).toBe(Math.floor(33_336 * 0.05));
    expect(r.lines.reduce((a, l) => a + l.schemeDiscountPaise, 0)).toBe(r.bill?.discountPaise);
    expect(r.lines[1]?.schemeDiscountPaise).toBeGreaterThan(r.lines[0]?.schemeDiscountPaise ?? 0);
  });

  it('does not apply below the threshold', () => {
    expect(applySchemes([line({ key: 'a', brand: 'X' })], [bill]).bill).toBeNull();
  });

  it('goes on top of a line scheme only within the cap, moving the rest to lines with headroom', () => {
    const big = scheme({ id: 'bill', name: 'Bill 20%', targetType: 'bill', targetValue: '', percentBp: 2000 });
    const lines = [line({ key: 'a', grossPaise: paise(10_000) }), line({ key: 'b', brand: 'X', grossPaise: paise(10_000) })];
    const r = applySchemes(lines, [scheme({ percentBp: 2500 }), big]);
    // a: 25 % line scheme, then only 5 % more fits under the 30 % cap; b takes the rest of the bill's 20 % of 17,500
    expect(r.lines[0]?.schemeDiscountPaise).toBe(3000);
    expect(r.lines[0]?.applied.map((x) => [x.name, x.discountPaise])).toEqual([['Scheme', 2500], ['Bill 20%', 500]]);
    expect(r.lines[1]?.schemeDiscountPaise).toBe(3000);
    expect(r.bill?.discountPaise).toBe(3500);
  });

  it('takes an amount off the bill, never more than the bill', () => {
    const r = applySchemes([line({ key: 'a', brand: 'X', grossPaise: paise(1000) })], [scheme({ targetType: 'bill', targetValue: '', kind: 'amount', amountPaise: 5000, capBp: 10_000 })]);
    expect(r.bill?.discountPaise).toBe(1000);
  });
});

describe('spreadWithinLimits', () => {
  it('keeps every share within its limit and the sum exact', () => {
    expect(spreadWithinLimits(100, [1, 1, 1], [10, 100, 100])).toEqual([10, 45, 45]);
    expect(spreadWithinLimits(7, [0, 0], [3, 4])).toEqual([3, 4]);
  });
});

describe('checkSchemeDefinition', () => {
  const def = { ...base } as Omit<Scheme, 'id' | 'active'>;
  it.each([
    ['a sound scheme', def, 'ok'],
    ['a blank name', { ...def, name: ' ' }, 'name'],
    ['a percent above 100 %', { ...def, percentBp: 10_001 }, 'percentBp'],
    ['an amount scheme without an amount', { ...def, kind: 'amount' as const }, 'amountPaise'],
    ['free quantity on a bill', { ...def, kind: 'free_qty' as const, targetType: 'bill' as const, targetValue: '', buyQty: 1, freeQty: 1 }, 'kind'],
    ['free quantity without N', { ...def, kind: 'free_qty' as const, freeQty: 1 }, 'buyQty'],
    ['a bill scheme with a target', { ...def, targetType: 'bill' as const }, 'targetValue'],
    ['a brand scheme without a brand', { ...def, targetValue: '' }, 'targetValue'],
    ['an end before the start', { ...def, validTo: '2025-01-01' }, 'validTo'],
    ['an empty branch list', { ...def, branchIds: [] }, 'branchIds'],
  ])('%s', (_n, d, field) => {
    const r = checkSchemeDefinition(d);
    expect(r.kind === 'ok' ? 'ok' : r.field).toBe(field);
  });
});
