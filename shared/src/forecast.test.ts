import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reorderQuantity, sbaForecast } from './forecast.js';

describe('sbaForecast', () => {
  it.each([
    ['no demand at all', [0, 0, 0, 0], 0],
    ['one sale of 4 on day 2: size 4 every 2 days, SBA-corrected', [0, 4], (1 - 0.05) * (4 / 2)],
    ['a steady 2 a day', [2, 2, 2, 2, 2], (1 - 0.05) * 2],
  ])('%s', (_name, history, perDay) => {
    expect(sbaForecast(history).perDay).toBeCloseTo(perDay, 10);
  });

  it('smooths size and interval separately (hand-computed, alpha 0.5)', () => {
    // Demands: 6 after 2 days, then 2 after 3 more. size: 6 → 4; interval: 2 → 2.5.
    const f = sbaForecast([0, 6, 0, 0, 2], 0.5);
    expect(f.demandDays).toBe(2);
    expect(f.perDay).toBeCloseTo(0.75 * (4 / 2.5), 10);
  });

  it('is below Croston (never above) and never negative; zero only without demand', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 20 }), { maxLength: 120 }), fc.double({ min: 0.01, max: 1, noNaN: true }), (history, alpha) => {
        const f = sbaForecast(history, alpha);
        expect(f.perDay).toBeGreaterThanOrEqual(0);
        expect(f.perDay === 0).toBe(history.every((q) => q === 0));
        expect(f.perDay).toBeLessThanOrEqual(Math.max(...history, 0) + 1e-9);
      }),
    );
  });

  it('refuses a smoothing constant outside (0, 1]', () => {
    expect(() => sbaForecast([1], 0)).toThrow(/alpha/);
    expect(() => sbaForecast([1], 1.5)).toThrow(/alpha/);
  });
});

describe('reorderQuantity', () => {
  it.each([
    [{ perDay: 0.5, onHand: 3, leadDays: 7, coverDays: 14 }, 8],
    [{ perDay: 0.5, onHand: 20, leadDays: 7, coverDays: 14 }, 0],
    [{ perDay: 0, onHand: 0, leadDays: 7, coverDays: 14 }, 0],
    [{ perDay: 1, onHand: -4, leadDays: 3, coverDays: 4 }, 7],
    [{ perDay: 0.1, onHand: 0, leadDays: 5, coverDays: 5 }, 1],
  ])('%o → %i', (input, qty) => {
    expect(reorderQuantity(input)).toBe(qty);
  });
});
