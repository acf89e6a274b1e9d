/**
 * Finds an original invoice for a return, among this counter's own sales (`sales`, `sale_lines`,
 * `sale_payments`) and the other counters' sales of the branch pulled into `replica_rows`
 * (camelCase JSON). A sale of this counter comes back in the pull too: it is read from the local
 * tables only, so it counts once. Already-returned quantities add this counter's credit notes to
 * the returns other counters made (pulled `sale_return_lines`, minus those of this counter).
 */
import type { ReturnSaleHit, ReturnableLine, RefundMethod } from '../../../../shared/src/api/returns-api.js';
import type { PaymentMethod } from '../../../../shared/src/domain.js';
import { paise, type Paise } from '../../../../shared/src/money.js';
import { normalizeIndianPhone } from '../../../../shared/src/phone.js';
import { stmt, type Db } from '../store/open-store.js';

/** An original sale with its lines, wherever it came from. */
export interface OriginalSale extends ReturnSaleHit {
  branchId: string;
  customerId: string | null;
  placeOfSupply: string;
  interState: boolean;
  payments: { method: PaymentMethod; amountPaise: Paise }[];
  lines: Omit<ReturnableLine, 'returnedQty' | 'returnableQty'>[];
  /** Stored line fields not shown in the returns list but printed on the credit note. */
  extra: Map<number, { form: string; brand: string }>;
}

const j = (field: string): string => `json_extract(r.row, '$.${field}')`;

/** Columns of a hit from a local sale (alias s) joined to customers (alias c). */
const OWN_HIT = /* sql */ `s.id AS saleId, s.invoice_no AS invoiceNo, s.business_date AS businessDate, s.at, c.name AS customerName, c.phone AS customerPhone,
  s.total_paise AS totalPaise, s.status, 1 AS own`;
const PULLED_HIT = /* sql */ `r.id AS saleId, ${j('invoiceNo')} AS invoiceNo, ${j('businessDate')} AS businessDate, ${j('at')} AS at, c.name AS customerName,
  c.phone AS customerPhone, COALESCE(${j('totalPaise')}, 0) AS totalPaise, COALESCE(${j('status')}, 'completed') AS status, 0 AS own`;
const PULLED_FROM = /* sql */ `FROM replica_rows r LEFT JOIN customers c ON c.id = ${j('customerId')}
  WHERE r.table_name = 'sales' AND ${j('branchId')} = @branch AND NOT EXISTS (SELECT 1 FROM sales own WHERE own.id = r.id)`;

type HitRow = Omit<ReturnSaleHit, 'own' | 'totalPaise'> & { own: number; totalPaise: number };

const toHit = (r: HitRow): ReturnSaleHit => ({ ...r, totalPaise: paise(Number(r.totalPaise)), own: r.own === 1 });

/** What the query looks like: an invoice number has a '/', a date is YYYY-MM-DD, a phone is digits. */
export function findSales(db: Db, branch: string, query: string): ReturnSaleHit[] {
  const q = query.trim();
  if (q.length === 0) return [];
  const order = `ORDER BY at DESC LIMIT 50`;
  let rows: HitRow[];
  if (q.includes('/')) {
    const no = q.toUpperCase();
    rows = stmt(db, /* sql */ `SELECT ${OWN_HIT} FROM sales s LEFT JOIN customers c ON c.id = s.customer_id WHERE s.invoice_no = @no AND s.branch_id = @branch
      UNION ALL SELECT ${PULLED_HIT} ${PULLED_FROM} AND ${j('invoiceNo')} = @no ${order}`).all({ branch, no }) as HitRow[];
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(q)) {
    rows = stmt(db, /* sql */ `SELECT ${OWN_HIT} FROM sales s LEFT JOIN customers c ON c.id = s.customer_id WHERE s.business_date = @date AND s.branch_id = @branch
      UNION ALL SELECT ${PULLED_HIT} ${PULLED_FROM} AND ${j('businessDate')} = @date ORDER BY at DESC LIMIT 200`).all({ branch, date: q }) as HitRow[];
  } else {
    const phone = /^[+\d\s-]+$/.test(q) ? normalizeIndianPhone(q) : null;
    const customers = (
      phone !== null
        ? stmt(db, /* sql */ `SELECT id FROM customers WHERE phone = ?`).all(phone)
        : stmt(db, /* sql */ `SELECT id FROM customers WHERE name LIKE ? ESCAPE '\\' LIMIT 20`).all(`%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`)
    ) as { id: string }[];
    if (customers.length === 0) return [];
    const ids = JSON.stringify(customers.map((c) => c.id));
    rows = stmt(db, /* sql */ `SELECT ${OWN_HIT} FROM sales s LEFT JOIN customers c ON c.id = s.customer_id
        WHERE s.customer_id IN (SELECT value FROM json_each(@ids)) AND s.branch_id = @branch
      UNION ALL SELECT ${PULLED_HIT} ${PULLED_FROM} AND ${j('customerId')} IN (SELECT value FROM json_each(@ids)) ${order}`).all({ branch, ids }) as HitRow[];
  }
  return rows.map(toHit);
}

