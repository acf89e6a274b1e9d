import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paise } from '../money.js';
import { csvField, parseCsv, rupeesField, toCsv } from './csv.js';

describe('a CSV field', () => {
  it.each([
    ['plain text', 'Arnica Montana 30C', 'Arnica Montana 30C'],
    ['a comma', 'Nair, Asha', '"Nair, Asha"'],
    ['quotes, doubled', 'say "hi"', '"say ""hi"""'],
    ['a line break', 'two\nlines', '"two\nlines"'],
    ['a CRLF', 'two\r\nlines', '"two\r\nlines"'],
    ['leading space', ' x', '" x"'],
    ['trailing space', 'x ', '"x "'],
    ['a formula', '=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['a formula with a comma', '=HYPERLINK("http://x",1)', `"'=HYPERLINK(""http://x"",1)"`],
    ['a plus formula', '+91 98450', "'+91 98450"],
    ['an at formula', '@cmd', "'@cmd"],
    ['a minus expression', '-1+2', "'-1+2"],
    ['a negative amount (kept as a number)', '-12.50', '-12.50'],
    ['an empty string', '', ''],
  ])('escapes %s', (_name, input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it.each([
    [12, '12'],
    [-3, '-3'],
    [0.25, '0.25'],
    [null, ''],
    [undefined, ''],
  ])('writes %j as %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it('refuses a number that is not finite', () => {
    expect(() => csvField(Number.NaN)).toThrow(RangeError);
    expect(() => csvField(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('a CSV document', () => {
  it('ends every line with CRLF, header first', () => {
    expect(toCsv(['Invoice', 'Total (₹)'], [['C1/2627/000001', '105.00'], ['C1/2627/000002', null]])).toBe('Invoice,Total (₹)\r\nC1/2627/000001,105.00\r\nC1/2627/000002,\r\n');
  });

  it('refuses a row with the wrong number of fields', () => {
    expect(() => toCsv(['a', 'b'], [['1']])).toThrow(/row 1 has 1 fields/);
  });

  it('reads back exactly what it wrote (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', ',', '"', '\n', '\r', '₹', 'é', '.') }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 3, maxLength: 3 }), { maxLength: 8 }), (rows) => {
        const parsed = parseCsv(toCsv(['x', 'y', 'z'], rows));
        expect(parsed).toEqual([['x', 'y', 'z'], ...rows]);
      }),
    );
  });

  it('reads a file with a byte-order mark', () => {
    expect(parseCsv('\uFEFFa,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
  });
});

describe('rupee amounts for spreadsheets', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [100, '1.00'],
    [123_450, '1234.50'],
    [-20, '-0.20'],
    [-123_456, '-1234.56'],
    [999_999_999_999, '9999999999.99'],
  ])('%i paise → %s', (p, expected) => {
    expect(rupeesField(paise(p))).toBe(expected);
  });
});
