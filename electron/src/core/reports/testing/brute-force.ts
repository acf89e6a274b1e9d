/**
 * Test support: every report figure recomputed the slow, obvious way from the raw rows (local
 * tables read whole, pulled JSON rows parsed in JS, loops instead of GROUP BY), so a slip in a
 * report's SQL, its de-duplication or its roll-up cannot agree with it by accident.
 */
import { addDays, daysBetween } from '../../../../../shared/src/dates.js';
import type { PaymentMethod } from '../../../../../shared/src/domain.js';
import { paise, type Paise } from '../../../../../shared/src/money.js';
import type { DocumentSeriesRow, SalesFigures } from '../../../../../shared/src/reports/report-types.js';
import { reorderAdvice } from '../../../../../shared/src/reports/reorder.js';
import { openStore } from '../../store/open-store.js';

type Row = Record<string, unknown>;

export interface RawLine { productId: string; hsn: string; qty: number; rateBp: number; taxable: number; cgst: number; sgst: number; igst: number; net: number }
export interface RawSale {
  id: string;
  invoiceNo: string;
  businessDate: string;
  customerId: string | null;
  placeOfSupply: string;
  gross: number;
  discount: number;
  taxable: number;
  tax: number;
  roundOff: number;
  total: number;
  voided: boolean;
  voidReason: string | null;
  own: boolean;
  lines: RawLine[];
  payments: { method: string; amount: number }[];
}

