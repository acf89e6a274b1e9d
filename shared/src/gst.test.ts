import { describe, expect, it } from 'vitest';
import type { TaxCategory } from './domain.js';
import {
  HOMEOPATHY_TAX_RULES,
  apportion,
  isInterState,
  lineTax,
  priceInvoice,
  rateLabel,
  resolveTaxRate,
  roundOffToRupee,
  splitTax,
  type PricingLineInput,
  type TaxRateRule,
} from './gst.js';
import { paise } from './money.js';

describe('lineTax', () => {
  it.each([
    // net, rateBp, taxable, tax
    [10_500, 500, 10_000, 500],
    [11_200, 1200, 10_000, 1200],
    [100, 500, 95, 5],
    [1, 500, 1, 0],
    [0, 500, 0, 0],
    [9_999, 0, 9_999, 0],
    [11_800, 1800, 10_000, 1800],
    // exactly half a paisa rounds up: 3 × 10000 / 20000 = 1.5 → 2
    [3, 10_000, 2, 1],
    [-10_500, 500, -10_000, -500],
  ])('back-calculates ₹%i paise at %i bp into taxable %i + tax %i', (net, rate, taxable, tax) => {
    expect(lineTax(paise(net), rate)).toEqual({ taxablePaise: taxable, taxPaise: tax });
  });

  it('stays exact for amounts where net × 10000 exceeds 2^53', () => {
    const net = paise(9_000_000_000_000_000);
    const { taxablePaise, taxPaise } = lineTax(net, 500);
    expect(taxablePaise + taxPaise).toBe(net);
    expect(BigInt(taxablePaise)).toBe((2n * 9_000_000_000_000_000n * 10_000n + 10_500n) / 21_000n);
  });

  it.each([-1, 2.5, Number.NaN])('rejects rate %s as a programmer error', (rate) => {
    expect(() => lineTax(paise(100), rate)).toThrow(RangeError);
  });
});

describe('splitTax', () => {
  it.each([
    [500, 250, 250],
    [5, 3, 2],
    [1, 1, 0],
    [0, 0, 0],
    [-5, -3, -2],
  ])('splits %i paise intra-state into CGST %i + SGST %i (odd paisa to CGST)', (tax, cgst, sgst) => {
    expect(splitTax(paise(tax), false)).toEqual({ cgstPaise: cgst, sgstPaise: sgst, igstPaise: 0 });
  });

  it('puts everything into IGST inter-state', () => {
    expect(splitTax(paise(501), true)).toEqual({ cgstPaise: 0, sgstPaise: 0, igstPaise: 501 });
  });
});

describe('isInterState', () => {
  it.each([
    ['29', null, false],
    ['29', '29', false],
    ['29', '27', true],
  ])('supplier %s, buyer %s → inter-state %s', (supplier, buyer, expected) => {
    expect(isInterState(supplier, buyer)).toBe(expected);
  });
});

describe('roundOffToRupee', () => {
  it.each([
    [10_000, 0, 10_000],
    [10_049, -49, 10_000],
    [10_050, 50, 10_100],
    [10_051, 49, 10_100],
    [10_099, 1, 10_100],
    [10_001, -1, 10_000],
    [50, 50, 100],
    [49, -49, 0],
    [0, 0, 0],
    [-149, 49, -100],
    [-150, -50, -200],
  ])('rounds %i paise by %i to %i', (exact, roundOff, total) => {
    expect(roundOffToRupee(paise(exact))).toEqual({ roundOffPaise: roundOff, totalPaise: total });
  });
});

describe('rateLabel', () => {
  it.each([
    [500, '5%'],
    [1200, '12%'],
    [250, '2.5%'],
    [25, '0.25%'],
    [0, '0%'],
    [1800, '18%'],
    [2800, '28%'],
  ])('labels %i bp as %s', (bp, label) => {
    expect(rateLabel(bp)).toBe(label);
  });
});

