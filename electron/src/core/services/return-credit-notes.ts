/** Credit notes as printed and listed, from STORED rows only, so a reprint is exactly the first print. */
import type { CreditNote, CreditNoteSummary, RefundMethod } from '../../../../shared/src/api/returns-api.js';
import type { Branch, Customer } from '../../../../shared/src/domain.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import { amountInWords, paise, type Paise } from '../../../../shared/src/money.js';
import { stmt, type Db } from '../store/open-store.js';

type Row = Record<string, string | number | null>;

export function creditNote(db: Db, creditNoteId: string): ApiResult<CreditNote> {
  const c = stmt(db, /* sql */ `SELECT c.*, st.name AS staff_name, ap.name AS approver_name, d.name AS device_name FROM credit_notes c
      JOIN staff st ON st.id = c.staff_id LEFT JOIN staff ap ON ap.id = c.approved_by LEFT JOIN device d ON d.id = c.device_id WHERE c.id = ?`).get(creditNoteId) as Row | undefined;
  if (c === undefined) return fail('return.unknown', 'That credit note is not on this device.');
  const branch = stmt(db, /* sql */ `SELECT id, code, name, state_code AS stateCode, gstin, address, phone FROM branches WHERE id = ?`).get(c.branch_id) as Branch;
  const customer = c.customer_id === null ? null : ((stmt(db, /* sql */ `SELECT id, phone, name, gstin, state_code AS stateCode FROM customers WHERE id = ?`).get(c.customer_id) as Customer | undefined) ?? null);
  const n = (r: Row, key: string): Paise => paise(Number(r[key]));
  const lines = (stmt(db, /* sql */ `SELECT * FROM credit_note_lines WHERE credit_note_id = ? ORDER BY sale_line_no`).all(creditNoteId) as Row[]).map((l) => ({
    lineNo: Number(l.sale_line_no),
    name: String(l.name),
    potency: String(l.potency),
    packSize: String(l.pack_size),
    hsn: String(l.hsn),
    batchNo: String(l.batch_no),
    expiry: String(l.expiry),
    qty: Number(l.qty),
    unitPricePaise: n(l, 'unit_price_paise'),
    rateBp: Number(l.rate_bp),
    discountPaise: n(l, 'discount_paise'),
    taxablePaise: n(l, 'taxable_paise'),
    cgstPaise: n(l, 'cgst_paise'),
    sgstPaise: n(l, 'sgst_paise'),
    igstPaise: n(l, 'igst_paise'),
    netPaise: n(l, 'net_paise'),
  }));
  return ok({
    creditNoteId,
    creditNoteNo: String(c.credit_note_no),
    at: String(c.at),
    businessDate: String(c.business_date),
    saleId: String(c.sale_id),
    invoiceNo: String(c.invoice_no),
    saleBusinessDate: String(c.sale_business_date),
    branch,
    deviceName: String(c.device_name ?? ''),
    cashier: { id: String(c.staff_id), name: String(c.staff_name) },
    approvedBy: c.approved_by === null ? null : { id: String(c.approved_by), name: String(c.approver_name ?? '') },
    customer,
    placeOfSupplyStateCode: String(c.place_of_supply),
    interState: c.inter_state === 1,
    refundMethod: String(c.refund_method) as RefundMethod,
    reason: String(c.reason),
    lines,
    totals: {
      discountPaise: n(c, 'discount_paise'),
      taxablePaise: n(c, 'taxable_paise'),
      cgstPaise: n(c, 'cgst_paise'),
      sgstPaise: n(c, 'sgst_paise'),
      igstPaise: n(c, 'igst_paise'),
      totalPaise: n(c, 'total_paise'),
    },
    totalInWords: amountInWords(n(c, 'total_paise')),
  });
}

/** This counter's credit notes of business dates from..to, newest first. */
export function listCreditNotes(db: Db, from: string, to: string): CreditNoteSummary[] {
  const rows = stmt(db, /* sql */ `SELECT c.id, c.credit_note_no, c.at, c.business_date, c.invoice_no, cu.name AS customer_name, c.refund_method, c.taxable_paise,
      c.cgst_paise + c.sgst_paise + c.igst_paise AS tax_paise, c.total_paise, st.name AS cashier, c.reason
      FROM credit_notes c JOIN staff st ON st.id = c.staff_id LEFT JOIN customers cu ON cu.id = c.customer_id
     WHERE c.business_date BETWEEN ? AND ? ORDER BY c.at DESC, c.seq DESC LIMIT 1000`).all(from, to) as Row[];
  return rows.map((r) => ({
    creditNoteId: String(r.id),
    creditNoteNo: String(r.credit_note_no),
    at: String(r.at),
    businessDate: String(r.business_date),
    invoiceNo: String(r.invoice_no),
    customerName: r.customer_name === null ? null : String(r.customer_name),
    refundMethod: String(r.refund_method) as RefundMethod,
    taxablePaise: paise(Number(r.taxable_paise)),
    taxPaise: paise(Number(r.tax_paise)),
    totalPaise: paise(Number(r.total_paise)),
    cashier: String(r.cashier),
    reason: String(r.reason),
  }));
}
