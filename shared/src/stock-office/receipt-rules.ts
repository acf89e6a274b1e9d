/**
 * Rules of a goods receipt, checked field by field so the screen can show each problem beside
 * its field and the core can refuse the same receipt with the same words. Pure: today's business
 * date is passed in.
 */
import { isBusinessDate } from '../dates.js';
import { isExpired } from '../fefo.js';
import { formatINR, paise, type Paise } from '../money.js';

export interface ReceiptHeaderDraft {
  supplier: string;
  supplierInvoiceNo: string;
  /** YYYY-MM-DD */
  supplierInvoiceDate: string;
}

/** One line as entered; a number the person typed that does not parse is null. */
export interface ReceiptLineDraft {
  productId: string;
  batchNo: string;
  /** YYYY-MM-DD */
  expiry: string;
  qty: number | null;
  freeQty: number | null;
  costPaise: Paise | null;
  mrpPaise: Paise | null;
}

export type ReceiptHeaderField = keyof ReceiptHeaderDraft;
export type ReceiptLineField = 'batchNo' | 'expiry' | 'qty' | 'freeQty' | 'costPaise' | 'mrpPaise';

export interface ReceiptProblems {
  header: Partial<Record<ReceiptHeaderField, string>>;
  /** One entry per line, in order (empty object = the line is fine). */
  lines: Partial<Record<ReceiptLineField, string>>[];
  /** A problem of the receipt as a whole (no lines), or null. */
  form: string | null;
  /** How many problems in all: 0 = the receipt can be posted. */
  count: number;
}

export const MAX_RECEIPT_LINES = 500;
export const MAX_RECEIPT_QTY = 100_000;
const MAX_BATCH_NO = 40;

const wholeCount = (n: number | null): boolean => n !== null && Number.isSafeInteger(n) && n >= 0 && n <= MAX_RECEIPT_QTY;

/** The key of a lot: one product and one batch number (compared without case or spaces around). */
export function lotKey(productId: string, batchNo: string): string {
  return `${productId}\u0000${batchNo.trim().toUpperCase()}`;
}

function checkHeader(h: ReceiptHeaderDraft, today: string): Partial<Record<ReceiptHeaderField, string>> {
  const out: Partial<Record<ReceiptHeaderField, string>> = {};
  if (h.supplier.trim().length === 0) out.supplier = 'Name the supplier.';
  else if (h.supplier.trim().length > 200) out.supplier = 'At most 200 characters.';
  if (h.supplierInvoiceNo.trim().length === 0) out.supplierInvoiceNo = 'Enter the supplier’s invoice number.';
  else if (h.supplierInvoiceNo.trim().length > 64) out.supplierInvoiceNo = 'At most 64 characters.';
  if (!isBusinessDate(h.supplierInvoiceDate)) out.supplierInvoiceDate = 'Enter the invoice date (YYYY-MM-DD).';
  else if (h.supplierInvoiceDate > today) out.supplierInvoiceDate = `The invoice date ${h.supplierInvoiceDate} is after today (${today}).`;
  return out;
}

function checkLine(l: ReceiptLineDraft, today: string, firstLineOfLot: number | undefined): Partial<Record<ReceiptLineField, string>> {
  const out: Partial<Record<ReceiptLineField, string>> = {};
  const batchNo = l.batchNo.trim();
  if (batchNo.length === 0) out.batchNo = 'Enter the batch number.';
  else if (batchNo.length > MAX_BATCH_NO) out.batchNo = `At most ${MAX_BATCH_NO} characters.`;
  else if (firstLineOfLot !== undefined) out.batchNo = `Same product and batch as line ${firstLineOfLot}: add the quantity there.`;
  if (!isBusinessDate(l.expiry)) out.expiry = 'Enter the expiry (YYYY-MM-DD).';
  else if (isExpired(l.expiry, today)) out.expiry = `Expiry ${l.expiry} is in the past: expired stock cannot be sold.`;
  if (!wholeCount(l.qty)) out.qty = `A whole number of packs, 0–${MAX_RECEIPT_QTY}.`;
  if (!wholeCount(l.freeQty)) out.freeQty = `A whole number of packs, 0–${MAX_RECEIPT_QTY}.`;
  if (out.qty === undefined && out.freeQty === undefined && (l.qty ?? 0) + (l.freeQty ?? 0) < 1) out.qty = 'Quantity and free quantity add up to at least 1.';
  if (l.costPaise === null || l.costPaise < 0) out.costPaise = 'Enter the cost per pack in rupees.';
  if (l.mrpPaise === null || l.mrpPaise <= 0) out.mrpPaise = 'Enter the MRP per pack in rupees.';
  else if (l.costPaise !== null && l.costPaise >= 0 && l.mrpPaise < l.costPaise) out.mrpPaise = `MRP ${formatINR(l.mrpPaise)} is below the cost ${formatINR(l.costPaise)}.`;
  return out;
}

/** Every problem of a receipt, per field. `count` 0 means it can be posted. */
export function checkReceipt(header: ReceiptHeaderDraft, lines: readonly ReceiptLineDraft[], today: string): ReceiptProblems {
  const headerProblems = checkHeader(header, today);
  const firstOf = new Map<string, number>();
  const lineProblems = lines.map((l, i) => {
    const key = lotKey(l.productId, l.batchNo);
    const first = l.batchNo.trim() === '' ? undefined : firstOf.get(key);
    if (first === undefined && l.batchNo.trim() !== '') firstOf.set(key, i + 1);
    return checkLine(l, today, first);
  });
  let form: string | null = null;
  if (lines.length === 0) form = 'Add at least one line: scan a barcode or search for a product.';
  else if (lines.length > MAX_RECEIPT_LINES) form = `At most ${MAX_RECEIPT_LINES} lines in one receipt.`;
  const count = Object.keys(headerProblems).length + lineProblems.reduce((a, p) => a + Object.keys(p).length, 0) + (form === null ? 0 : 1);
  return { header: headerProblems, lines: lineProblems, form, count };
}

/** The first problem of a receipt as one sentence (the core's refusal), or null. */
export function firstReceiptProblem(p: ReceiptProblems): { message: string; line: number | null; field: string } | null {
  if (p.form !== null) return { message: p.form, line: null, field: 'lines' };
  for (const [field, message] of Object.entries(p.header)) return { message, line: null, field };
  for (const [i, line] of p.lines.entries()) {
    for (const [field, message] of Object.entries(line)) return { message: `Line ${i + 1}: ${message}`, line: i + 1, field };
  }
  return null;
}

export interface ReceiptTotals {
  lines: number;
  /** Paid + free packs. */
  units: number;
  freeUnits: number;
  /** What the supplier is paid: qty × cost (free packs cost nothing). */
  costPaise: Paise;
  /** The stock at MRP: (qty + free) × MRP. */
  mrpPaise: Paise;
}

/** Running totals of the lines as entered; lines with a number that does not parse count as 0. */
export function receiptTotals(lines: readonly ReceiptLineDraft[]): ReceiptTotals {
  let units = 0;
  let freeUnits = 0;
  let cost = 0;
  let mrp = 0;
  for (const l of lines) {
    const qty = wholeCount(l.qty) ? (l.qty ?? 0) : 0;
    const free = wholeCount(l.freeQty) ? (l.freeQty ?? 0) : 0;
    units += qty + free;
    freeUnits += free;
    cost += qty * Math.max(0, l.costPaise ?? 0);
    mrp += (qty + free) * Math.max(0, l.mrpPaise ?? 0);
  }
  return { lines: lines.length, units, freeUnits, costPaise: paise(cost), mrpPaise: paise(mrp) };
}
