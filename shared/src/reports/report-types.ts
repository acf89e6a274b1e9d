/**
 * What the branch reports answer (app API `reports.*`). Every figure is computed by the core from
 * the local store, so reports work offline: this counter's own sales plus the other counters'
 * sales of the branch as last pulled from the sync server. Money is integer paise; dates are
 * business dates (Asia/Kolkata, YYYY-MM-DD).
 */
import type { PaymentMethod } from '../domain.js';
import type { Paise } from '../money.js';

export type Granularity = 'day' | 'week' | 'month';

/** The arguments every report takes: an inclusive range of business dates. */
export interface ReportRangeArgs {
  from: string;
  to: string;
  /** Sales trend only; default 'day'. */
  granularity?: Granularity;
}

/** The money figures of a set of completed (not voided) invoices, from their stored totals. */
export interface SalesFigures {
  invoices: number;
  grossPaise: Paise;
  discountPaise: Paise;
  taxablePaise: Paise;
  /** CGST + SGST + IGST. */
  taxPaise: Paise;
  roundOffPaise: Paise;
  /** What customers paid: the invoice totals (rounded to the rupee). */
  totalPaise: Paise;
}

/** One period of the sales trend: a day, a week (Monday–Sunday) or a calendar month, clipped to the range. */
export interface SalesBucket extends SalesFigures {
  /** Day 'YYYY-MM-DD', week = its Monday 'YYYY-MM-DD', month 'YYYY-MM'. */
  key: string;
  label: string;
  from: string;
  to: string;
}

/** A voided invoice: kept in the documents count, never in the sales figures. */
export interface VoidedInvoice {
  saleId: string;
  invoiceNo: string;
  businessDate: string;
  totalPaise: Paise;
  /** The counter's invoice series prefix (e.g. 'C1'). */
  counter: string;
  /** Known for this counter's voids; other counters' reasons are not replicated. */
  reason: string | null;
}

export interface SalesTrendReport {
  from: string;
  to: string;
  granularity: Granularity;
  buckets: SalesBucket[];
  totals: SalesFigures;
  /** Completed invoices from this counter and from the branch's other counters (pulled by sync). */
  sources: { thisCounter: number; otherCounters: number };
  voids: VoidedInvoice[];
}

export interface TopProductRow {
  productId: string;
  name: string;
  brand: string;
  packSize: string;
  qty: number;
  /** Sum of line nets (after discount, GST included). */
  netPaise: Paise;
  /** Invoices the product appears on. */
  invoices: number;
}

export interface TopProductsReport {
  from: string;
  to: string;
  /** Ranked by net sales, then quantity. */
  rows: TopProductRow[];
  /** Over every product sold in the range, not only the rows shown. */
  totalNetPaise: Paise;
  totalQty: number;
  productCount: number;
}

export interface PaymentMixRow {
  method: PaymentMethod;
  /** Payment entries (a split bill has one per method). */
  payments: number;
  amountPaise: Paise;
}

export interface PaymentMixReport {
  from: string;
  to: string;
  /** Always cash, card and upi, in that order (zero when unused). */
  rows: PaymentMixRow[];
  totalPaise: Paise;
  /** Invoices paid with more than one method. */
  splitInvoices: number;
}

/** GST figures of a group of invoice lines (stored per line; never re-priced). */
export interface GstFigures {
  qty: number;
  taxablePaise: Paise;
  cgstPaise: Paise;
  sgstPaise: Paise;
  igstPaise: Paise;
  /** taxable + tax: the lines' net value. */
  valuePaise: Paise;
}

export interface GstRateRow extends GstFigures {
  rateBp: number;
}

export interface GstHsnRow extends GstFigures {
  hsn: string;
  rateBp: number;
}

export interface GstSupplySplit extends GstFigures {
  invoices: number;
}

