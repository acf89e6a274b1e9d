import { describe, expect, it } from 'vitest';
import { DEFAULT_NEAR_EXPIRY_DAYS, allocateFefo, isExpired, isNearExpiry, type StockBatch } from './fefo.js';

const TODAY = '2025-10-15';
const opts = { businessDate: TODAY, nearExpiryDays: DEFAULT_NEAR_EXPIRY_DAYS };
const batch = (batchId: string, expiry: string, available: number, batchNo = batchId.toUpperCase()): StockBatch => ({
  batchId, batchNo, expiry, available,
});
const picked = (r: ReturnType<typeof allocateFefo>): [string, number][] =>
  'allocations' in r ? r.allocations.map((a) => [a.batchId, a.qty]) : [];

describe('isExpired and isNearExpiry', () => {
  it.each([
    ['2025-10-14', true, false],
    ['2025-10-15', false, true],
    ['2025-10-16', false, true],
    ['2026-01-13', false, true],
    ['2026-01-14', false, false],
  ])('expiry %s on %s: expired %s, near expiry (90 days) %s', (expiry, expired, near) => {
    expect(isExpired(expiry, TODAY)).toBe(expired);
    expect(isNearExpiry(expiry, TODAY, 90)).toBe(near);
  });

  it('defaults the near-expiry window to 90 days', () => {
    expect(DEFAULT_NEAR_EXPIRY_DAYS).toBe(90);
  });
});

describe('allocateFefo', () => {
  it.each([
    {
      name: 'takes the earliest expiry first',
      batches: [batch('late', '2027-01-01', 10), batch('early', '2026-06-01', 10)],
      qty: 3,
      expected: [['early', 3]],
    },
    {
      name: 'spills over into the next batch when the first runs out',
      batches: [batch('late', '2027-01-01', 10), batch('early', '2026-06-01', 2)],
      qty: 5,
      expected: [['early', 2], ['late', 3]],
    },
    {
      name: 'never sells an expired batch even when it expires first',
      batches: [batch('old', '2025-10-14', 50), batch('ok', '2026-06-01', 10)],
      qty: 4,
      expected: [['ok', 4]],
    },
    {
      name: 'still sells a batch that expires on the business date',
      batches: [batch('today', '2025-10-15', 1), batch('ok', '2026-06-01', 10)],
      qty: 2,
      expected: [['today', 1], ['ok', 1]],
    },
    {
      name: 'breaks an expiry tie by batch number',
      batches: [batch('x', '2026-06-01', 5, 'B2'), batch('y', '2026-06-01', 5, 'B1')],
      qty: 6,
      expected: [['y', 5], ['x', 1]],
    },
    {
      name: 'skips batches with nothing or less than nothing available',
      batches: [batch('empty', '2026-01-01', 0), batch('negative', '2026-02-01', -3), batch('ok', '2026-06-01', 9)],
      qty: 9,
      expected: [['ok', 9]],
    },
  ])('$name', ({ batches, qty, expected }) => {
    const r = allocateFefo(batches, qty, opts);
    expect(r.kind).toBe('allocated');
    expect(picked(r)).toEqual(expected);
  });

  it('flags near-expiry allocations and leaves distant ones unflagged', () => {
    const r = allocateFefo([batch('near', '2026-01-13', 1), batch('far', '2026-01-14', 5)], 3, opts);
    expect(r.kind === 'allocated' && r.allocations.map((a) => [a.batchNo, a.expiry, a.nearExpiry])).toEqual([
      ['NEAR', '2026-01-13', true],
      ['FAR', '2026-01-14', false],
    ]);
  });

  it('reports a shortfall with the partial allocation when sellable stock is short', () => {
    const r = allocateFefo([batch('a', '2026-01-01', 2), batch('b', '2024-01-01', 100), batch('c', '2026-03-01', 1)], 5, opts);
    expect(r).toMatchObject({ kind: 'shortfall', shortBy: 2 });
    expect(picked(r)).toEqual([['a', 2], ['c', 1]]);
  });

  it('reports the whole quantity short when there are no batches', () => {
    expect(allocateFefo([], 4, opts)).toEqual({ kind: 'shortfall', allocations: [], shortBy: 4 });
  });

  it('takes the whole quantity from an overridden batch even when another expires sooner', () => {
    const batches = [batch('early', '2026-01-01', 10), batch('chosen', '2027-01-01', 10)];
    const r = allocateFefo(batches, 4, { ...opts, overrideBatchId: 'chosen' });
    expect(r.kind).toBe('allocated');
    expect(picked(r)).toEqual([['chosen', 4]]);
  });

  it('reports a shortfall rather than topping up from other batches when the override is short', () => {
    const batches = [batch('early', '2026-01-01', 10), batch('chosen', '2027-01-01', 3)];
    const r = allocateFefo(batches, 5, { ...opts, overrideBatchId: 'chosen' });
    expect(r).toMatchObject({ kind: 'shortfall', shortBy: 2 });
    expect(picked(r)).toEqual([['chosen', 3]]);
  });

  it('refuses to override with an expired batch', () => {
    const r = allocateFefo([batch('old', '2025-10-14', 10)], 1, { ...opts, overrideBatchId: 'old' });
    expect(r).toEqual({ kind: 'override_expired', batchId: 'old' });
  });

  it('refuses an override batch that is not in the list', () => {
    const r = allocateFefo([batch('a', '2026-01-01', 10)], 1, { ...opts, overrideBatchId: 'ghost' });
    expect(r).toEqual({ kind: 'override_unknown', batchId: 'ghost' });
  });

  it('treats a null override as plain FEFO', () => {
    const r = allocateFefo([batch('b', '2027-01-01', 5), batch('a', '2026-01-01', 5)], 1, { ...opts, overrideBatchId: null });
    expect(picked(r)).toEqual([['a', 1]]);
  });

  it.each([0, -1, 1.5])('throws for qty %s because callers validate quantities', (qty) => {
    expect(() => allocateFefo([batch('a', '2026-01-01', 5)], qty, opts)).toThrow(RangeError);
  });
});
