import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../dates.js';
import { paise } from '../money.js';
import { bucketKey, bucketsOf, rollUpSales, totalFigures, ZERO_FIGURES } from './buckets.js';
import type { Granularity, SalesFigures } from './report-types.js';

const figures = (invoices: number, totalPaise: number): SalesFigures => ({
  invoices,
  grossPaise: paise(totalPaise + 10),
  discountPaise: paise(10),
  taxablePaise: paise(Math.round((totalPaise * 100) / 105)),
  taxPaise: paise(totalPaise - Math.round((totalPaise * 100) / 105)),
  roundOffPaise: paise(0),
  totalPaise: paise(totalPaise),
});

describe('the bucket a business date falls in', () => {
  it.each([
    ['2026-11-24', 'day', '2026-11-24'],
    ['2026-11-24', 'week', '2026-11-23'], // Tuesday → its Monday
    ['2026-11-23', 'week', '2026-11-23'], // Monday
    ['2026-11-29', 'week', '2026-11-23'], // Sunday ends the week
    ['2027-01-01', 'week', '2026-12-28'], // a week across the year end
    ['2026-03-31', 'month', '2026-03'],
    ['2026-04-01', 'month', '2026-04'],
  ] as const)('%s by %s is %s', (date, granularity, key) => {
    expect(bucketKey(date, granularity)).toBe(key);
  });
});

describe('the buckets of a range', () => {
  it('clips the first and last week to the range and labels them with their days', () => {
    expect(bucketsOf('2026-11-18', '2026-12-02', 'week')).toEqual([
      { key: '2026-11-16', label: '18 Nov – 22 Nov', from: '2026-11-18', to: '2026-11-22' },
      { key: '2026-11-23', label: '23 Nov – 29 Nov', from: '2026-11-23', to: '2026-11-29' },
      { key: '2026-11-30', label: '30 Nov – 2 Dec', from: '2026-11-30', to: '2026-12-02' },
    ]);
  });

  it('gives calendar months across a financial-year end, clipped', () => {
    expect(bucketsOf('2026-03-15', '2026-05-10', 'month')).toEqual([
      { key: '2026-03', label: 'Mar 2026', from: '2026-03-15', to: '2026-03-31' },
      { key: '2026-04', label: 'Apr 2026', from: '2026-04-01', to: '2026-04-30' },
      { key: '2026-05', label: 'May 2026', from: '2026-05-01', to: '2026-05-10' },
    ]);
  });

  it.each([
    ['2026-04-01', '2027-03-31', 'day', 365],
    ['2024-03-01', '2024-03-01', 'day', 1],
    ['2026-04-01', '2027-03-31', 'month', 12],
    ['2026-11-23', '2026-11-29', 'week', 1],
    ['2026-11-29', '2026-11-30', 'week', 2],
  ] as const)('%s – %s by %s has %i buckets', (from, to, granularity, n) => {
    const buckets = bucketsOf(from, to, granularity);
    expect(buckets).toHaveLength(n);
    // Back to back, no day lost or doubled.
    expect(buckets[0]?.from).toBe(from);
    expect(buckets.at(-1)?.to).toBe(to);
    for (let i = 1; i < buckets.length; i += 1) expect(buckets[i]?.from).toBe(addDays(buckets[i - 1]?.to ?? '', 1));
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => bucketsOf('2026-11-25', '2026-11-24', 'day')).toThrow(RangeError);
  });
});

describe('rolling daily sales up', () => {
  it('sums the days of each bucket and keeps empty buckets at zero', () => {
    const days = [
      { date: '2026-11-18', ...figures(2, 10_000) },
      { date: '2026-11-22', ...figures(1, 5_000) },
      { date: '2026-11-30', ...figures(3, 7_000) },
    ];
    const buckets = rollUpSales(days, '2026-11-18', '2026-12-02', 'week');
    expect(buckets.map((b) => [b.key, b.invoices, b.totalPaise])).toEqual([
      ['2026-11-16', 3, 15_000],
      ['2026-11-23', 0, 0],
      ['2026-11-30', 3, 7_000],
    ]);
    expect(buckets[1]).toMatchObject(ZERO_FIGURES);
  });

  it('refuses a day outside the range instead of dropping it from the totals', () => {
    expect(() => rollUpSales([{ date: '2026-12-03', ...figures(1, 100) }], '2026-11-18', '2026-12-02', 'day')).toThrow(/outside/);
  });

  it('keeps every paisa and invoice whatever the granularity (property)', () => {
    const granularities: Granularity[] = ['day', 'week', 'month'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 120 }),
        fc.array(fc.record({ offset: fc.nat(), invoices: fc.integer({ min: 1, max: 50 }), total: fc.integer({ min: 0, max: 10_000_000 }) }), { maxLength: 40 }),
        (start, length, raw) => {
          const from = addDays('2025-01-01', start);
          const to = addDays(from, length);
          const days = raw.map((r) => ({ date: addDays(from, r.offset % (daysBetween(from, to) + 1)), ...figures(r.invoices, r.total) }));
          const expected = totalFigures(days);
          for (const g of granularities) expect(totalFigures(rollUpSales(days, from, to, g))).toEqual(expected);
        },
      ),
    );
  });
});
