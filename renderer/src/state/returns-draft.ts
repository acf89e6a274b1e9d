/**
 * The return being keyed in, as pure data: the quantities typed per line, what they give back
 * (the same shared rule the core applies, so the screen shows the exact refund), whether a
 * manager must approve, and the CSV of the credit-note list.
 */
import type { CreditNoteSummary, ReturnableSale } from '../../../shared/src/api/returns-api.js';
import { rupeesField, toCsv } from '../../../shared/src/reports/csv.js';
import { returnAmounts, returnApprovalReason, sumReturnAmounts, type ReturnAmounts } from '../../../shared/src/returns.js';
import type { CsvFile } from './report-csv.js';
import { METHOD_LABELS } from './report-format.js';

/** Typed quantity per line number; blank or invalid text counts as 0. */
export type QtyDraft = Readonly<Record<number, string>>;

export function qtyOf(draft: QtyDraft, lineNo: number): number {
  const text = (draft[lineNo] ?? '').trim();
  return /^\d{1,4}$/.test(text) ? Number(text) : 0;
}

/** Why a typed quantity cannot be returned, per line number (only lines with a problem). */
export function qtyProblems(sale: ReturnableSale, draft: QtyDraft): Record<number, string> {
  const out: Record<number, string> = {};
  for (const l of sale.lines) {
    const text = (draft[l.lineNo] ?? '').trim();
    if (text === '') continue;
    if (!/^\d{1,4}$/.test(text)) out[l.lineNo] = 'Whole units only.';
    else if (Number(text) > l.returnableQty) out[l.lineNo] = `At most ${String(l.returnableQty)}.`;
  }
  return out;
}

/** The lines to send: quantity > 0 and within what is returnable. */
export function requestLines(sale: ReturnableSale, draft: QtyDraft): { lineNo: number; qty: number }[] {
  return sale.lines.filter((l) => qtyOf(draft, l.lineNo) > 0 && qtyOf(draft, l.lineNo) <= l.returnableQty).map((l) => ({ lineNo: l.lineNo, qty: qtyOf(draft, l.lineNo) }));
}

/** The refund the typed quantities give, exactly as the credit note will show it. */
export function refundPreview(sale: ReturnableSale, draft: QtyDraft): ReturnAmounts {
  const parts = requestLines(sale, draft).map((r) => {
    const line = sale.lines.find((l) => l.lineNo === r.lineNo);
    if (line === undefined) throw new Error('requestLines returned a line the sale lacks');
    return returnAmounts(line, line.returnedQty, r.qty);
  });
  return sumReturnAmounts(parts);
}

/** Null when the cashier may go ahead; otherwise why a manager's PIN is needed. */
export function approvalNeeded(sale: ReturnableSale, refund: ReturnAmounts, today: string, role: string): string | null {
  if (role === 'manager' || role === 'admin') return null;
  return returnApprovalReason({ totalPaise: refund.netPaise, saleDate: sale.businessDate, today }, sale.limits);
}

export function refundLabel(method: string): string {
  return METHOD_LABELS[method] ?? method;
}

/** The credit-note list as CSV, with exact rupees and a TOTAL row. */
export function creditNotesCsv(list: readonly CreditNoteSummary[], from: string, to: string): CsvFile {
  const rows = list.map((c) => [c.creditNoteNo, c.businessDate, c.invoiceNo, c.customerName ?? '', refundLabel(c.refundMethod), rupeesField(c.taxablePaise), rupeesField(c.taxPaise), rupeesField(c.totalPaise), c.cashier, c.reason]);
  const sum = (k: 'taxablePaise' | 'taxPaise' | 'totalPaise') => list.reduce((s, c) => s + c[k], 0) as CreditNoteSummary['totalPaise'];
  rows.push(['TOTAL', '', '', '', '', rupeesField(sum('taxablePaise')), rupeesField(sum('taxPaise')), rupeesField(sum('totalPaise')), '', '']);
  return {
    filename: `similia-credit-notes-${from === to ? from : `${from}_${to}`}.csv`,
    text: toCsv(['Credit note', 'Date', 'Invoice', 'Customer', 'Refund', 'Taxable (₹)', 'GST (₹)', 'Total (₹)', 'Cashier', 'Reason'], rows),
  };
}