type LineRow = Omit<ReturnableLine, 'returnedQty' | 'returnableQty'> & { form: string; brand: string };

/** The sale as stored: local tables for this counter's sales, the pulled rows for the others'. */
export function loadOriginal(db: Db, saleId: string): OriginalSale | null {
  const own = stmt(db, /* sql */ `SELECT ${OWN_HIT}, s.branch_id AS branchId, s.customer_id AS customerId, s.place_of_supply AS placeOfSupply, s.inter_state AS interState
      FROM sales s LEFT JOIN customers c ON c.id = s.customer_id WHERE s.id = ?`).get(saleId) as (HitRow & { branchId: string; customerId: string | null; placeOfSupply: string; interState: number }) | undefined;
  if (own !== undefined) {
    const lines = stmt(db, /* sql */ `SELECT line_no AS lineNo, product_id AS productId, batch_id AS batchId, name, potency, form, pack_size AS packSize, brand, hsn,
        batch_no AS batchNo, expiry, qty, unit_price_paise AS unitPricePaise, rate_bp AS rateBp, discount_paise AS discountPaise, taxable_paise AS taxablePaise,
        cgst_paise AS cgstPaise, sgst_paise AS sgstPaise, igst_paise AS igstPaise, net_paise AS netPaise FROM sale_lines WHERE sale_id = ? ORDER BY line_no`).all(saleId) as LineRow[];
    const payments = stmt(db, /* sql */ `SELECT method, amount_paise AS amountPaise FROM sale_payments WHERE sale_id = ? ORDER BY rowid`).all(saleId) as { method: PaymentMethod; amountPaise: number }[];
    return assemble(own, own.interState === 1, lines, payments);
  }
  const pulled = stmt(db, /* sql */ `SELECT ${PULLED_HIT}, ${j('branchId')} AS branchId, ${j('customerId')} AS customerId, ${j('placeOfSupply')} AS placeOfSupply,
      ${j('interState')} AS interState FROM replica_rows r LEFT JOIN customers c ON c.id = ${j('customerId')} WHERE r.table_name = 'sales' AND r.id = ?`).get(saleId) as
    | (HitRow & { branchId: string; customerId: string | null; placeOfSupply: string; interState: number | boolean | null })
    | undefined;
  if (pulled === undefined) return null;
  const lines = stmt(db, /* sql */ `SELECT ${j('lineNo')} AS lineNo, ${j('productId')} AS productId, ${j('batchId')} AS batchId, ${j('name')} AS name, ${j('potency')} AS potency,
      ${j('form')} AS form, ${j('packSize')} AS packSize, ${j('brand')} AS brand, ${j('hsn')} AS hsn, ${j('batchNo')} AS batchNo, ${j('expiry')} AS expiry, ${j('qty')} AS qty,
      ${j('unitPricePaise')} AS unitPricePaise, ${j('rateBp')} AS rateBp, ${j('discountPaise')} AS discountPaise, ${j('taxablePaise')} AS taxablePaise,
      ${j('cgstPaise')} AS cgstPaise, ${j('sgstPaise')} AS sgstPaise, ${j('igstPaise')} AS igstPaise, ${j('netPaise')} AS netPaise
      FROM replica_rows r WHERE r.table_name = 'sale_lines' AND ${j('saleId')} = ? ORDER BY 1`).all(saleId) as LineRow[];
  const payments = stmt(db, /* sql */ `SELECT ${j('method')} AS method, ${j('amountPaise')} AS amountPaise FROM replica_rows r
      WHERE r.table_name = 'sale_payments' AND ${j('saleId')} = ?`).all(saleId) as { method: PaymentMethod; amountPaise: number }[];
  return assemble(pulled, pulled.interState === true || pulled.interState === 1, lines, payments);
}

