import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paise } from './money.js';
import { defaultScanBatch, lineVariance, parseCount, postingDeltas, varianceReport, type CountLine } from './stocktake.js';

const line = (batchId: string, expectedQty: number, countedQty: number | null, cost = 4_000, mrp = 9_500): CountLine => ({
  productId: `p-${batchId}`, batchId, expectedQty, countedQty, costPaise: paise(cost), mrpPaise: paise(mrp),
});

describe('line variance', () => {
  it.each([
    [10, 8, 'shortage', -2],
    [10, 13, 'excess', 3],
    [10, 10, 'match', 0],
    [0, 4, 'excess', 4],
    [5, 0, 'shortage', -5],
  ] as const)('expected %i, counted %i is a %s of %i units', (expected, counted, status, units) => {
    expect(lineVariance(line('b', expected, counted))).toMatchObject({ status, units, valueAtCostPaise: units * 4_000, valueAtMrpPaise: units * 9_500 });
  });

  it('leaves an uncounted line at zero variance, marked uncounted', () => {
    expect(lineVariance(line('b', 7, null))).toEqual({ batchId: 'b', status: 'uncounted', units: 0, valueAtCostPaise: 0, valueAtMrpPaise: 0 });
  });
});

describe('variance report', () => {
  it('totals net units and values and keeps shortages and excesses apart', () => {
    const report = varianceReport([line('a', 10, 8), line('b', 2, 5, 1_000, 2_000), line('c', 4, 4), line('d', 3, null)]);
    expect(report.totals).toEqual({
      lines: 4, counted: 3, uncounted: 1, shortages: 1, excesses: 1,
      units: 1, shortageUnits: 2, excessUnits: 3,
      valueAtCostPaise: -8_000 + 3_000, valueAtMrpPaise: -19_000 + 6_000,
      shortageAtCostPaise: 8_000, excessAtCostPaise: 3_000,
    });
    expect(report.lines.map((l) => l.status)).toEqual(['shortage', 'excess', 'match', 'uncounted']);
  });

  it('nets to the sum of the posting deltas (property)', () => {
    const arb = fc.array(fc.record({ e: fc.integer({ min: -5, max: 500 }), c: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }) }), { maxLength: 30 });
    fc.assert(
      fc.property(arb, (rows) => {
        const lines = rows.map((r, i) => line(`b${i}`, r.e, r.c));
        const report = varianceReport(lines);
        const deltas = postingDeltas(lines);
        expect(deltas.reduce((s, d) => s + d.delta, 0)).toBe(report.totals.units);
        expect(report.totals.excessUnits - report.totals.shortageUnits).toBe(report.totals.units);
        expect(deltas.every((d) => d.delta !== 0)).toBe(true);
      }),
    );
  });
});

describe('posting deltas', () => {
  it('posts counted − expected for counted lines that differ, and nothing for matches or uncounted lines', () => {
    expect(postingDeltas([line('a', 10, 8), line('b', 2, 2), line('c', 1, null), line('d', -1, 0)])).toEqual([
      { productId: 'p-a', batchId: 'a', delta: -2 },
      { productId: 'p-d', batchId: 'd', delta: 1 },
    ]);
  });
});

describe('the batch a scan counts into', () => {
  const today = '2026-11-24';
  it('is the first-expiring live batch with stock (FEFO)', () => {
    expect(defaultScanBatch([
      { batchId: 'late', expiry: '2029-01-31', expectedQty: 9 },
      { batchId: 'soon', expiry: '2027-03-31', expectedQty: 2 },
      { batchId: 'expired', expiry: '2026-10-31', expectedQty: 20 },
      { batchId: 'empty', expiry: '2026-12-31', expectedQty: 0 },
    ], today)).toBe('soon');
  });

  it('falls back to the batch with most stock, then the latest expiry, and to null without batches', () => {
    expect(defaultScanBatch([{ batchId: 'x', expiry: '2026-01-31', expectedQty: 1 }, { batchId: 'y', expiry: '2025-01-31', expectedQty: 4 }], today)).toBe('y');
    expect(defaultScanBatch([{ batchId: 'x', expiry: '2026-01-31', expectedQty: 0 }, { batchId: 'y', expiry: '2030-01-31', expectedQty: 0 }], today)).toBe('y');
    expect(defaultScanBatch([], today)).toBeNull();
  });
});

describe('a typed count', () => {
  it.each([
    ['12', { kind: 'ok', qty: 12 }],
    [' 0 ', { kind: 'ok', qty: 0 }],
    ['', { kind: 'ok', qty: null }],
    ['-1', { kind: 'invalid' }],
    ['1.5', { kind: 'invalid' }],
    ['12a', { kind: 'invalid' }],
    ['100001', { kind: 'invalid' }],
  ] as const)('%j reads as %j', (text, expected) => {
    expect(parseCount(text)).toEqual(expected);
  });
});