export interface RawStore {
  sales: RawSale[];
  products: Map<string, { name: string; brand: string; packSize: string; form: string }>;
  customers: Map<string, { name: string; gstin: string | null }>;
  stock: { batchId: string; productId: string; qty: number; batchNo: string; expiry: string; cost: number; mrp: number; known: boolean }[];
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Reads everything, then keeps the branch's sales: own rows, plus pulled ones this store does not have itself. */
export function readRawStore(file: string): RawStore {
  const db = openStore(file, { readonly: true });
  try {
    const branch = (db.prepare(`SELECT branch_id FROM device`).get() as { branch_id: string }).branch_id;
    const sales: RawSale[] = [];
    const ownIds = new Set<string>();
    const ownLines = db.prepare(`SELECT * FROM sale_lines`).all() as Row[];
    const ownPayments = db.prepare(`SELECT * FROM sale_payments`).all() as Row[];
    for (const s of db.prepare(`SELECT * FROM sales`).all() as Row[]) {
      ownIds.add(str(s.id));
      if (s.branch_id !== branch) continue;
      sales.push({
        id: str(s.id), invoiceNo: str(s.invoice_no), businessDate: str(s.business_date), customerId: (s.customer_id as string | null) ?? null, placeOfSupply: str(s.place_of_supply),
        gross: num(s.gross_paise), discount: num(s.discount_paise), taxable: num(s.taxable_paise), tax: num(s.cgst_paise) + num(s.sgst_paise) + num(s.igst_paise),
        roundOff: num(s.round_off_paise), total: num(s.total_paise), voided: s.status === 'voided', voidReason: (s.void_reason as string | null) ?? null, own: true,
        lines: ownLines.filter((l) => l.sale_id === s.id).map((l) => ({
          productId: str(l.product_id), hsn: str(l.hsn), qty: num(l.qty), rateBp: num(l.rate_bp), taxable: num(l.taxable_paise), cgst: num(l.cgst_paise), sgst: num(l.sgst_paise), igst: num(l.igst_paise), net: num(l.net_paise),
        })),
        payments: ownPayments.filter((p) => p.sale_id === s.id).map((p) => ({ method: str(p.method), amount: num(p.amount_paise) })),
      });
    }
    const pulled = (db.prepare(`SELECT table_name, row FROM replica_rows`).all() as { table_name: string; row: string }[]).map((r) => ({ table: r.table_name, row: JSON.parse(r.row) as Row }));
    for (const { row: s } of pulled.filter((p) => p.table === 'sales')) {
      if (ownIds.has(str(s.id)) || s.branchId !== branch) continue;
      sales.push({
        id: str(s.id), invoiceNo: str(s.invoiceNo), businessDate: str(s.businessDate), customerId: (s.customerId as string | null) ?? null, placeOfSupply: str(s.placeOfSupply),
        gross: num(s.grossPaise), discount: num(s.discountPaise), taxable: num(s.taxablePaise), tax: num(s.cgstPaise) + num(s.sgstPaise) + num(s.igstPaise),
        roundOff: num(s.roundOffPaise), total: num(s.totalPaise), voided: s.status === 'voided', voidReason: null, own: false,
        lines: pulled.filter((p) => p.table === 'sale_lines' && p.row.saleId === s.id).map(({ row: l }) => ({
          productId: str(l.productId), hsn: str(l.hsn), qty: num(l.qty), rateBp: num(l.rateBp), taxable: num(l.taxablePaise), cgst: num(l.cgstPaise), sgst: num(l.sgstPaise), igst: num(l.igstPaise), net: num(l.netPaise),
        })),
        payments: pulled.filter((p) => p.table === 'sale_payments' && p.row.saleId === s.id).map(({ row: p }) => ({ method: str(p.method), amount: num(p.amountPaise) })),
      });
    }
    const products = new Map((db.prepare(`SELECT id, name, brand, pack_size, form FROM products`).all() as Row[]).map((p) => [str(p.id), { name: str(p.name), brand: str(p.brand), packSize: str(p.pack_size), form: str(p.form) }]));
    const customers = new Map((db.prepare(`SELECT id, name, gstin FROM customers`).all() as Row[]).map((c) => [str(c.id), { name: str(c.name), gstin: (c.gstin as string | null) ?? null }]));
    const batches = new Map((db.prepare(`SELECT * FROM batches`).all() as Row[]).map((b) => [str(b.id), b]));
    const stock = (db.prepare(`SELECT * FROM batch_stock`).all() as Row[]).map((s) => {
      const b = batches.get(str(s.batch_id));
      return { batchId: str(s.batch_id), productId: str(b?.product_id ?? s.product_id), qty: num(s.qty), batchNo: str(b?.batch_no), expiry: str(b?.expiry), cost: num(b?.cost_paise), mrp: num(b?.mrp_paise), known: b !== undefined };
    });
    return { sales, products, customers, stock };
  } finally {
    db.close();
  }
}

export const inRange = (sales: readonly RawSale[], from: string, to: string): RawSale[] => sales.filter((s) => s.businessDate >= from && s.businessDate <= to);
const completed = (sales: readonly RawSale[]): RawSale[] => sales.filter((s) => !s.voided);

export function figuresOf(sales: readonly RawSale[]): SalesFigures {
  let f = { invoices: 0, gross: 0, discount: 0, taxable: 0, tax: 0, roundOff: 0, total: 0 };
  for (const s of completed(sales)) f = { invoices: f.invoices + 1, gross: f.gross + s.gross, discount: f.discount + s.discount, taxable: f.taxable + s.taxable, tax: f.tax + s.tax, roundOff: f.roundOff + s.roundOff, total: f.total + s.total };
  return { invoices: f.invoices, grossPaise: paise(f.gross), discountPaise: paise(f.discount), taxablePaise: paise(f.taxable), taxPaise: paise(f.tax), roundOffPaise: paise(f.roundOff), totalPaise: paise(f.total) };
}

export function expectedTopProducts(raw: RawStore, sales: readonly RawSale[], limit: number) {
  const byProduct = new Map<string, { qty: number; net: number; invoices: Set<string> }>();
  for (const s of completed(sales)) {
    for (const l of s.lines) {
      const p = byProduct.get(l.productId) ?? { qty: 0, net: 0, invoices: new Set<string>() };
      p.qty += l.qty;
      p.net += l.net;
      p.invoices.add(s.id);
      byProduct.set(l.productId, p);
    }
  }
  const rows = [...byProduct].map(([productId, p]) => ({
    productId, name: raw.products.get(productId)?.name ?? '', brand: raw.products.get(productId)?.brand ?? '', packSize: raw.products.get(productId)?.packSize ?? '',
    qty: p.qty, netPaise: paise(p.net), invoices: p.invoices.size,
  }));
  rows.sort((a, b) => b.netPaise - a.netPaise || b.qty - a.qty || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.productId < b.productId ? -1 : 1));
  return {
    rows: rows.slice(0, limit),
    totalNetPaise: paise(rows.reduce((a, r) => a + r.netPaise, 0)),
    totalQty: rows.reduce((a, r) => a + r.qty, 0),
    productCount: rows.length,
  };
}

