/**
 * The CSV export of every report table: what the screen's table shows, with exact rupee amounts
 * (no grouping, two decimals) and a TOTAL row where the table has one, so a spreadsheet sums to
 * the same figures. Pure: the screen hands the text to a download.
 */
import { rupeesField, toCsv, type CsvCell } from '../../../shared/src/reports/csv.js';
import type {
  ExpiringStockReport,
  GstFigures,
  GstSummaryReport,
  PaymentMixReport,
  ReorderReport,
  SalesFigures,
  SalesTrendReport,
  StockValueReport,
  TopProductsReport,
} from '../../../shared/src/reports/report-types.js';
import { paise, type Paise } from '../../../shared/src/money.js';
import type { OfficeReport } from '../../../shared/src/api-contract.js';
import { METHOD_LABELS, rateText, WINDOW_LABELS } from './report-format.js';

export interface CsvFile {
  filename: string;
  text: string;
}

const r = (p: Paise): string => rupeesField(p);
const file = (name: string, from: string, to: string, header: string[], rows: CsvCell[][]): CsvFile => ({
  filename: `similia-${name}-${from === to ? from : `${from}_${to}`}.csv`,
  text: toCsv(header, rows),
});

const SALES_HEADER = ['Period', 'From', 'To', 'Invoices', 'Gross (₹)', 'Discount (₹)', 'Taxable (₹)', 'GST (₹)', 'Round-off (₹)', 'Net sales (₹)'];
const salesCells = (f: SalesFigures): CsvCell[] => [f.invoices, r(f.grossPaise), r(f.discountPaise), r(f.taxablePaise), r(f.taxPaise), r(f.roundOffPaise), r(f.totalPaise)];

/** Every branch from the office: one row per branch and a total. */
export function officeBranchesCsv(report: OfficeReport): CsvFile {
  const rows: CsvCell[][] = report.branches.map((b) => [b.code, b.name, b.invoices, r(b.taxPaise), r(b.totalPaise), b.voids, r(b.stockCostPaise), r(b.stockMrpPaise)]);
  const sum = (k: 'invoices' | 'taxPaise' | 'totalPaise' | 'voids' | 'stockCostPaise' | 'stockMrpPaise'): number => report.branches.reduce((s, b) => s + b[k], 0);
  rows.push(['TOTAL', 'All branches', sum('invoices'), r(paise(sum('taxPaise'))), r(paise(sum('totalPaise'))), sum('voids'), r(paise(sum('stockCostPaise'))), r(paise(sum('stockMrpPaise')))]);
  return file('office-branches', report.from, report.to, ['Branch', 'Name', 'Invoices', 'GST (₹)', 'Net sales (₹)', 'Voids', 'Stock at cost (₹)', 'Stock at MRP (₹)'], rows);
}

export function salesTrendCsv(report: SalesTrendReport): CsvFile {
  return file(`sales-${report.granularity}`, report.from, report.to, SALES_HEADER, [
    ...report.buckets.map((b) => [b.label, b.from, b.to, ...salesCells(b)]),
    ['TOTAL', report.from, report.to, ...salesCells(report.totals)],
  ]);
}

export function voidsCsv(report: SalesTrendReport): CsvFile {
  return file('voids', report.from, report.to, ['Invoice', 'Date', 'Counter', 'Amount (₹)', 'Reason'], [
    ...report.voids.map((v) => [v.invoiceNo, v.businessDate, v.counter, r(v.totalPaise), v.reason]),
  ]);
}

export function topProductsCsv(report: TopProductsReport): CsvFile {
  return file('top-products', report.from, report.to, ['Rank', 'Product', 'Brand', 'Pack', 'Qty', 'Invoices', 'Net sales (₹)'], [
    ...report.rows.map((p, i) => [i + 1, p.name, p.brand, p.packSize, p.qty, p.invoices, r(p.netPaise)]),
  ]);
}

export function paymentMixCsv(report: PaymentMixReport): CsvFile {
  return file('payment-mix', report.from, report.to, ['Method', 'Payments', 'Amount (₹)'], [
    ...report.rows.map((p) => [METHOD_LABELS[p.method] ?? p.method, p.payments, r(p.amountPaise)]),
    ['TOTAL', report.rows.reduce((a, p) => a + p.payments, 0), r(report.totalPaise)],
  ]);
}

const GST_HEADER = ['Qty', 'Taxable (₹)', 'CGST (₹)', 'SGST (₹)', 'IGST (₹)', 'Value (₹)'];
const gstCells = (g: GstFigures): CsvCell[] => [g.qty, r(g.taxablePaise), r(g.cgstPaise), r(g.sgstPaise), r(g.igstPaise), r(g.valuePaise)];

