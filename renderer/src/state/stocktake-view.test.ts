import { describe, expect, it } from 'vitest';
import type { StocktakeLineView, StocktakeSheet } from '../../../shared/src/api/stocktake-api.js';
import { paise } from '../../../shared/src/money.js';
import { parseCsv } from '../../../shared/src/reports/csv.js';
import { varianceReport } from '../../../shared/src/stocktake.js';
import { sheetRows, signedQty, stocktakeCsv, withLine } from './stocktake-view.js';

const item = (batchId: string, expectedQty: number, countedQty: number | null): StocktakeLineView => ({
  batchId, productId: `p-${batchId}`, name: `Arnica ${batchId}`, sku: `SKU-${batchId}`, barcode: null, batchNo: `B-${batchId}`, expiry: '2028-03-31',
  expectedQty, countedQty, costPaise: paise(4_000), mrpPaise: paise(9_550),
});

function sheet(items: StocktakeLineView[]): StocktakeSheet {
  return {
    stocktakeId: 's1', brand: 'SBL', form: 'dilution', status: 'counting', snapshotAt: '2026-11-24T04:30:00.000Z', startedBy: 'Ravi', postedAt: null, postedBy: null,
    lines: items.length, counted: items.filter((i) => i.countedQty !== null).length, items, report: varianceReport(items),
  };
}

describe('the rows a filter keeps', () => {
  const s = sheet([item('a', 10, 8), item('b', 2, 2), item('c', 1, null), item('d', 0, 3)]);
  it.each([
    ['all', ['a', 'b', 'c', 'd']],
    ['variance', ['a', 'd']],
    ['uncounted', ['c']],
  ] as const)('%s keeps %j', (filter, ids) => {
    expect(sheetRows(s, filter).map((r) => r.line.batchId)).toEqual(ids);
  });
});

describe('the variance CSV', () => {
  it('has one row per batch with exact rupees, and a TOTAL row that nets the variance', () => {
    const csv = stocktakeCsv(sheet([item('a', 10, 8), item('b', 2, 5), item('c', 1, null)]));
    expect(csv.filename).toBe('similia-stocktake-sbl-dilution-2026-11-24.csv');
    const rows = parseCsv(csv.text);
    expect(rows[1]).toEqual(['Arnica a', 'SKU-a', 'B-a', '2028-03-31', '10', '8', '-2', 'Short', '40.00', '95.50', '-80.00', '-191.00']);
    expect(rows[3]?.slice(5, 8)).toEqual(['', '0', 'Not counted']);
    expect(rows[4]).toEqual(['TOTAL', '', '2 of 3 counted', '', '', '', '1', '1 short, 1 excess', '', '', '40.00', '95.50']);
  });
});

describe('a signed quantity', () => {
  it.each([[3, '+3'], [-2, '−2'], [0, '0']] as const)('%i reads %s', (n, text) => expect(signedQty(n)).toBe(text));
});

describe('a count answer patched into the sheet', () => {
  it('replaces that line and recomputes the counted total and the report', () => {
    const s = sheet([item('a', 10, null), item('b', 2, 2)]);
    const next = withLine(s, item('a', 10, 7));
    expect(next.counted).toBe(2);
    expect(next.report.totals).toMatchObject({ counted: 2, shortages: 1, units: -3 });
    expect(next.items.map((l) => l.countedQty)).toEqual([7, 2]);
    expect(s.items[0]?.countedQty).toBeNull();
  });
});
