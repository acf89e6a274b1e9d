import { describe, expect, it } from 'vitest';
import { ageLabel, istDateTime, istLong, istTime } from './ist-time.js';

describe('branch (IST) time formatting', () => {
  it('shows an instant late in the UTC evening on the next Indian calendar day', () => {
    expect(istDateTime('2026-11-23T23:02:00Z')).toMatch(/^24\/11\/26, 4:32\s?am$/i);
    expect(istLong('2026-11-23T23:02:00Z')).toMatch(/^24 Nov 2026, 4:32\s?am$/i);
  });

  it('shows the time of day in IST regardless of the machine zone', () => {
    expect(istTime('2026-04-01T06:30:00Z')).toMatch(/^12:00\s?pm$/i);
  });
});

describe('age of the oldest waiting change', () => {
  const now = Date.parse('2026-11-24T12:00:00Z');
  it.each([
    ['2026-11-24T11:59:30Z', 'just now'],
    ['2026-11-24T11:48:00Z', '12 min'],
    ['2026-11-24T10:00:00Z', '2 h'],
    ['2026-11-24T08:55:00Z', '3 h 5 min'],
    ['2026-11-23T11:00:00Z', '1 day'],
    ['2026-11-20T12:00:00Z', '4 days'],
  ])('%s is shown as %s', (iso, label) => {
    expect(ageLabel(iso, now)).toBe(label);
  });
});