export function gstRateCsv(report: GstSummaryReport): CsvFile {
  return file('gst-rate-wise', report.from, report.to, ['Rate', ...GST_HEADER], [
    ...report.rateWise.map((g) => [rateText(g.rateBp), ...gstCells(g)]),
    ['TOTAL', ...gstCells(report.totals)],
  ]);
}

export function gstHsnCsv(report: GstSummaryReport): CsvFile {
  return file('gst-hsn-wise', report.from, report.to, ['HSN', 'Rate', ...GST_HEADER], [
    ...report.hsnWise.map((g) => [g.hsn, rateText(g.rateBp), ...gstCells(g)]),
    ['TOTAL', '', ...gstCells(report.totals)],
  ]);
}

export function gstSupplyCsv(report: GstSummaryReport): CsvFile {
  return file('gst-b2b-b2c', report.from, report.to, ['Supply', 'Invoices', ...GST_HEADER], [
    ['B2B (customer with GSTIN)', report.b2b.invoices, ...gstCells(report.b2b)],
    ['B2C (others)', report.b2c.invoices, ...gstCells(report.b2c)],
    ['TOTAL', report.totals.invoices, ...gstCells(report.totals)],
  ]);
}

export function b2bInvoicesCsv(report: GstSummaryReport): CsvFile {
  return file('gst-b2b-invoices', report.from, report.to, ['Invoice', 'Date', 'Customer', 'GSTIN', 'Place of supply', 'Taxable (₹)', 'CGST (₹)', 'SGST (₹)', 'IGST (₹)', 'Value (₹)'], [
    ...report.b2bInvoices.map((b) => [b.invoiceNo, b.businessDate, b.customerName, b.gstin, b.placeOfSupply, r(b.taxablePaise), r(b.cgstPaise), r(b.sgstPaise), r(b.igstPaise), r(b.valuePaise)]),
  ]);
}

export function documentsCsv(report: GstSummaryReport): CsvFile {
  return file('gst-documents', report.from, report.to, ['Series', 'From', 'To', 'Issued', 'Cancelled', 'Net issued', 'Missing numbers'], [
    ...report.documents.map((d) => [d.series, d.first, d.last, d.issued, d.cancelled, d.issued - d.cancelled, d.missing]),
  ]);
}

export function stockValueCsv(report: StockValueReport): CsvFile {
  return file('stock-value', report.asOf, report.asOf, ['Form', 'Batches', 'Qty', 'At cost (₹)', 'At MRP (₹)'], [
    ...report.rows.map((s) => [s.form, s.batches, s.qty, r(s.costPaise), r(s.mrpPaise)]),
    ['TOTAL', report.totals.batches, report.totals.qty, r(report.totals.costPaise), r(report.totals.mrpPaise)],
  ]);
}

export function expiringCsv(report: ExpiringStockReport): CsvFile {
  return file('expiring-stock', report.asOf, report.asOf, ['Window', 'Product', 'Batch', 'Expiry', 'Days left', 'Qty', 'At cost (₹)', 'At MRP (₹)'], [
    ...report.rows.map((b) => [WINDOW_LABELS[b.window], b.name, b.batchNo, b.expiry, b.daysLeft, b.qty, r(b.costPaise), r(b.mrpPaise)]),
    ['TOTAL', '', '', '', '', report.windows.reduce((a, w) => a + w.qty, 0), r(sum(report.windows.map((w) => w.costPaise))), r(sum(report.windows.map((w) => w.mrpPaise)))],
  ]);
}

export function reorderCsv(report: ReorderReport): CsvFile {
  return file('reorder', report.from, report.to, ['Product', 'Brand', 'Pack', 'On hand', 'Sold', 'Days with sales', 'Last sold', 'SBA rate per day', `Forecast ${report.leadDays}+${report.coverDays} days`, 'Days of cover', 'Suggested order'], [
    ...report.rows.map((p) => [p.name, p.brand, p.packSize, p.onHand, p.soldQty, p.demandDays, p.lastSold, round(p.ratePerDay, 3), round(p.forecastQty, 2), round(p.daysOfCover, 1), p.suggestedQty]),
  ]);
}

function sum(values: readonly Paise[]): Paise {
  return paise(values.reduce((a, v) => a + v, 0));
}

/** Forecast figures are not money: a fixed number of decimals keeps the column tidy. */
function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
