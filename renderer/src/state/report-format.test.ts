import { describe, expect, it } from 'vitest';
import { compactRupees, countText, daysText, longDate, qtyText, rangeText, shareText } from './report-format.js';

describe('report figures on screen', () => {
  it.each([
    [0, '₹0'],
    [95_000, '₹950'],
    [99_949, '₹999'],
    [100_000, '₹1k'],
    [125_000, '₹1.3k'],
    [1_250_000, '₹12.5k'],
    [9_999_900, '₹100k'],
    [34_000_000, '₹3.4L'],
    [1_200_000_000, '₹1.2Cr'],
    [-125_000, '-₹1.3k'],
  ])('%i paise on an axis reads %s', (p, text) => {
    expect(compactRupees(p)).toBe(text);
  });

  it.each([
    ['2026-11-24', '24 Nov 2026'],
    ['2027-01-05', '5 Jan 2027'],
  ])('%s reads %s', (date, text) => {
    expect(longDate(date)).toBe(text);
  });

  it('shows a range of one day as that day', () => {
    expect(rangeText('2026-11-24', '2026-11-24')).toBe('24 Nov 2026');
    expect(rangeText('2026-04-01', '2026-11-24')).toBe('1 Apr 2026 – 24 Nov 2026');
  });

  it.each([
    [3, '3'],
    [2.85, '2.9'],
    [0.125, '0.1'],
  ])('quantity %s reads %s', (q, text) => {
    expect(qtyText(q)).toBe(text);
  });

  it('groups counts the Indian way and says day or days', () => {
    expect(countText(196_389)).toBe('1,96,389');
    expect(countText(512)).toBe('512');
    expect(daysText(1)).toBe('1 day');
    expect(daysText(31)).toBe('31 days');
  });

  it.each([
    [1, 4, '25%'],
    [1, 3, '33.3%'],
    [0, 0, '0%'],
  ])('%i of %i is %s', (part, whole, text) => {
    expect(shareText(part, whole)).toBe(text);
  });
});
