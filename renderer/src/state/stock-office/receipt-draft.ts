/**
 * The goods receipt form as the screen holds it: text as typed, parsed into the shared rule's
 * draft (shared/src/stock-office/receipt-rules.ts) for per-field problems and running totals.
 * Pure: the screen keeps the state, these functions make the next one.
 */
import { isBusinessDate } from '../../../../shared/src/dates.js';
import { formatINRPlain, parseRupees, type Paise } from '../../../../shared/src/money.js';
import type { ReceiptLineDraft } from '../../../../shared/src/stock-office/receipt-rules.js';

export interface ReceiptLineForm {
  key: string;
  productId: string;
  name: string;
  /** Brand · pack, under the name. */
  meta: string;
  batchNo: string;
  expiry: string;
  qty: string;
  freeQty: string;
  cost: string;
  mrp: string;
}

export const LINE_FIELDS = ['batchNo', 'expiry', 'qty', 'freeQty', 'cost', 'mrp'] as const;
export type LineFormField = (typeof LINE_FIELDS)[number];

/** The field after `field` on a line, or null after the last (back to the product box). */
export function nextField(field: LineFormField): LineFormField | null {
  return LINE_FIELDS[LINE_FIELDS.indexOf(field) + 1] ?? null;
}

/** Where a form field's problem lives in the shared rule's names. */
export const RULE_FIELD: Readonly<Record<LineFormField, 'batchNo' | 'expiry' | 'qty' | 'freeQty' | 'costPaise' | 'mrpPaise'>> = {
  batchNo: 'batchNo', expiry: 'expiry', qty: 'qty', freeQty: 'freeQty', cost: 'costPaise', mrp: 'mrpPaise',
};

const lastDay = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Expiry as printed on packs: '2028-06-30', or a month — '06/28', '6/2028', '06-28' — meaning its
 * last day ('2028-06-30'). Anything else comes back as typed (the rule then says what is wrong).
 */
export function parseExpiry(text: string): string {
  const t = text.trim();
  if (isBusinessDate(t)) return t;
  const m = /^(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$/.exec(t);
  if (m === null) return t;
  const month = Number(m[1]);
  const year = (m[2] ?? '').length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  if (month < 1 || month > 12) return t;
  return `${year}-${String(month).padStart(2, '0')}-${String(lastDay(year, month)).padStart(2, '0')}`;
}

const count = (text: string): number | null => (/^\s*\d+\s*$/.test(text) ? Number(text) : null);
const money = (text: string): Paise | null => (text.trim() === '' ? null : parseRupees(text));

/** The line as the shared rule reads it. */
export function toDraft(line: ReceiptLineForm): ReceiptLineDraft {
  return {
    productId: line.productId,
    batchNo: line.batchNo,
    expiry: parseExpiry(line.expiry),
    qty: count(line.qty),
    freeQty: line.freeQty.trim() === '' ? 0 : count(line.freeQty),
    costPaise: money(line.cost),
    mrpPaise: money(line.mrp),
  };
}

export interface PickedProduct {
  productId: string;
  name: string;
  meta: string;
  mrpPaise: Paise;
  lastCostPaise: Paise | null;
}

/**
 * Adds a line for a product: a product already on the receipt without a batch number yet is
 * focused instead (a second scan of the same barcode means "this one"); otherwise a new line
 * with the catalogue MRP and the last receipt's cost. Returns the lines and the line to focus.
 */
export function addProductLine(lines: readonly ReceiptLineForm[], product: PickedProduct, key: string): { lines: ReceiptLineForm[]; focus: string; added: boolean } {
  const open = lines.find((l) => l.productId === product.productId && l.batchNo.trim() === '');
  if (open !== undefined) return { lines: [...lines], focus: open.key, added: false };
  const line: ReceiptLineForm = {
    key,
    productId: product.productId,
    name: product.name,
    meta: product.meta,
    batchNo: '',
    expiry: '',
    qty: '',
    freeQty: '0',
    cost: product.lastCostPaise === null ? '' : formatINRPlain(product.lastCostPaise).replace(/,/g, ''),
    mrp: formatINRPlain(product.mrpPaise).replace(/,/g, ''),
  };
  return { lines: [...lines, line], focus: key, added: true };
}

export function editLine(lines: readonly ReceiptLineForm[], key: string, field: LineFormField, value: string): ReceiptLineForm[] {
  return lines.map((l) => (l.key === key ? { ...l, [field]: value } : l));
}

export function removeLine(lines: readonly ReceiptLineForm[], key: string): ReceiptLineForm[] {
  return lines.filter((l) => l.key !== key);
}
