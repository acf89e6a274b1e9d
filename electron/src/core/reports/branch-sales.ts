/**
 * The branch's sales as the reports see them, as SQL common table expressions over two sources:
 *
 * - this counter's own sales (`sales`, `sale_lines`, `sale_payments`), the truth for its own
 *   invoices (a void made here shows at once, before the server has heard of it);
 * - the other counters' sales of the branch that the sync client pulled into `replica_rows`
 *   (camelCase JSON rows, docs/sync-protocol.md "Pull").
 *
 * A sale this counter made is pushed and comes back in the pull: it is taken from the local
 * tables only (matched by sale id), with its local lines and payments, so it counts once.
 *
 * Parameters: @branch, @from, @to (business dates, inclusive). Lines and payments carry their
 * sale's status, date, invoice number and customer, so report queries never join back.
 *
 * Speed: a pulled line finds its sale through `replica_rows`' primary key (one index lookup per
 * line); joined to a pulled-sales CTE instead, SQLite scanned that CTE for every line (minutes
 * for a year of a busy branch, against under half a second now). Every pulled line is still read
 * once per report: there is no index on its sale id inside the JSON.
 */
import { stmt, type Db } from '../store/open-store.js';

const json = (row: string, field: string): string => `json_extract(${row}.row, '$.${field}')`;
const num = (row: string, field: string): string => `COALESCE(${json(row, field)}, 0)`;

/** A pulled `sales` row (alias `r`) in scope: this branch, the date range, not one of this store's own sales. */
const pulledSaleInScope = (r: string): string => /* sql */ `${r}.table_name = 'sales' AND ${json(r, 'branchId')} = @branch
  AND ${json(r, 'businessDate')} BETWEEN @from AND @to AND NOT EXISTS (SELECT 1 FROM sales own WHERE own.id = ${r}.id)`;

/** Sale columns carried onto each line and payment, from a local sale (alias `s`) or a pulled one (alias `sr`). */
const CARRIED_OWN = /* sql */ `s.status, s.business_date, s.invoice_no, s.customer_id, s.place_of_supply`;
const CARRIED_PULLED = /* sql */ `COALESCE(${json('sr', 'status')}, 'completed'), ${json('sr', 'businessDate')}, ${json('sr', 'invoiceNo')}, ${json('sr', 'customerId')}, ${json('sr', 'placeOfSupply')}`;

/** A pulled line or payment (alias `r`) joined to its pulled sale by the replica's primary key, never by a scan. */
const PULLED_PARENT = /* sql */ `JOIN replica_rows sr ON sr.table_name = 'sales' AND sr.id = ${json('r', 'saleId')} AND ${pulledSaleInScope('sr')}`;

/** Columns every sale source exposes, in this order. */
const SALE_COLUMNS = /* sql */ `id, invoice_no, business_date, customer_id, place_of_supply, gross_paise, discount_paise, taxable_paise, tax_paise, round_off_paise, total_paise, status, void_reason, own`;

export const BRANCH_SALES_CTE = /* sql */ `
own_sales AS MATERIALIZED (
  SELECT id, invoice_no, business_date, customer_id, place_of_supply, gross_paise, discount_paise, taxable_paise,
         cgst_paise + sgst_paise + igst_paise AS tax_paise, round_off_paise, total_paise, status, void_reason, 1 AS own
    FROM sales
   WHERE branch_id = @branch AND business_date BETWEEN @from AND @to),
pulled_sales AS (
  SELECT r.id, ${json('r', 'invoiceNo')} AS invoice_no, ${json('r', 'businessDate')} AS business_date, ${json('r', 'customerId')} AS customer_id,
         ${json('r', 'placeOfSupply')} AS place_of_supply, ${num('r', 'grossPaise')} AS gross_paise, ${num('r', 'discountPaise')} AS discount_paise,
         ${num('r', 'taxablePaise')} AS taxable_paise, ${num('r', 'cgstPaise')} + ${num('r', 'sgstPaise')} + ${num('r', 'igstPaise')} AS tax_paise,
         ${num('r', 'roundOffPaise')} AS round_off_paise, ${num('r', 'totalPaise')} AS total_paise, COALESCE(${json('r', 'status')}, 'completed') AS status,
         NULL AS void_reason, 0 AS own
    FROM replica_rows r
   WHERE ${pulledSaleInScope('r')}),
branch_sales AS (
  SELECT ${SALE_COLUMNS} FROM own_sales
  UNION ALL
  SELECT ${SALE_COLUMNS} FROM pulled_sales),
branch_lines AS (
  SELECT l.sale_id, l.product_id, l.name, l.brand, l.pack_size, l.hsn, l.qty, l.rate_bp,
         l.taxable_paise, l.cgst_paise, l.sgst_paise, l.igst_paise, l.net_paise, ${CARRIED_OWN}
    FROM own_sales s JOIN sale_lines l ON l.sale_id = s.id
  UNION ALL
  SELECT ${json('r', 'saleId')}, ${json('r', 'productId')}, COALESCE(${json('r', 'name')}, ''), COALESCE(${json('r', 'brand')}, ''), COALESCE(${json('r', 'packSize')}, ''),
         COALESCE(${json('r', 'hsn')}, ''), ${num('r', 'qty')}, ${num('r', 'rateBp')}, ${num('r', 'taxablePaise')}, ${num('r', 'cgstPaise')}, ${num('r', 'sgstPaise')},
         ${num('r', 'igstPaise')}, ${num('r', 'netPaise')}, ${CARRIED_PULLED}
    FROM replica_rows r ${PULLED_PARENT}
   WHERE r.table_name = 'sale_lines'),
branch_payments AS (
  SELECT p.sale_id, p.method, p.amount_paise, ${CARRIED_OWN}
    FROM own_sales s JOIN sale_payments p ON p.sale_id = s.id
  UNION ALL
  SELECT ${json('r', 'saleId')}, ${json('r', 'method')}, ${num('r', 'amountPaise')}, ${CARRIED_PULLED}
    FROM replica_rows r ${PULLED_PARENT}
   WHERE r.table_name = 'sale_payments')`;

export interface SalesScope {
  branch: string;
  from: string;
  to: string;
}

/**
 * Runs `SELECT …` over the branch-sales CTEs with the scope bound (plus any extra parameters).
 * With `continueWith`, `select` starts with `, more_cte AS (…) SELECT …` to add CTEs of its own.
 */
export function allOver<T>(db: Db, select: string, scope: SalesScope, extra: Record<string, unknown> = {}, options: { continueWith?: boolean } = {}): T[] {
  return stmt(db, `WITH ${BRANCH_SALES_CTE}${options.continueWith === true ? '' : ' '}${select}`).all({ ...scope, ...extra }) as T[];
}

/** The branch this counter belongs to. */
export function branchOf(db: Db): string {
  const row = stmt(db, /* sql */ `SELECT branch_id FROM device`).get() as { branch_id: string } | undefined;
  if (row === undefined) throw new Error('reports need a provisioned store (device row)');
  return row.branch_id;
}
