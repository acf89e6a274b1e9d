import { describe, expect, it } from 'vitest';
import { paise } from '../../../shared/src/money.js';
import { parseCsv } from '../../../shared/src/reports/csv.js';
import type { ExpiringStockReport, GstSummaryReport, PaymentMixReport, ReorderReport, SalesTrendReport, StockValueReport, TopProductsReport } from '../../../shared/src/reports/report-types.js';
import {
  b2bInvoicesCsv,
  documentsCsv,
  expiringCsv,
  gstHsnCsv,
  gstRateCsv,
  gstSupplyCsv,
  paymentMixCsv,
  reorderCsv,
  salesTrendCsv,
  stockValueCsv,
  topProductsCsv,
  voidsCsv,
  type CsvFile,
} from './report-csv.js';

const p = paise;
const figures = (invoices: number, total: number) => ({ invoices, grossPaise: p(total + 100), discountPaise: p(100), taxablePaise: p(Math.round((total * 100) / 105)), taxPaise: p(total - Math.round((total * 100) / 105)), roundOffPaise: p(-3), totalPaise: p(total) });
const gst = (qty: number, taxable: number, cgst: number, sgst: number, igst: number) => ({ qty, taxablePaise: p(taxable), cgstPaise: p(cgst), sgstPaise: p(sgst), igstPaise: p(igst), valuePaise: p(taxable + cgst + sgst + igst) });

const trend: SalesTrendReport = {
  from: '2026-11-01', to: '2026-11-24', granularity: 'week',
  buckets: [
    { key: '2026-10-26', label: '1 Nov', from: '2026-11-01', to: '2026-11-01', ...figures(2, 10_500) },
    { key: '2026-11-02', label: '2 Nov – 8 Nov', from: '2026-11-02', to: '2026-11-08', ...figures(0, 0) },
    { key: '2026-11-23', label: '23 Nov – 24 Nov', from: '2026-11-23', to: '2026-11-24', ...figures(3, 123_456) },
  ],
  totals: { invoices: 5, grossPaise: p(134_256), discountPaise: p(300), taxablePaise: p(Math.round(1_050_000 / 105) + Math.round(12_345_600 / 105)), taxPaise: p(133_956 - Math.round(1_050_000 / 105) - Math.round(12_345_600 / 105)), roundOffPaise: p(-9), totalPaise: p(133_956) },
  sources: { thisCounter: 4, otherCounters: 1 },
  voids: [{ saleId: 's', invoiceNo: 'C1/2627/000003', businessDate: '2026-11-01', totalPaise: p(4_500), counter: 'C1', reason: 'wrong item, "returned"' }],
};
const gstReport: GstSummaryReport = {
  from: '2025-09-01', to: '2026-03-31',
  rateWise: [{ rateBp: 500, ...gst(3, 10_000, 250, 250, 0) }, { rateBp: 1200, ...gst(1, 5_000, 0, 0, 600) }],
  hsnWise: [{ hsn: '30039011', rateBp: 1200, ...gst(1, 5_000, 0, 0, 600) }, { hsn: '30049014', rateBp: 500, ...gst(3, 10_000, 250, 250, 0) }],
  b2b: { invoices: 1, ...gst(1, 5_000, 0, 0, 600) },
  b2c: { invoices: 2, ...gst(3, 10_000, 250, 250, 0) },
  totals: { invoices: 3, ...gst(4, 15_000, 250, 250, 600) },
  b2bInvoices: [{ invoiceNo: 'C1/2526/000009', businessDate: '2025-09-20', customerName: 'Pune Wellness, LLP', gstin: '27PQRSX5678K1ZX', placeOfSupply: '27', taxablePaise: p(5_000), cgstPaise: p(0), sgstPaise: p(0), igstPaise: p(600), valuePaise: p(5_600) }],
  documents: [{ series: 'C1/2526', first: 'C1/2526/000001', last: 'C1/2526/000012', issued: 11, cancelled: 1, missing: 1 }],
};
const products: TopProductsReport = { from: '2026-11-01', to: '2026-11-24', rows: [{ productId: 'a', name: '=cmd Arnica', brand: 'SBL', packSize: '30 ml', qty: 4, netPaise: p(40_000), invoices: 3 }], totalNetPaise: p(40_000), totalQty: 4, productCount: 1 };
const mix: PaymentMixReport = { from: '2026-11-01', to: '2026-11-24', rows: [{ method: 'cash', payments: 2, amountPaise: p(10_000) }, { method: 'card', payments: 1, amountPaise: p(2_550) }, { method: 'upi', payments: 0, amountPaise: p(0) }], totalPaise: p(12_550), splitInvoices: 1 };
const stock: StockValueReport = { asOf: '2026-11-24', rows: [{ form: 'dilution', batches: 3, qty: 30, costPaise: p(60_000), mrpPaise: p(95_000) }, { form: 'globules', batches: 1, qty: 5, costPaise: p(5_005), mrpPaise: p(9_999) }], totals: { batches: 4, qty: 35, costPaise: p(65_005), mrpPaise: p(104_999) }, expired: { batches: 0, qty: 0, costPaise: p(0), mrpPaise: p(0) }, negativeBatches: 0 };
const expiring: ExpiringStockReport = {
  asOf: '2026-11-24',
  windows: [
    { window: 'expired', batches: 1, qty: 2, costPaise: p(1_000), mrpPaise: p(1_900) },
    { window: 'within30', batches: 1, qty: 1, costPaise: p(505), mrpPaise: p(950) },
    { window: 'within60', batches: 0, qty: 0, costPaise: p(0), mrpPaise: p(0) },
    { window: 'within90', batches: 0, qty: 0, costPaise: p(0), mrpPaise: p(0) },
  ],
  rows: [
    { batchId: 'b1', productId: 'a', name: 'Belladonna 30C', batchNo: 'X1', expiry: '2026-10-31', daysLeft: -24, window: 'expired', qty: 2, costPaise: p(1_000), mrpPaise: p(1_900) },
    { batchId: 'b2', productId: 'b', name: 'Nux Vomica 200C', batchNo: 'X2', expiry: '2026-12-01', daysLeft: 7, window: 'within30', qty: 1, costPaise: p(505), mrpPaise: p(950) },
  ],
};
const reorder: ReorderReport = { from: '2026-10-25', to: '2026-11-24', stockDate: '2026-11-24', historyDays: 31, coverDays: 14, leadDays: 7, alpha: 0.1, method: 'SBA', productsConsidered: 9, rows: [{ productId: 'a', name: 'Arnica', brand: 'SBL', packSize: '30 ml', onHand: 2, soldQty: 10, demandDays: 10, lastSold: '2026-11-24', ratePerDay: 0.31234, forecastQty: 6.559, suggestedQty: 5, daysOfCover: 6.4 }] };

