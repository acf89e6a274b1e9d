import { describe, expect, it } from 'vitest';
import { counterOf, documentSeries } from './document-series.js';

const doc = (invoiceNo: string, voided = false) => ({ invoiceNo, voided });

describe('the documents-issued table', () => {
  it.each([
    {
      name: 'one series with a void: first, last, count, cancelled',
      docs: [doc('C1/2627/000002', true), doc('C1/2627/000001'), doc('C1/2627/000003')],
      rows: [{ series: 'C1/2627', first: 'C1/2627/000001', last: 'C1/2627/000003', issued: 3, cancelled: 1, missing: 0 }],
    },
    {
      name: 'numbers ordered by sequence, not as text',
      docs: [doc('C1/2627/000010'), doc('C1/2627/000009'), doc('C1/2627/000100')],
      rows: [{ series: 'C1/2627', first: 'C1/2627/000009', last: 'C1/2627/000100', issued: 3, cancelled: 0, missing: 89 }],
    },
    {
      name: 'two counters and two financial years are four series',
      docs: [doc('C2/2526/000500'), doc('C1/2627/000001'), doc('C1/2526/000900'), doc('C2/2627/000001'), doc('C2/2627/000003')],
      rows: [
        { series: 'C1/2526', first: 'C1/2526/000900', last: 'C1/2526/000900', issued: 1, cancelled: 0, missing: 0 },
        { series: 'C1/2627', first: 'C1/2627/000001', last: 'C1/2627/000001', issued: 1, cancelled: 0, missing: 0 },
        { series: 'C2/2526', first: 'C2/2526/000500', last: 'C2/2526/000500', issued: 1, cancelled: 0, missing: 0 },
        { series: 'C2/2627', first: 'C2/2627/000001', last: 'C2/2627/000003', issued: 2, cancelled: 0, missing: 1 },
      ],
    },
    {
      name: 'a number without a sequence stands alone',
      docs: [doc('MANUAL-7')],
      rows: [{ series: 'MANUAL-7', first: 'MANUAL-7', last: 'MANUAL-7', issued: 1, cancelled: 0, missing: 0 }],
    },
    { name: 'no documents', docs: [], rows: [] },
  ])('$name', ({ docs, rows }) => {
    expect(documentSeries(docs)).toEqual(rows);
  });

  it.each([
    ['C1/2627/000004', 'C1'],
    ['POS1/2526/000001', 'POS1'],
    ['MANUAL', 'MANUAL'],
  ])('the counter of %s is %s', (invoiceNo, counter) => {
    expect(counterOf(invoiceNo)).toBe(counter);
  });
});