export function expectedPaymentMix(sales: readonly RawSale[]) {
  const methods: PaymentMethod[] = ['cash', 'card', 'upi'];
  const rows = methods.map((method) => {
    const payments = completed(sales).flatMap((s) => s.payments.filter((p) => p.method === method));
    return { method, payments: payments.length, amountPaise: paise(payments.reduce((a, p) => a + p.amount, 0)) };
  });
  return {
    rows,
    totalPaise: paise(rows.reduce((a, r) => a + r.amountPaise, 0)),
    splitInvoices: completed(sales).filter((s) => new Set(s.payments.map((p) => p.method)).size > 1).length,
  };
}

function gstFigures(lines: readonly RawLine[]) {
  let qty = 0, taxable = 0, cgst = 0, sgst = 0, igst = 0, value = 0;
  for (const l of lines) {
    qty += l.qty;
    taxable += l.taxable;
    cgst += l.cgst;
    sgst += l.sgst;
    igst += l.igst;
    value += l.net;
  }
  return { qty, taxablePaise: paise(taxable), cgstPaise: paise(cgst), sgstPaise: paise(sgst), igstPaise: paise(igst), valuePaise: paise(value) };
}

export function expectedGst(raw: RawStore, sales: readonly RawSale[]) {
  const done = completed(sales);
  const lines = done.flatMap((s) => s.lines);
  const rates = [...new Set(lines.map((l) => l.rateBp))].sort((a, b) => a - b);
  const hsnRates = [...new Set(lines.map((l) => `${l.hsn}|${l.rateBp}`))].sort((a, b) => {
    const [ha = '', ra = '0'] = a.split('|');
    const [hb = '', rb = '0'] = b.split('|');
    return ha < hb ? -1 : ha > hb ? 1 : Number(ra) - Number(rb);
  });
  const isB2b = (s: RawSale): boolean => {
    const gstin = s.customerId === null ? null : (raw.customers.get(s.customerId)?.gstin ?? null);
    return gstin !== null && gstin !== '';
  };
  const split = (list: RawSale[]) => ({ invoices: list.filter((s) => s.lines.length > 0).length, ...gstFigures(list.flatMap((s) => s.lines)) });
  const b2b = split(done.filter(isB2b));
  const b2c = split(done.filter((s) => !isB2b(s)));
  return {
    rateWise: rates.map((rateBp) => ({ rateBp, ...gstFigures(lines.filter((l) => l.rateBp === rateBp)) })),
    hsnWise: hsnRates.map((key) => {
      const [hsn = '', rate = '0'] = key.split('|');
      return { hsn, rateBp: Number(rate), ...gstFigures(lines.filter((l) => l.hsn === hsn && l.rateBp === Number(rate))) };
    }),
    b2b,
    b2c,
    totals: { invoices: b2b.invoices + b2c.invoices, ...gstFigures(lines) },
    b2bInvoices: done
      .filter((s) => isB2b(s) && s.lines.length > 0)
      .sort((a, b) => (a.businessDate + a.invoiceNo < b.businessDate + b.invoiceNo ? -1 : 1))
      .map((s) => {
        const f = gstFigures(s.lines);
        const customer = raw.customers.get(s.customerId ?? '');
        return { invoiceNo: s.invoiceNo, businessDate: s.businessDate, customerName: customer?.name ?? '', gstin: customer?.gstin ?? '', placeOfSupply: s.placeOfSupply, taxablePaise: f.taxablePaise, cgstPaise: f.cgstPaise, sgstPaise: f.sgstPaise, igstPaise: f.igstPaise, valuePaise: f.valuePaise };
      }),
    documents: expectedDocuments(sales),
  };
}

function expectedDocuments(sales: readonly RawSale[]): DocumentSeriesRow[] {
  const series = [...new Set(sales.map((s) => s.invoiceNo.split('/').slice(0, 2).join('/')))].sort();
  return series.map((name) => {
    const docs = sales.filter((s) => s.invoiceNo.split('/').slice(0, 2).join('/') === name);
    const seqs = docs.map((s) => Number(s.invoiceNo.split('/')[2]));
    const low = Math.min(...seqs);
    const high = Math.max(...seqs);
    return {
      series: name,
      first: docs[seqs.indexOf(low)]?.invoiceNo ?? '',
      last: docs[seqs.indexOf(high)]?.invoiceNo ?? '',
      issued: docs.length,
      cancelled: docs.filter((s) => s.voided).length,
      missing: high - low + 1 - docs.length,
    };
  });
}

