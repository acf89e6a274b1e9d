import { describe, expect, it } from 'vitest';
import { isBarcodeLike, looksLikeScan } from './scanner.js';

const stamps = (text: string, gap: number) => [...text].map((key, i) => ({ key, at: 1000 + i * gap }));

describe('telling a scanner from a person', () => {
  it('digits arriving a few ms apart are a scan', () => {
    expect(looksLikeScan('8901234567893', stamps('8901234567893', 4))).toBe(true);
  });
  it('the same digits typed at human speed are not', () => {
    expect(looksLikeScan('8901234567893', stamps('8901234567893', 120))).toBe(false);
  });
  it('text that is not 8–14 digits is never a scan', () => {
    expect(looksLikeScan('arnica 30', stamps('arnica 30', 2))).toBe(false);
    expect(looksLikeScan('1234567', stamps('1234567', 2))).toBe(false);
  });
  it('an all-digit entry of barcode length is worth a barcode lookup', () => {
    expect(isBarcodeLike(' 8901234567893 ')).toBe(true);
    expect(isBarcodeLike('200')).toBe(false);
  });
});
