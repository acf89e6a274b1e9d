import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.js';
import { allocateFefo, isExpired, type StockBatch } from './fefo.js';

const TODAY = '2025-10-15';

const batchesArb: fc.Arbitrary<StockBatch[]> = fc
  .uniqueArray(
    fc.record({
      id: fc.integer({ min: 0, max: 1_000_000 }),
      offset: fc.integer({ min: -60, max: 400 }),
      available: fc.integer({ min: -5, max: 40 }),
      batchNo: fc.constantFrom('A1', 'B2', 'C3', 'D4'),
    }),
    { selector: (b) => b.id, maxLength: 8 },
  )
  .map((rows) =>
    rows.map((r) => ({ batchId: `b${r.id}`, batchNo: r.batchNo, expiry: addDays(TODAY, r.offset), available: r.available })),
  );

const sellable = (batches: readonly StockBatch[]): number =>
  batches.filter((b) => !isExpired(b.expiry, TODAY)).reduce((a, b) => a + Math.max(0, b.available), 0);

describe('FEFO invariants', () => {
  it('never allocates an expired batch, never more than a batch holds, and allocates min(qty, sellable)', () => {
    fc.assert(
      fc.property(batchesArb, fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 365 }), (batches, qty, days) => {
        const r = allocateFefo(batches, qty, { businessDate: TODAY, nearExpiryDays: days });
        if (r.kind !== 'allocated' && r.kind !== 'shortfall') throw new Error(`unexpected ${r.kind}`);
        const byId = new Map(batches.map((b) => [b.batchId, b]));
        for (const a of r.allocations) {
          const b = byId.get(a.batchId);
          expect(b).toBeDefined();
          expect(isExpired(a.expiry, TODAY)).toBe(false);
          expect(a.qty).toBeGreaterThan(0);
          expect(a.qty).toBeLessThanOrEqual(b?.available ?? 0);
        }
        expect(new Set(r.allocations.map((a) => a.batchId)).size).toBe(r.allocations.length);
        const total = r.allocations.reduce((s, a) => s + a.qty, 0);
        expect(total).toBe(Math.min(qty, sellable(batches)));
        expect(r.kind).toBe(total === qty ? 'allocated' : 'shortfall');
        expect(r.kind === 'shortfall' ? r.shortBy : 0).toBe(qty - total);
      }),
    );
  });

  it('allocates in non-decreasing expiry order and drains every batch it moves past', () => {
    fc.assert(
      fc.property(batchesArb, fc.integer({ min: 1, max: 200 }), (batches, qty) => {
        const r = allocateFefo(batches, qty, { businessDate: TODAY, nearExpiryDays: 90 });
        if (!('allocations' in r)) throw new Error('expected allocations');
        const expiries = r.allocations.map((a) => a.expiry);
        expect(expiries).toEqual([...expiries].sort());
        // Every batch but the last one used was drained, so nothing earlier was skipped.
        r.allocations.slice(0, -1).forEach((a) => {
          expect(a.qty).toBe(batches.find((b) => b.batchId === a.batchId)?.available);
        });
      }),
    );
  });

  it('an override never draws from any batch but the chosen one', () => {
    fc.assert(
      fc.property(batchesArb.filter((b) => b.length > 0), fc.nat(), fc.integer({ min: 1, max: 60 }), (batches, pick, qty) => {
        const chosen = batches[pick % batches.length];
        if (chosen === undefined) return;
        const r = allocateFefo(batches, qty, { businessDate: TODAY, nearExpiryDays: 90, overrideBatchId: chosen.batchId });
        if (isExpired(chosen.expiry, TODAY)) {
          expect(r.kind).toBe('override_expired');
          return;
        }
        if (!('allocations' in r)) throw new Error(`unexpected ${r.kind}`);
        expect(r.allocations.every((a) => a.batchId === chosen.batchId)).toBe(true);
        expect(r.allocations.reduce((s, a) => s + a.qty, 0)).toBe(Math.min(qty, Math.max(0, chosen.available)));
      }),
    );
  });
});
