import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../shared/src/csv/csv-reader.js';
import { errorReportCsv, splitParts, templateCsv } from './import-files.js';

describe('splitParts', () => {
  it('cuts text into parts of at most the size that join back to the text', () => {
    const text = 'sku,qty\r\n'.repeat(100);
    const parts = splitParts(text, 64);
    expect(parts.every((p) => p.length <= 64)).toBe(true);
    expect(parts.join('')).toBe(text);
  });

  it('never cuts a surrogate pair in two', () => {
    const text = `ab${'😀'.repeat(10)}`;
    const parts = splitParts(text, 3);
    expect(parts.join('')).toBe(text);
    for (const p of parts) expect(/[\uD800-\uDBFF]$/.test(p)).toBe(false);
  });

  it('answers one empty part for an empty text', () => {
    expect(splitParts('', 10)).toEqual(['']);
  });
});

describe('error report and templates', () => {
  it('writes one line per error with the whole-row errors named as such', () => {
    const text = errorReportCsv([{ row: 3, column: 'expiry', reason: 'Not a date, "13/13".' }, { row: 4, column: '', reason: 'Too few fields.' }]);
    expect(readCsv(text).map((r) => r.fields)).toEqual([['line', 'column', 'reason'], ['3', 'expiry', 'Not a date, "13/13".'], ['4', '(whole row)', 'Too few fields.']]);
  });

  it('offers header-only templates in the columns the imports read', () => {
    expect(templateCsv('openingStock').text).toBe('sku,barcode,batch no,expiry,qty,cost,mrp\r\n');
    expect(readCsv(templateCsv('catalogue').text)[0]?.fields).toContain('tax category');
  });
});
