/**
 * The GST return's "documents issued" table: per invoice series (prefix and financial year), the
 * first and last number issued in the period, how many were issued and how many cancelled.
 * Invoice numbers are `${prefix}/${fy}/${seq}` (shared/src/invoice-number.ts); numbers are
 * ordered by their sequence, not as text, so C1/2627/000010 comes after C1/2627/000009.
 */
import type { DocumentSeriesRow } from './report-types.js';

const NUMBERED = /^(.+)\/(\d+)$/;

interface Parsed {
  invoiceNo: string;
  voided: boolean;
  seq: number | null;
}

/** Groups invoice numbers by series; the series without a sequence number sort as text. */
export function documentSeries(docs: readonly { invoiceNo: string; voided: boolean }[]): DocumentSeriesRow[] {
  const groups = new Map<string, Parsed[]>();
  for (const doc of docs) {
    const m = NUMBERED.exec(doc.invoiceNo);
    const series = m?.[1] ?? doc.invoiceNo;
    const seq = m?.[2] === undefined ? null : Number(m[2]);
    const list = groups.get(series) ?? [];
    list.push({ invoiceNo: doc.invoiceNo, voided: doc.voided, seq });
    groups.set(series, list);
  }
  const rows: DocumentSeriesRow[] = [];
  for (const [series, list] of groups) {
    list.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0) || a.invoiceNo.localeCompare(b.invoiceNo));
    const first = list[0] as Parsed;
    const last = list[list.length - 1] as Parsed;
    const distinct = new Set(list.map((d) => d.invoiceNo)).size;
    const missing = first.seq !== null && last.seq !== null ? Math.max(0, last.seq - first.seq + 1 - distinct) : 0;
    rows.push({ series, first: first.invoiceNo, last: last.invoiceNo, issued: distinct, cancelled: list.filter((d) => d.voided).length, missing });
  }
  return rows.sort((a, b) => a.series.localeCompare(b.series));
}

/** The counter (invoice series prefix) of an invoice number: 'C1/2627/000004' → 'C1'. */
export function counterOf(invoiceNo: string): string {
  return invoiceNo.split('/')[0] ?? invoiceNo;
}
