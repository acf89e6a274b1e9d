import { describe, expect, it } from 'vitest';
import { addDays, businessDateOf, daysBetween, financialYearOf, isBusinessDate } from './dates.js';

describe('businessDateOf', () => {
  it.each([
    ['2026-03-31T18:29:59.999Z', '2026-03-31'],
    ['2026-03-31T18:30:00.000Z', '2026-04-01'],
    ['2026-03-31T23:00:00.000Z', '2026-04-01'],
    ['2025-12-31T20:00:00.000Z', '2026-01-01'],
    ['2026-01-01T00:00:00.000Z', '2026-01-01'],
  ])('takes the Asia/Kolkata calendar date of %s → %s', (iso, date) => {
    expect(businessDateOf(Date.parse(iso))).toBe(date);
  });

  it('puts a sale late on 31 March UTC into the next financial year', () => {
    const date = businessDateOf(Date.parse('2026-03-31T21:15:00Z'));
    expect(financialYearOf(date).label).toBe('2627');
  });

  it('rejects a non-finite instant', () => {
    expect(() => businessDateOf(Number.NaN)).toThrow(RangeError);
  });
});

describe('addDays and daysBetween', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2025-06-15', 90, '2025-09-13'],
    ['2025-06-15', 0, '2025-06-15'],
  ])('%s + %i days is %s', (from, days, to) => {
    expect(addDays(from, days)).toBe(to);
    expect(daysBetween(from, to)).toBe(days);
  });

  it('counts a leap year as 366 days', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
  });

  it.each(['2025-02-30', '2025-13-01', '25-01-01', '2025/01/01', ''])('rejects %j as a date', (bad) => {
    expect(isBusinessDate(bad)).toBe(false);
    expect(() => addDays(bad, 1)).toThrow(RangeError);
  });
});

describe('financialYearOf', () => {
  it.each([
    ['2025-03-31', 2024, '2425'],
    ['2025-04-01', 2025, '2526'],
    ['2025-12-31', 2025, '2526'],
    ['2026-01-01', 2025, '2526'],
    ['2026-03-31', 2025, '2526'],
    ['2026-04-01', 2026, '2627'],
    ['2099-04-01', 2099, '9900'],
  ])('%s falls in FY starting %i (label %s)', (date, startYear, label) => {
    expect(financialYearOf(date)).toEqual({ startYear, label });
  });
});