describe('resolveTaxRate with the homeopathy rules', () => {
  const rate = (hsn: string, taxCategory: TaxCategory, date: string): number | null => {
    const r = resolveTaxRate(HOMEOPATHY_TAX_RULES, { hsn, taxCategory }, date);
    return r.kind === 'found' ? r.rule.rateBp : null;
  };

  it.each([
    ['30049014', 'classical', '2025-09-21', 500],
    ['30049014', 'proprietary', '2025-09-21', 1200],
    ['30039014', 'proprietary', '2025-09-21', 1200],
    ['30049014', 'classical', '2025-09-22', 500],
    ['30049014', 'proprietary', '2025-09-22', 500],
    ['30039014', 'proprietary', '2026-04-01', 500],
    ['3004', 'proprietary', '2017-07-01', 1200],
  ] as const)('HSN %s %s on %s is %i bp', (hsn, category, date, bp) => {
    expect(rate(hsn, category, date)).toBe(bp);
  });

  it.each([
    ['21069099', 'classical', '2025-10-01'],
    ['30049014', 'classical', '2017-06-30'],
  ] as const)('has no rate for HSN %s %s on %s', (hsn, category, date) => {
    expect(resolveTaxRate(HOMEOPATHY_TAX_RULES, { hsn, taxCategory: category }, date)).toEqual({ kind: 'missing' });
  });
});

describe('resolveTaxRate precedence', () => {
  const rule = (id: string, hsnPrefix: string, category: TaxRateRule['category'], rateBp: number): TaxRateRule => ({
    id, hsnPrefix, category, rateBp, effectiveFrom: '2020-01-01', effectiveTo: null,
  });
  const rules = [
    rule('short-any', '30', 'any', 1800),
    rule('long-any', '3004', 'any', 1200),
    rule('long-classical', '3004', 'classical', 500),
  ];
  const pick = (hsn: string, taxCategory: TaxCategory): string | null => {
    const r = resolveTaxRate(rules, { hsn, taxCategory }, '2025-01-01');
    return r.kind === 'found' ? r.rule.id : null;
  };

  it('prefers the longest HSN prefix', () => {
    expect(pick('30039014', 'classical')).toBe('short-any');
    expect(pick('30049014', 'proprietary')).toBe('long-any');
  });

  it('prefers a rule for the product category over an any-category rule of the same prefix', () => {
    expect(pick('30049014', 'classical')).toBe('long-classical');
  });

  it('treats effectiveTo as exclusive and effectiveFrom as inclusive', () => {
    const bounded = [{ ...rule('r', '3004', 'any', 500), effectiveFrom: '2025-01-01', effectiveTo: '2025-02-01' }];
    const at = (d: string): string => resolveTaxRate(bounded, { hsn: '3004', taxCategory: 'classical' }, d).kind;
    expect([at('2024-12-31'), at('2025-01-01'), at('2025-01-31'), at('2025-02-01')]).toEqual([
      'missing', 'found', 'found', 'missing',
    ]);
  });
});