/** '1234.50' → 123450 exactly. */
const toPaise = (text: string): number => {
  const [whole = '0', frac = '00'] = text.replace('-', '').split('.');
  return (text.startsWith('-') ? -1 : 1) * (Number(whole) * 100 + Number(frac));
};

describe('report CSV exports', () => {
  it.each<{ name: string; csv: CsvFile; filename: string; rows: number; totals: boolean }>([
    { name: 'sales trend', csv: salesTrendCsv(trend), filename: 'similia-sales-week-2026-11-01_2026-11-24.csv', rows: 3, totals: true },
    { name: 'voids', csv: voidsCsv(trend), filename: 'similia-voids-2026-11-01_2026-11-24.csv', rows: 1, totals: false },
    { name: 'top products', csv: topProductsCsv(products), filename: 'similia-top-products-2026-11-01_2026-11-24.csv', rows: 1, totals: false },
    { name: 'payment mix', csv: paymentMixCsv(mix), filename: 'similia-payment-mix-2026-11-01_2026-11-24.csv', rows: 3, totals: true },
    { name: 'GST rate-wise', csv: gstRateCsv(gstReport), filename: 'similia-gst-rate-wise-2025-09-01_2026-03-31.csv', rows: 2, totals: true },
    { name: 'GST HSN-wise', csv: gstHsnCsv(gstReport), filename: 'similia-gst-hsn-wise-2025-09-01_2026-03-31.csv', rows: 2, totals: true },
    { name: 'GST B2B/B2C', csv: gstSupplyCsv(gstReport), filename: 'similia-gst-b2b-b2c-2025-09-01_2026-03-31.csv', rows: 2, totals: true },
    { name: 'B2B invoices', csv: b2bInvoicesCsv(gstReport), filename: 'similia-gst-b2b-invoices-2025-09-01_2026-03-31.csv', rows: 1, totals: false },
    { name: 'documents', csv: documentsCsv(gstReport), filename: 'similia-gst-documents-2025-09-01_2026-03-31.csv', rows: 1, totals: false },
    { name: 'stock value', csv: stockValueCsv(stock), filename: 'similia-stock-value-2026-11-24.csv', rows: 2, totals: true },
    { name: 'expiring stock', csv: expiringCsv(expiring), filename: 'similia-expiring-stock-2026-11-24.csv', rows: 2, totals: true },
    { name: 'reorder list', csv: reorderCsv(reorder), filename: 'similia-reorder-2026-10-25_2026-11-24.csv', rows: 1, totals: false },
  ])('$name: one line per table row, and a TOTAL row that is the sum of the rows above it', ({ csv, filename, rows, totals }) => {
    expect(csv.filename).toBe(filename);
    const [header = [], ...body] = parseCsv(csv.text);
    expect(body.every((row) => row.length === header.length)).toBe(true);
    const total = totals ? body.pop() : undefined;
    expect(body).toHaveLength(rows);
    if (total === undefined) return;
    expect(total[0]).toBe('TOTAL');
    header.forEach((column, i) => {
      if (!column.endsWith('(₹)')) return;
      expect(toPaise(total[i] ?? ''), column).toBe(body.reduce((a, row) => a + toPaise(row[i] ?? '0'), 0));
    });
  });

  it('writes exact rupees, quotes names and keeps formulas out', () => {
    const rows = parseCsv(salesTrendCsv(trend).text);
    expect(rows[3]?.slice(3)).toEqual(['3', '1235.56', '1.00', '1175.77', '58.79', '-0.03', '1234.56']);
    expect(parseCsv(voidsCsv(trend).text)[1]).toEqual(['C1/2627/000003', '2026-11-01', 'C1', '45.00', 'wrong item, "returned"']);
    expect(parseCsv(topProductsCsv(products).text)[1]?.[1]).toBe("'=cmd Arnica");
    expect(parseCsv(b2bInvoicesCsv(gstReport).text)[1]?.[2]).toBe('Pune Wellness, LLP');
    expect(parseCsv(reorderCsv(reorder).text)[1]?.slice(7)).toEqual(['0.312', '6.56', '6.4', '5']);
    expect(parseCsv(documentsCsv(gstReport).text)[1]).toEqual(['C1/2526', 'C1/2526/000001', 'C1/2526/000012', '11', '1', '10', '1']);
  });
});