const money = (n: number): Paise => paise(n);

export function expectedStockValue(raw: RawStore, asOf: string) {
  const held = raw.stock.filter((s) => s.qty > 0 && s.known);
  const forms = [...new Set(held.map((s) => raw.products.get(s.productId)?.form ?? 'unknown'))];
  const sum = (list: typeof held) => ({ batches: list.length, qty: list.reduce((a, s) => a + s.qty, 0), costPaise: money(list.reduce((a, s) => a + s.qty * s.cost, 0)), mrpPaise: money(list.reduce((a, s) => a + s.qty * s.mrp, 0)) });
  const rows = forms.map((form) => ({ form, ...sum(held.filter((s) => (raw.products.get(s.productId)?.form ?? 'unknown') === form)) }));
  rows.sort((a, b) => b.costPaise - a.costPaise || (a.form < b.form ? -1 : 1));
  return { asOf, rows, totals: sum(held), expired: sum(held.filter((s) => s.expiry < asOf)), negativeBatches: raw.stock.filter((s) => s.qty < 0).length };
}

export function expectedExpiring(raw: RawStore, asOf: string) {
  const rows = raw.stock
    .filter((s) => s.qty > 0 && s.known && daysBetween(asOf, s.expiry) <= 90)
    .map((s) => {
      const daysLeft = daysBetween(asOf, s.expiry);
      const window = daysLeft < 0 ? 'expired' : daysLeft <= 30 ? 'within30' : daysLeft <= 60 ? 'within60' : 'within90';
      return { batchId: s.batchId, productId: s.productId, name: raw.products.get(s.productId)?.name ?? s.productId, batchNo: s.batchNo, expiry: s.expiry, daysLeft, window, qty: s.qty, costPaise: money(s.qty * s.cost), mrpPaise: money(s.qty * s.mrp) };
    })
    .sort((a, b) => (a.expiry !== b.expiry ? (a.expiry < b.expiry ? -1 : 1) : a.name !== b.name ? (a.name < b.name ? -1 : 1) : a.batchNo < b.batchNo ? -1 : 1));
  const windows = (['expired', 'within30', 'within60', 'within90'] as const).map((window) => {
    const list = rows.filter((r) => r.window === window);
    return { window, batches: list.length, qty: list.reduce((a, r) => a + r.qty, 0), costPaise: money(list.reduce((a, r) => a + r.costPaise, 0)), mrpPaise: money(list.reduce((a, r) => a + r.mrpPaise, 0)) };
  });
  return { asOf, windows, rows };
}

/** Product → units sold per day of [from, to], built day by day. */
export function dailyDemand(sales: readonly RawSale[], from: string, to: string): Map<string, number[]> {
  const days = daysBetween(from, to) + 1;
  const out = new Map<string, number[]>();
  for (let i = 0; i < days; i += 1) {
    const date = addDays(from, i);
    for (const s of completed(sales).filter((x) => x.businessDate === date)) {
      for (const l of s.lines) {
        const series = out.get(l.productId) ?? new Array<number>(days).fill(0);
        series[i] = (series[i] ?? 0) + l.qty;
        out.set(l.productId, series);
      }
    }
  }
  return out;
}

export function expectedReorder(raw: RawStore, sales: readonly RawSale[], from: string, to: string, today: string, coverDays: number, leadDays: number) {
  const rows = [];
  for (const [productId, series] of dailyDemand(sales, from, to)) {
    const onHand = raw.stock.filter((s) => s.productId === productId && s.qty > 0 && s.known && s.expiry >= today).reduce((a, s) => a + s.qty, 0);
    const advice = reorderAdvice({ dailyDemand: series, onHand, coverDays, leadDays });
    if (!advice.reorder) continue;
    const product = raw.products.get(productId);
    rows.push({ productId, name: product?.name ?? productId, onHand, suggestedQty: advice.suggestedQty, soldQty: series.reduce((a, q) => a + q, 0), demandDays: series.filter((q) => q > 0).length, lastSold: addDays(from, series.reduce((last, q, i) => (q > 0 ? i : last), 0)) });
  }
  return rows;
}