describe('priceInvoice', () => {
  const line = (key: string, hsn: string, rateBp: number, qty: number, unit: number, discount = 0): PricingLineInput => ({
    key, hsn, rateBp, qty, unitPricePaise: paise(unit), discountPaise: paise(discount),
  });

  it('prices an intra-state invoice with summaries by HSN and by rate', () => {
    const priced = priceInvoice({
      lines: [
        line('a', '30049014', 500, 1, 10_500),
        line('b', '30049014', 500, 2, 9_000, 1_000),
        line('c', '30039014', 1200, 1, 11_201),
      ],
      supplierStateCode: '29',
      buyerStateCode: null,
    });
    expect(priced.lines[0]).toEqual({
      key: 'a', grossPaise: 10_500, discountPaise: 0, netPaise: 10_500, rateBp: 500,
      taxablePaise: 10_000, cgstPaise: 250, sgstPaise: 250, igstPaise: 0,
    });
    // 17000 at 5 %: taxable round(16190.476) = 16190, tax 810 → 405 + 405
    expect(priced.lines[1]).toMatchObject({ grossPaise: 18_000, netPaise: 17_000, taxablePaise: 16_190, cgstPaise: 405, sgstPaise: 405 });
    // 11201 at 12 %: taxable round(10000.89) = 10001, tax 1200 → 600 + 600
    expect(priced.lines[2]).toMatchObject({ taxablePaise: 10_001, cgstPaise: 600, sgstPaise: 600 });
    expect(priced.totals).toEqual({
      grossPaise: 39_701, discountPaise: 1_000, taxablePaise: 36_191, cgstPaise: 1_255, sgstPaise: 1_255,
      igstPaise: 0, exactTotalPaise: 38_701, roundOffPaise: -1, totalPaise: 38_700, interState: false,
    });
    expect(priced.hsnSummary).toEqual([
      { key: '30039014', rateBp: 1200, taxablePaise: 10_001, cgstPaise: 600, sgstPaise: 600, igstPaise: 0 },
      { key: '30049014', rateBp: 500, taxablePaise: 26_190, cgstPaise: 655, sgstPaise: 655, igstPaise: 0 },
    ]);
    expect(priced.rateSummary.map((r) => [r.key, r.taxablePaise])).toEqual([['5%', 26_190], ['12%', 10_001]]);
  });

  it('charges IGST when the buyer is in another state', () => {
    const priced = priceInvoice({ lines: [line('a', '3004', 500, 1, 10_500)], supplierStateCode: '29', buyerStateCode: '27' });
    expect(priced.totals).toMatchObject({ cgstPaise: 0, sgstPaise: 0, igstPaise: 500, interState: true });
    expect(priced.hsnSummary[0]).toMatchObject({ igstPaise: 500 });
  });

  it('keeps the same HSN at two rates as two summary rows', () => {
    const priced = priceInvoice({
      lines: [line('a', '3004', 500, 1, 1_050), line('b', '3004', 1200, 1, 1_120)],
      supplierStateCode: '29',
      buyerStateCode: null,
    });
    expect(priced.hsnSummary.map((r) => [r.key, r.rateBp])).toEqual([['3004', 500], ['3004', 1200]]);
  });

  it('returns zero totals for an empty cart', () => {
    const priced = priceInvoice({ lines: [], supplierStateCode: '29', buyerStateCode: null });
    expect(priced.totals.totalPaise).toBe(0);
    expect(priced.hsnSummary).toEqual([]);
  });

  it.each([
    ['a zero qty', line('x', '3004', 500, 0, 100)],
    ['a fractional qty', line('x', '3004', 500, 1.5, 100)],
    ['a negative discount', line('x', '3004', 500, 1, 100, -1)],
    ['a discount above gross', line('x', '3004', 500, 1, 100, 101)],
  ])('throws on %s because callers validate first', (_label, bad) => {
    expect(() => priceInvoice({ lines: [bad], supplierStateCode: '29', buyerStateCode: null })).toThrow(RangeError);
  });
});

describe('apportion', () => {
  it.each([
    [1_000, [1, 1, 1], [334, 333, 333]],
    [100, [2, 1], [67, 33]],
    [5, [3, 0, 2], [3, 0, 2]],
    [7, [1, 1, 1, 1], [2, 2, 2, 1]],
    [0, [4, 5], [0, 0]],
    [-100, [2, 1], [-67, -33]],
    [10, [0, 0], null],
    [0, [0, 0], [0, 0]],
  ])('splits %i over weights %j as %j', (total, weights, expected) => {
    if (expected === null) expect(() => apportion(paise(total), weights)).toThrow(RangeError);
    else expect(apportion(paise(total), weights)).toEqual(expected);
  });

  it('gives the remainder to the largest fractional shares', () => {
    // 10 over [1, 2, 3]: exact 1.67, 3.33, 5 → floors 1, 3, 5 (sum 9); largest remainder .67 gets +1
    expect(apportion(paise(10), [1, 2, 3])).toEqual([2, 3, 5]);
  });

  it.each([[[-1, 2]], [[1.5, 1]]])('rejects weights %j', (weights) => {
    expect(() => apportion(paise(10), weights)).toThrow(RangeError);
  });
});
