/**
 * What the stocktake screen shows of a sheet: which rows a filter keeps, and the variance report
 * as CSV (one row per batch and a TOTAL row, exact rupees). Pure.
 */
import type { StocktakeLineView, StocktakeSheet } from '../../../shared/src/api/stocktake-api.js';
import { paise } from '../../../shared/src/money.js';
import { rupeesField, toCsv, type CsvCell } from '../../../shared/src/reports/csv.js';
import { varianceReport, type LineVariance, type VarianceStatus } from '../../../shared/src/stocktake.js';
import type { CsvFile } from './report-csv.js';

export type StocktakeFilter = 'all' | 'variance' | 'uncounted';

export const STATUS_LABELS: Readonly<Record<VarianceStatus, string>> = {
  match: 'OK',
  shortage: 'Short',
  excess: 'Excess',
  uncounted: 'Not counted',
};

export interface SheetRow {
  line: StocktakeLineView;
  variance: LineVariance;
}

/** The sheet's rows with their variance, kept by the filter: variances = shortages and excesses. */
export function sheetRows(sheet: StocktakeSheet, filter: StocktakeFilter): SheetRow[] {
  const rows = sheet.items.map((line, i) => ({ line, variance: sheet.report.lines[i] as LineVariance }));
  if (filter === 'variance') return rows.filter((r) => r.variance.status === 'shortage' || r.variance.status === 'excess');
  if (filter === 'uncounted') return rows.filter((r) => r.variance.status === 'uncounted');
  return rows;
}

/** The sheet with one line replaced (a count or scan answer), its report and counted total recomputed. */
export function withLine(sheet: StocktakeSheet, line: StocktakeLineView): StocktakeSheet {
  const items = sheet.items.map((l) => (l.batchId === line.batchId ? line : l));
  return { ...sheet, items, counted: items.filter((l) => l.countedQty !== null).length, report: varianceReport(items) };
}

/** A signed whole number as a person reads a variance: +3, −2, 0. */
export function signedQty(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}

export function stocktakeCsv(sheet: StocktakeSheet): CsvFile {
  const header = ['Product', 'SKU', 'Batch', 'Expiry', 'Expected', 'Counted', 'Variance', 'Status', 'Cost (₹)', 'MRP (₹)', 'Variance at cost (₹)', 'Variance at MRP (₹)'];
  const rows: CsvCell[][] = sheetRows(sheet, 'all').map(({ line, variance }) => [
    line.name, line.sku, line.batchNo, line.expiry, line.expectedQty, line.countedQty ?? '', variance.units, STATUS_LABELS[variance.status],
    rupeesField(line.costPaise), rupeesField(line.mrpPaise), rupeesField(paise(variance.valueAtCostPaise)), rupeesField(paise(variance.valueAtMrpPaise)),
  ]);
  const t = sheet.report.totals;
  rows.push(['TOTAL', '', `${t.counted} of ${t.lines} counted`, '', '', '', t.units, `${t.shortages} short, ${t.excesses} excess`, '', '', rupeesField(paise(t.valueAtCostPaise)), rupeesField(paise(t.valueAtMrpPaise))]);
  const scope = `${sheet.brand}${sheet.form === null ? '' : `-${sheet.form}`}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return { filename: `similia-stocktake-${scope}-${sheet.snapshotAt.slice(0, 10)}.csv`, text: toCsv(header, rows) };
}
