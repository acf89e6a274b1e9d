import { describe, expect, it } from 'vitest';
import { sbaForecast } from '../forecast.js';
import { reorderAdvice } from './reorder.js';

describe('reorder advice over lead time plus cover', () => {
  const daily = (n: number, qty = 1) => Array.from({ length: n }, () => qty);
  it.each([
    // SBA on one unit a day: 0.95 a day; × 21 days = 19.95
    { name: 'stock below the forecast', series: daily(30), onHand: 10, cover: 14, lead: 7, reorder: true, qty: 10, forecast: 19.95 },
    { name: 'stock above the forecast', series: daily(30), onHand: 20, cover: 14, lead: 7, reorder: false, qty: 0, forecast: 19.95 },
    // 0.95 × 20 = 19 exactly, although 0.95 is not exact in binary
    { name: 'stock exactly at the forecast', series: daily(30), onHand: 19, cover: 14, lead: 6, reorder: false, qty: 0, forecast: 19 },
    { name: 'one short of an exact forecast orders one, not two', series: daily(30), onHand: 18, cover: 14, lead: 6, reorder: true, qty: 1, forecast: 19 },
    { name: 'negative stock counts as none', series: daily(30), onHand: -3, cover: 14, lead: 7, reorder: true, qty: 20, forecast: 19.95 },
    { name: 'no demand never reorders', series: daily(30, 0), onHand: 0, cover: 14, lead: 7, reorder: false, qty: 0, forecast: 0 },
    // Intermittent: 2 on day 1, 4 on day 4 → size 2.2, interval 1.2, rate 0.95 · 2.2 / 1.2 ≈ 1.742; × 10 days
    { name: 'intermittent demand', series: [2, 0, 0, 4], onHand: 5, cover: 7, lead: 3, reorder: true, qty: 13, forecast: (0.95 * 2.2 * 10) / 1.2 },
  ])('$name', ({ series, onHand, cover, lead, reorder, qty, forecast }) => {
    const advice = reorderAdvice({ dailyDemand: series, onHand, coverDays: cover, leadDays: lead });
    expect(advice.reorder).toBe(reorder);
    expect(advice.suggestedQty).toBe(qty);
    expect(advice.forecastQty).toBeCloseTo(forecast, 9);
    expect(advice.ratePerDay).toBe(sbaForecast(series).perDay);
  });

  it('says how many days the stock lasts at the forecast rate', () => {
    expect(reorderAdvice({ dailyDemand: [2, 2, 2], onHand: 10, coverDays: 14, leadDays: 7, alpha: 1 }).daysOfCover).toBe(10);
    expect(reorderAdvice({ dailyDemand: [0, 0], onHand: 10, coverDays: 14, leadDays: 7 }).daysOfCover).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses fractional or negative cover and lead days', () => {
    expect(() => reorderAdvice({ dailyDemand: [1], onHand: 0, coverDays: 1.5, leadDays: 7 })).toThrow(RangeError);
    expect(() => reorderAdvice({ dailyDemand: [1], onHand: 0, coverDays: 14, leadDays: -1 })).toThrow(RangeError);
  });
});