export interface B2bInvoice {
  invoiceNo: string;
  businessDate: string;
  customerName: string;
  gstin: string;
  placeOfSupply: string;
  taxablePaise: Paise;
  cgstPaise: Paise;
  sgstPaise: Paise;
  igstPaise: Paise;
  valuePaise: Paise;
}

/** A document series (invoice prefix and financial year): first and last number issued in the range. */
export interface DocumentSeriesRow {
  /** 'C1/2627'. */
  series: string;
  first: string;
  last: string;
  /** Numbers issued in the range, voided ones included. */
  issued: number;
  /** Of those, voided (cancelled). */
  cancelled: number;
  /** Numbers between first and last that this store has not seen (not yet synced, or never issued). */
  missing: number;
}

export interface GstSummaryReport {
  from: string;
  to: string;
  rateWise: GstRateRow[];
  hsnWise: GstHsnRow[];
  /** Supplies to customers with a GSTIN. */
  b2b: GstSupplySplit;
  /** Everyone else (walk-in or no GSTIN). */
  b2c: GstSupplySplit;
  totals: GstSupplySplit;
  b2bInvoices: B2bInvoice[];
  documents: DocumentSeriesRow[];
}

export interface StockValueRow {
  form: string;
  batches: number;
  qty: number;
  /** qty × batch cost. */
  costPaise: Paise;
  /** qty × batch MRP. */
  mrpPaise: Paise;
}

export interface StockValueReport {
  /** Expiry is judged at this date (the range's end); quantities are the stock on hand now. */
  asOf: string;
  rows: StockValueRow[];
  totals: Omit<StockValueRow, 'form'>;
  /** Part of the totals that is already expired at `asOf`. */
  expired: Omit<StockValueRow, 'form'>;
  /** Batches whose level is below zero (sold before the receipt arrived): not valued. */
  negativeBatches: number;
}

/** Disjoint windows of days from the end date to a batch's expiry. */
export type ExpiryWindow = 'expired' | 'within30' | 'within60' | 'within90';

export interface ExpiringBatchRow {
  batchId: string;
  productId: string;
  name: string;
  batchNo: string;
  expiry: string;
  /** Days from `asOf` to expiry (negative = already expired). */
  daysLeft: number;
  window: ExpiryWindow;
  qty: number;
  costPaise: Paise;
  mrpPaise: Paise;
}

export interface ExpiryWindowTotals {
  window: ExpiryWindow;
  batches: number;
  qty: number;
  costPaise: Paise;
  mrpPaise: Paise;
}

export interface ExpiringStockReport {
  asOf: string;
  /** Always the four windows, in order: expired, 0–30, 31–60, 61–90 days. */
  windows: ExpiryWindowTotals[];
  /** Every batch with stock expiring within 90 days of `asOf` (or already expired), soonest first. */
  rows: ExpiringBatchRow[];
}

export interface ReorderRow {
  productId: string;
  name: string;
  brand: string;
  packSize: string;
  /** Sellable (non-expired) stock on hand today. */
  onHand: number;
  /** Units sold in the range and on how many days. */
  soldQty: number;
  demandDays: number;
  lastSold: string;
  /** SBA demand rate, units per day. */
  ratePerDay: number;
  /** ratePerDay × (coverDays + leadDays). */
  forecastQty: number;
  /** Units to order so that stock covers the forecast: ceil(forecast − on hand). */
  suggestedQty: number;
  /** Days the stock on hand lasts at the forecast rate. */
  daysOfCover: number;
}

export interface ReorderReport {
  from: string;
  to: string;
  /** Business date the stock on hand is judged sellable at (today). */
  stockDate: string;
  historyDays: number;
  coverDays: number;
  leadDays: number;
  alpha: number;
  /** Named in the UI: the forecast method. */
  method: string;
  /** Products sold in the range (the ones the forecast could look at). */
  productsConsidered: number;
  /** Products whose stock on hand is below the forecast, least cover first. */
  rows: ReorderRow[];
}
