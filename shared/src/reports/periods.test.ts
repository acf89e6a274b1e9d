import { describe, expect, it } from 'vitest';
import { fyName, fyQuarterOf, fyQuarterStart, presetRange, presetsFor, PRESET_IDS, rangeProblem, suggestedGranularity, type PresetId } from './periods.js';

describe('date-range presets follow the Indian financial year', () => {
  const cases: [string, PresetId, string, string][] = [
    // A Tuesday in Q3 of FY 2026-27.
    ['2026-11-24', 'today', '2026-11-24', '2026-11-24'],
    ['2026-11-24', 'yesterday', '2026-11-23', '2026-11-23'],
    ['2026-11-24', 'last7', '2026-11-18', '2026-11-24'],
    ['2026-11-24', 'last30', '2026-10-26', '2026-11-24'],
    ['2026-11-24', 'thisMonth', '2026-11-01', '2026-11-24'],
    ['2026-11-24', 'lastMonth', '2026-10-01', '2026-10-31'],
    ['2026-11-24', 'thisQuarter', '2026-10-01', '2026-11-24'],
    ['2026-11-24', 'lastQuarter', '2026-07-01', '2026-09-30'],
    ['2026-11-24', 'thisFy', '2026-04-01', '2026-11-24'],
    ['2026-11-24', 'lastFy', '2025-04-01', '2026-03-31'],
    // January is Q4 of the FY that began the April before.
    ['2027-01-15', 'lastMonth', '2026-12-01', '2026-12-31'],
    ['2027-01-15', 'thisQuarter', '2027-01-01', '2027-01-15'],
    ['2027-01-15', 'lastQuarter', '2026-10-01', '2026-12-31'],
    ['2027-01-15', 'thisFy', '2026-04-01', '2027-01-15'],
    ['2027-01-15', 'lastFy', '2025-04-01', '2026-03-31'],
    // The first and the last day of a financial year.
    ['2026-04-01', 'thisFy', '2026-04-01', '2026-04-01'],
    ['2026-04-01', 'lastFy', '2025-04-01', '2026-03-31'],
    ['2026-04-01', 'lastQuarter', '2026-01-01', '2026-03-31'],
    ['2026-04-01', 'yesterday', '2026-03-31', '2026-03-31'],
    ['2026-03-31', 'thisFy', '2025-04-01', '2026-03-31'],
    ['2026-03-31', 'lastFy', '2024-04-01', '2025-03-31'],
    // Month arithmetic across a year end and a leap February.
    ['2026-01-10', 'lastMonth', '2025-12-01', '2025-12-31'],
    ['2024-03-01', 'lastMonth', '2024-02-01', '2024-02-29'],
    ['2024-03-01', 'last7', '2024-02-24', '2024-03-01'],
  ];
  it.each(cases)('on %s, %s is %s – %s', (today, id, from, to) => {
    expect(presetRange(id, today)).toMatchObject({ id, from, to });
  });

  it('names the financial year and quarter in the labels', () => {
    expect(presetRange('thisFy', '2026-11-24').label).toBe('This FY (FY 2026-27)');
    expect(presetRange('lastFy', '2026-11-24').label).toBe('Last FY (FY 2025-26)');
    expect(presetRange('thisQuarter', '2026-11-24').label).toBe('This quarter (Q3)');
    expect(presetRange('lastQuarter', '2026-05-02').label).toBe('Last quarter (Q4)');
    expect(fyName(1999)).toBe('FY 1999-00');
  });

  it('lists every preset in menu order, each a valid range ending no later than today', () => {
    const presets = presetsFor('2026-11-24');
    expect(presets.map((p) => p.id)).toEqual(PRESET_IDS);
    for (const p of presets) {
      expect(rangeProblem(p)).toBeNull();
      expect(p.to <= '2026-11-24').toBe(true);
    }
  });

  it('refuses a today that is not a date (programmer error)', () => {
    expect(() => presetRange('today', '2026-02-30')).toThrow(RangeError);
  });

  it.each([
    ['2026-04-01', '2026-04-01', 1],
    ['2026-06-30', '2026-04-01', 1],
    ['2026-07-01', '2026-07-01', 2],
    ['2026-12-31', '2026-10-01', 3],
    ['2027-01-01', '2027-01-01', 4],
    ['2027-03-31', '2027-01-01', 4],
  ])('%s lies in the FY quarter starting %s (Q%i)', (date, start, q) => {
    expect(fyQuarterStart(date)).toBe(start);
    expect(fyQuarterOf(date)).toBe(q);
  });
});

describe('a report range', () => {
  it.each([
    [{ from: '2026-04-01', to: '2027-03-31' }, null],
    [{ from: '2026-11-24', to: '2026-11-24' }, null],
    [{ from: '2025-04-01', to: '2027-03-31' }, null],
    [{ from: '2027-04-01', to: '2029-03-31' }, null],
    [{ from: '2025-04-01', to: '2027-04-02' }, '732 days; reports cover at most 731'],
    [{ from: '2026-11-25', to: '2026-11-24' }, 'after the end date'],
    [{ from: '2026-02-30', to: '2026-03-01' }, 'not a real date'],
    [{ from: '2026-01-01', to: '26-03-01' }, 'end date 26-03-01 is not a real date'],
  ])('%j → %s', (range, problem) => {
    const answer = rangeProblem(range);
    if (problem === null) expect(answer).toBeNull();
    else expect(answer).toContain(problem);
  });

  it.each([
    ['2026-11-24', '2026-11-24', 'day'],
    ['2026-11-01', '2026-12-01', 'day'],
    ['2026-11-01', '2026-12-02', 'week'],
    ['2026-04-01', '2026-07-29', 'week'],
    ['2026-04-01', '2026-07-30', 'month'],
    ['2026-04-01', '2027-03-31', 'month'],
  ] as const)('from %s to %s reads best by %s', (from, to, granularity) => {
    expect(suggestedGranularity({ from, to })).toBe(granularity);
  });
});