function assemble(
  head: HitRow & { branchId: string; customerId: string | null; placeOfSupply: string },
  interState: boolean,
  rows: LineRow[],
  payments: { method: PaymentMethod; amountPaise: number }[],
): OriginalSale {
  const extra = new Map<number, { form: string; brand: string }>();
  const lines = rows.map(({ form, brand, ...l }) => {
    extra.set(Number(l.lineNo), { form: String(form ?? ''), brand: String(brand ?? '') });
    const p = (v: unknown): Paise => paise(Number(v ?? 0));
    return {
      ...l,
      lineNo: Number(l.lineNo),
      qty: Number(l.qty),
      rateBp: Number(l.rateBp),
      name: String(l.name ?? ''),
      potency: String(l.potency ?? ''),
      packSize: String(l.packSize ?? ''),
      hsn: String(l.hsn ?? ''),
      batchNo: String(l.batchNo ?? ''),
      expiry: String(l.expiry ?? ''),
      unitPricePaise: p(l.unitPricePaise),
      discountPaise: p(l.discountPaise),
      taxablePaise: p(l.taxablePaise),
      cgstPaise: p(l.cgstPaise),
      sgstPaise: p(l.sgstPaise),
      igstPaise: p(l.igstPaise),
      netPaise: p(l.netPaise),
    };
  });
  return {
    ...toHit(head),
    branchId: head.branchId,
    customerId: head.customerId,
    placeOfSupply: String(head.placeOfSupply ?? ''),
    interState,
    payments: payments.map((p) => ({ method: p.method, amountPaise: paise(Number(p.amountPaise)) })),
    lines,
    extra,
  };
}

/** Units of each line of `saleId` already returned, by line number: this counter's credit notes plus other counters' pulled returns. */
export function returnedQuantities(db: Db, saleId: string): Map<number, number> {
  const rows = stmt(db, /* sql */ `SELECT line_no, SUM(qty) AS qty FROM (
      SELECT l.sale_line_no AS line_no, l.qty FROM credit_note_lines l JOIN credit_notes c ON c.id = l.credit_note_id WHERE c.sale_id = @sale
      UNION ALL
      SELECT ${j('lineNo')}, ${j('qty')} FROM replica_rows r
       WHERE r.table_name = 'sale_return_lines' AND ${j('saleId')} = @sale AND NOT EXISTS (SELECT 1 FROM credit_notes c WHERE c.id = ${j('returnId')}))
    GROUP BY line_no`).all({ sale: saleId }) as { line_no: number; qty: number }[];
  return new Map(rows.map((r) => [Number(r.line_no), Number(r.qty)]));
}

/** The original payment methods, plus store credit when the sale names a customer. */
export function refundMethodsOf(sale: Pick<OriginalSale, 'payments' | 'customerId'>): RefundMethod[] {
  const methods: RefundMethod[] = [...new Set(sale.payments.map((p) => p.method))].filter((m): m is RefundMethod => m === 'cash' || m === 'card' || m === 'upi');
  if (sale.customerId !== null) methods.push('store_credit');
  if (methods.length === 0) methods.push('cash');
  return methods;
}
