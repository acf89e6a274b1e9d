import { describe, expect, it } from 'vitest';
import { amountInWords, formatINR, formatINRPlain, paise, parseRupees, sumPaise } from './money.js';

describe('paise', () => {
  it('brands safe integers unchanged', () => {
    expect(paise(12_345)).toBe(12_345);
    expect(paise(-5)).toBe(-5);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('rejects %s as a programmer error', (n) => {
    expect(() => paise(n)).toThrow(RangeError);
  });

  it('normalises negative zero so it never prints as -₹0.00', () => {
    expect(Object.is(paise(-0), 0)).toBe(true);
  });
});

describe('sumPaise', () => {
  it('adds values exactly and sums an empty list to zero', () => {
    expect(sumPaise([paise(10), paise(-3), paise(100)])).toBe(107);
    expect(sumPaise([])).toBe(0);
  });
});

describe('formatINR', () => {
  it.each([
    [12_345_650, '₹1,23,456.50'],
    [12_345_678_900, '₹12,34,56,789.00'],
    [5, '₹0.05'],
    [0, '₹0.00'],
    [99, '₹0.99'],
    [100, '₹1.00'],
    [99_999, '₹999.99'],
    [100_000, '₹1,000.00'],
    [10_000_000, '₹1,00,000.00'],
    [1_000_000_000, '₹1,00,00,000.00'],
    [-123_400, '-₹1,234.00'],
    [-5, '-₹0.05'],
  ])('formats %i paise as %s with Indian grouping', (p, text) => {
    expect(formatINR(paise(p))).toBe(text);
  });

  it('formats without the rupee sign for table columns', () => {
    expect(formatINRPlain(paise(12_345_650))).toBe('1,23,456.50');
    expect(formatINRPlain(paise(-123_400))).toBe('-1,234.00');
  });
});

describe('parseRupees', () => {
  it.each([
    ['12', 1200],
    ['12.5', 1250],
    ['12.50', 1250],
    ['0.05', 5],
    ['1,234.50', 123_450],
    ['1,23,456.50', 12_345_650],
    ['₹ 10', 1000],
    ['₹10.00', 1000],
    ['Rs. 10', 1000],
    ['  7  ', 700],
    ['0', 0],
  ])('reads %j as %i paise', (text, p) => {
    expect(parseRupees(text)).toBe(p);
  });

  it.each(['', 'abc', '12.345', '12.', '.5', '-5', '1,,234', ',123', '12a', '1 2', '₹', '99999999999999999'])(
    'rejects %j',
    (text) => {
      expect(parseRupees(text)).toBeNull();
    },
  );
});

describe('amountInWords', () => {
  it.each([
    [0, 'Rupees Zero Only'],
    [5, 'Rupees Zero and Five Paise Only'],
    [100, 'Rupees One Only'],
    [1_100, 'Rupees Eleven Only'],
    [2_000, 'Rupees Twenty Only'],
    [10_550, 'Rupees One Hundred Five and Fifty Paise Only'],
    [12_345_650, 'Rupees One Lakh Twenty-Three Thousand Four Hundred Fifty-Six and Fifty Paise Only'],
    [10_000_000, 'Rupees One Lakh Only'],
    [12_345_678_900, 'Rupees Twelve Crore Thirty-Four Lakh Fifty-Six Thousand Seven Hundred Eighty-Nine Only'],
    [1_000_000_000_000, 'Rupees One Thousand Crore Only'],
    [-150, 'Minus Rupees One and Fifty Paise Only'],
  ])('writes %i paise as %j', (p, words) => {
    expect(amountInWords(paise(p))).toBe(words);
  });
});
