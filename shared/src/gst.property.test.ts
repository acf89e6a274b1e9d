import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion, lineTax, priceInvoice, roundOffToRupee, splitTax, type PricingLineInput } from './gst.js';
import { paise, type Paise } from './money.js';

const RATES = [0, 25, 300, 500, 1200, 1800, 2800] as const;
const rateArb = fc.constantFrom(...RATES);
const netArb = fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.maxSafeNat()).map(paise);

const lineArb: fc.Arbitrary<PricingLineInput> = fc
  .record({
    hsn: fc.constantFrom('30039014', '30049014', '2106'),
    rateBp: rateArb,
    qty: fc.integer({ min: 1, max: 50 }),
    unit: fc.integer({ min: 0, max: 500_000 }),
    discountShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ hsn, rateBp, qty, unit, discountShare }) => ({
    key: '',
    hsn,
    rateBp,
    qty,
    unitPricePaise: paise(unit),
    discountPaise: paise(Math.floor(qty * unit * discountShare)),
  }));

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('GST invariants', () => {
  it('lineTax: taxable + tax equals net exactly, both non-negative', () => {
    fc.assert(
      fc.property(netArb, rateArb, (net, rate) => {
        const { taxablePaise, taxPaise } = lineTax(net, rate);
        expect(taxablePaise + taxPaise).toBe(net);
        expect(taxablePaise).toBeGreaterThanOrEqual(0);
        expect(taxPaise).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('lineTax: taxable is the nearest paisa to net × 10000 / (10000 + rate)', () => {
    fc.assert(
      fc.property(netArb, rateArb, (net, rate) => {
        const { taxablePaise } = lineTax(net, rate);
        // |taxable × d − net × 10000| ≤ d / 2, in exact integer maths
        const d = BigInt(10_000 + rate);
        const diff = BigInt(taxablePaise) * d - BigInt(net) * 10_000n;
        expect(2n * (diff < 0n ? -diff : diff) <= d).toBe(true);
      }),
    );
  });

  it('splitTax: halves add up to the tax and differ by at most one paisa, CGST never smaller', () => {
    fc.assert(
      fc.property(fc.maxSafeNat().map(paise), fc.boolean(), (tax, interState) => {
        const s = splitTax(tax, interState);
        expect(s.cgstPaise + s.sgstPaise + s.igstPaise).toBe(tax);
        if (interState) expect(s.igstPaise).toBe(tax);
        else {
          expect(s.igstPaise).toBe(0);
          expect(s.cgstPaise - s.sgstPaise).toBeGreaterThanOrEqual(0);
          expect(s.cgstPaise - s.sgstPaise).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('roundOffToRupee: within ±50 paise and the total is whole rupees', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map(paise), (exact) => {
        const { roundOffPaise, totalPaise } = roundOffToRupee(exact);
        expect(Math.abs(roundOffPaise)).toBeLessThanOrEqual(50);
        expect(totalPaise % 100 === 0).toBe(true);
        expect(totalPaise - roundOffPaise).toBe(exact);
      }),
    );
  });

  it('priceInvoice: totals equal the sums of lines and of both summaries', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { maxLength: 12 }),
        fc.constantFrom<string | null>(null, '29', '27'),
        (rawLines, buyer) => {
          const lines = rawLines.map((l, i) => ({ ...l, key: `k${i}` }));
          const priced = priceInvoice({ lines, supplierStateCode: '29', buyerStateCode: buyer });
          const t = priced.totals;
          const pick = (rows: readonly Record<string, unknown>[], k: string): number => sum(rows.map((r) => r[k] as number));
          for (const k of ['grossPaise', 'discountPaise', 'taxablePaise', 'cgstPaise', 'sgstPaise', 'igstPaise'] as const) {
            expect(t[k]).toBe(pick(priced.lines as unknown as Record<string, unknown>[], k));
          }
          for (const rows of [priced.hsnSummary, priced.rateSummary]) {
            for (const k of ['taxablePaise', 'cgstPaise', 'sgstPaise', 'igstPaise'] as const) {
              expect(pick(rows as unknown as Record<string, unknown>[], k)).toBe(t[k]);
            }
          }
          expect(t.exactTotalPaise).toBe(sum(priced.lines.map((l) => l.netPaise)));
          expect(t.exactTotalPaise).toBe(t.grossPaise - t.discountPaise);
          expect(t.taxablePaise + t.cgstPaise + t.sgstPaise + t.igstPaise).toBe(t.exactTotalPaise);
          expect(t.totalPaise).toBe(t.exactTotalPaise + t.roundOffPaise);
          expect(t.interState).toBe(buyer === '27');
          if (!t.interState) expect(t.igstPaise).toBe(0);
          else expect(t.cgstPaise + t.sgstPaise).toBe(0);
        },
      ),
    );
  });

  it('apportion: parts sum to the total exactly and each is within one paisa of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }).map(paise),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 10 }).filter((w) => sum(w) > 0),
        (total: Paise, weights) => {
          const parts = apportion(total, weights);
          expect(parts).toHaveLength(weights.length);
          expect(sum(parts)).toBe(total);
          const ws = sum(weights);
          parts.forEach((p, i) => {
            expect(Math.abs(p - (total * (weights[i] ?? 0)) / ws)).toBeLessThan(1);
          });
        },
      ),
    );
  });
});
