import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';

describe('backoffDelay', () => {
  it.each([
    [1, 0, 500],
    [1, 0.999, 1000],
    [2, 0, 1000],
    [3, 0.5, 3000],
    [7, 0, 30_000],
    [7, 1, 60_000],
    [50, 1, 60_000],
  ])('after %i failure(s) with r=%s waits %i ms', (failures, r, ms) => {
    expect(backoffDelay(failures, r)).toBe(Math.round(ms));
  });

  it('doubles its ceiling per failure up to the cap, and never waits less than half of it', () => {
    for (let failures = 1; failures <= 12; failures++) {
      const ceiling = Math.min(DEFAULT_BACKOFF.maxMs, DEFAULT_BACKOFF.baseMs * 2 ** (failures - 1));
      for (const r of [0, 0.25, 0.5, 0.75, 0.9999]) {
        const delay = backoffDelay(failures, r);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('spreads counters that failed together (jitter), and tolerates odd inputs', () => {
    const delays = new Set([0.1, 0.3, 0.6, 0.9].map((r) => backoffDelay(5, r)));
    expect(delays.size).toBe(4);
    expect(backoffDelay(0, 0)).toBe(500);
    expect(backoffDelay(3, -1)).toBe(2000);
    expect(backoffDelay(3, 7)).toBe(4000);
  });
});
