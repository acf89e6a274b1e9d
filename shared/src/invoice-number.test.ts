import { describe, expect, it } from 'vitest';
import { INVOICE_NO_PATTERN, formatInvoiceNo, nextInvoiceNumber, validateInvoicePrefix } from './invoice-number.js';

describe('validateInvoicePrefix', () => {
  it.each(['C1', 'A', 'POS1', 'B-2', '9'])('accepts %j', (prefix) => {
    expect(validateInvoicePrefix(prefix)).toEqual({ kind: 'ok' });
  });

  it.each([
    ['', 'empty'],
    ['C1234', 'longer than 4'],
    ['c1', 'uppercase'],
    ['C/1', 'A–Z'],
    ['C 1', 'A–Z'],
  ])('rejects %j (%s)', (prefix, reasonPart) => {
    const r = validateInvoicePrefix(prefix);
    expect(r.kind).toBe('invalid');
    expect(r.kind === 'invalid' && r.reason).toContain(reasonPart);
  });
});

describe('formatInvoiceNo', () => {
  it.each([
    ['C1', '2526', 1, 'C1/2526/000001'],
    ['POS1', '2526', 999_999, 'POS1/2526/999999'],
    ['A', '2627', 42, 'A/2627/000042'],
  ])('formats %s, %s, %i as %s within 16 characters', (prefix, fy, seq, expected) => {
    const no = formatInvoiceNo(prefix, fy, seq);
    expect(no).toBe(expected);
    expect(no.length).toBeLessThanOrEqual(16);
    expect(INVOICE_NO_PATTERN.test(no)).toBe(true);
  });

  it.each([
    ['c1', '2526', 1],
    ['C1', '25-26', 1],
    ['C1', '2526', 0],
    ['C1', '2526', 1_000_000],
  ])('throws for prefix %j, FY %j, seq %i', (prefix, fy, seq) => {
    expect(() => formatInvoiceNo(prefix, fy, seq)).toThrow(RangeError);
  });
});

describe('INVOICE_NO_PATTERN', () => {
  it.each([
    ['C1/2526/000001', true],
    ['ABCD-1234/56789', true],
    ['12345678901234567', false],
    ['C1 2526', false],
    ['', false],
  ])('%j matches: %s', (no, ok) => {
    expect(INVOICE_NO_PATTERN.test(no)).toBe(ok);
  });
});

describe('nextInvoiceNumber', () => {
  it('starts a new series at 1 in the current FY', () => {
    expect(nextInvoiceNumber({ prefix: 'C1', fyLabel: null, lastSeq: 0 }, '2025-10-15')).toEqual({
      kind: 'ok', invoiceNo: 'C1/2526/000001', fyLabel: '2526', seq: 1,
    });
  });

  it('gives consecutive numbers within a financial year', () => {
    let series = { prefix: 'C1', fyLabel: '2526' as string | null, lastSeq: 0 };
    const numbers: string[] = [];
    for (const date of ['2025-04-01', '2025-12-31', '2026-03-31']) {
      const r = nextInvoiceNumber(series, date);
      if (r.kind !== 'ok') throw new Error('exhausted');
      numbers.push(r.invoiceNo);
      series = { ...series, fyLabel: r.fyLabel, lastSeq: r.seq };
    }
    expect(numbers).toEqual(['C1/2526/000001', 'C1/2526/000002', 'C1/2526/000003']);
  });

  it.each([
    ['2026-03-31', 'C1/2526/000124'],
    ['2026-04-01', 'C1/2627/000001'],
  ])('on %s continues or restarts the series: %s', (date, expected) => {
    const r = nextInvoiceNumber({ prefix: 'C1', fyLabel: '2526', lastSeq: 123 }, date);
    expect(r.kind === 'ok' && r.invoiceNo).toBe(expected);
  });

  it('continues the series FY rather than reissuing numbers when the business date goes back a year', () => {
    const r = nextInvoiceNumber({ prefix: 'C1', fyLabel: '2627', lastSeq: 7 }, '2026-03-31');
    expect(r).toEqual({ kind: 'ok', invoiceNo: 'C1/2627/000008', fyLabel: '2627', seq: 8 });
  });

  it('is exhausted after 999999 in one financial year but restarts in the next', () => {
    const series = { prefix: 'C1', fyLabel: '2526', lastSeq: 999_999 };
    expect(nextInvoiceNumber(series, '2026-03-31')).toEqual({ kind: 'exhausted' });
    expect(nextInvoiceNumber(series, '2026-04-01')).toMatchObject({ kind: 'ok', seq: 1 });
    expect(nextInvoiceNumber({ ...series, lastSeq: 999_998 }, '2026-03-31')).toMatchObject({ kind: 'ok', seq: 999_999 });
  });
});
