import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paise } from './money.js';
import { applySchemes, DEFAULT_SCHEME_CAP_BP, type Scheme, type SchemeCartLine } from './schemes.js';

const BRANDS = ['SBL', 'Reckeweg', 'Schwabe'] as const;
const FORMS = ['dilution', 'tablet', 'ointment'] as const;

const lineArb = (key: string): fc.Arbitrary<SchemeCartLine> =>
  fc
    .record({ productId: fc.constantFrom('p1', 'p2', 'p3'), brand: fc.constantFrom(...BRANDS), form: fc.constantFrom(...FORMS), qty: fc.integer({ min: 1, max: 40 }), unit: fc.integer({ min: 0, max: 200_000 }), manualShare: fc.double({ min: 0, max: 0.6, noNaN: true }) })
    .map(({ productId, brand, form, qty, unit, manualShare }) => ({ key, productId, brand, form, qty, grossPaise: paise(qty * unit), manualDiscountPaise: paise(Math.floor(qty * unit * manualShare)) }));

const linesArb = fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => lineArb(`l${i}`))));

const schemeArb: fc.Arbitrary<Scheme> = fc
  .record({
    id: fc.uuid(),
    kind: fc.constantFrom('percent' as const, 'amount' as const, 'free_qty' as const),
    target: fc.constantFrom('product', 'brand', 'form', 'bill'),
    percentBp: fc.integer({ min: 1, max: 10_000 }),
    amountPaise: fc.integer({ min: 1, max: 500_000 }),
    buyQty: fc.integer({ min: 1, max: 5 }),
    freeQty: fc.integer({ min: 1, max: 3 }),
    minBillPaise: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000_000 })),
    capBp: fc.option(fc.integer({ min: 0, max: 10_000 })),
  })
  .map((r) => {
    const targetType = r.target as Scheme['targetType'];
    const kind = targetType === 'bill' && r.kind === 'free_qty' ? 'percent' : r.kind;
    const targetValue = targetType === 'product' ? 'p1' : targetType === 'brand' ? 'SBL' : targetType === 'form' ? 'tablet' : '';
    return {
      id: r.id, name: `S ${r.id.slice(0, 4)}`, kind, targetType, targetValue, percentBp: r.percentBp, amountPaise: r.amountPaise, buyQty: r.buyQty, freeQty: r.freeQty,
      minBillPaise: r.minBillPaise, validFrom: '2026-01-01', validTo: null, branchIds: null, capBp: r.capBp, active: true,
    };
  });

const schemesArb = fc.array(schemeArb, { maxLength: 6 });
const capOf = (id: string, schemes: readonly Scheme[]): number => schemes.find((s) => s.id === id)?.capBp ?? DEFAULT_SCHEME_CAP_BP;

describe('scheme engine invariants', () => {
  it('scheme discounts are never negative and never take a line past the cap of a scheme applied to it', () => {
    fc.assert(
      fc.property(linesArb, schemesArb, (lines, schemes) => {
        const r = applySchemes(lines, schemes);
        r.lines.forEach((res, i) => {
          const l = lines[i] as SchemeCartLine;
          expect(res.schemeDiscountPaise).toBeGreaterThanOrEqual(0);
          expect(res.applied.every((a) => a.discountPaise > 0)).toBe(true);
          expect(res.applied.reduce((a, x) => a + x.discountPaise, 0)).toBe(res.schemeDiscountPaise);
          expect(res.applied.length).toBeLessThanOrEqual(2);
          let soFar: number = l.manualDiscountPaise;
          for (const a of res.applied) {
            soFar += a.discountPaise;
            expect(soFar * 10_000).toBeLessThanOrEqual(l.grossPaise * capOf(a.schemeId, schemes));
          }
          expect(l.manualDiscountPaise + res.schemeDiscountPaise).toBeLessThanOrEqual(l.grossPaise);
        });
      }),
    );
  });

  it('the bill discount spread over the lines sums to the bill discount exactly', () => {
    fc.assert(
      fc.property(linesArb, schemesArb, (lines, schemes) => {
        const r = applySchemes(lines, schemes);
        const spread = r.lines.flatMap((l) => l.applied).filter((a) => a.schemeId === r.bill?.schemeId);
        expect(spread.reduce((a, x) => a + x.discountPaise, 0)).toBe(r.bill?.discountPaise ?? 0);
        if (r.bill !== null) expect(r.bill.discountPaise).toBeGreaterThan(0);
      }),
    );
  });

  it('at most one line scheme per line', () => {
    fc.assert(
      fc.property(linesArb, schemesArb, (lines, schemes) => {
        const lineIds = new Set(schemes.filter((s) => s.targetType !== 'bill').map((s) => s.id));
        for (const res of applySchemes(lines, schemes).lines) expect(res.applied.filter((a) => lineIds.has(a.schemeId)).length).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('is idempotent and independent of the order the schemes come in', () => {
    fc.assert(
      fc.property(linesArb, schemesArb, (lines, schemes) => {
        const first = applySchemes(lines, schemes);
        expect(applySchemes(lines, schemes)).toEqual(first);
        expect(applySchemes(lines, [...schemes].reverse())).toEqual(first);
      }),
    );
  });
});
