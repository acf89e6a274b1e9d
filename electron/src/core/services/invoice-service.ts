import type { InvoiceLine, SaleInvoice, SaleSummary, TaxSummaryRow } from '../../../../shared/src/api-contract.js';
import type { Branch, Customer, PaymentMethod, ProductForm } from '../../../../shared/src/domain.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import { rateLabel } from '../../../../shared/src/gst.js';
import { amountInWords, paise, type Paise } from '../../../../shared/src/money.js';
import type { CoreContext } from './context.js';
import { stmt } from '../store/open-store.js';
import { withLineSchemes } from './scheme-sales.js';

/** Builds invoices from STORED rows only, so a reprint is exactly what was printed first. */
export class InvoiceService {
  constructor(private readonly ctx: CoreContext) {}

  get(saleId: string): ApiResult<SaleInvoice> {
    const invoice = this.build(saleId);
    return invoice === null ? fail('sale.unknown', 'That sale is not on this device.') : ok(invoice);
  }

  byInvoiceNo(invoiceNo: string): ApiResult<SaleInvoice> {
    const row = stmt(this.ctx.db, /* sql */ `SELECT id FROM sales WHERE invoice_no = ?`).get(invoiceNo.trim().toUpperCase()) as { id: string } | undefined;
    const invoice = row === undefined ? null : this.build(row.id);
    return invoice === null ? fail('sale.unknown', `No invoice ${invoiceNo} on this device.`) : ok(invoice);
  }

  recent(limit: number): SaleSummary[] {
    const rows = stmt(this.ctx.db, /* sql */ `SELECT s.id, s.invoice_no, s.at, s.total_paise, s.status, c.name AS customer_name FROM sales s LEFT JOIN customers c ON c.id = s.customer_id
        ORDER BY s.at DESC, s.seq DESC LIMIT ?`)
      .all(Math.max(1, Math.min(200, Math.trunc(limit)))) as { id: string; invoice_no: string; at: string; total_paise: number; status: 'completed' | 'voided'; customer_name: string | null }[];
    return rows.map((r) => ({ saleId: r.id, invoiceNo: r.invoice_no, at: r.at, totalPaise: paise(r.total_paise), customerName: r.customer_name, status: r.status }));
  }

  private build(saleId: string): SaleInvoice | null {
    const db = this.ctx.db;
    const s = stmt(db, /* sql */ `SELECT s.*, st.name AS staff_name, d.name AS device_name FROM sales s JOIN staff st ON st.id = s.staff_id LEFT JOIN device d ON d.id = s.device_id WHERE s.id = ?`).get(saleId) as
      | Record<string, string | number | null>
      | undefined;
    if (s === undefined) return null;
    const branch = stmt(db, /* sql */ `SELECT id, code, name, state_code AS stateCode, gstin, address, phone FROM branches WHERE id = ?`).get(s.branch_id) as Branch;
    const customer =
      s.customer_id === null
        ? null
        : (stmt(db, /* sql */ `SELECT id, phone, name, gstin, state_code AS stateCode FROM customers WHERE id = ?`).get(s.customer_id) as Customer);
    const lines = withLineSchemes(db, saleId, (stmt(db, /* sql */ `SELECT * FROM sale_lines WHERE sale_id = ? ORDER BY line_no`).all(saleId) as Record<string, string | number>[]).map(toInvoiceLine));
    const payments = (
      stmt(db, /* sql */ `SELECT method, amount_paise, tendered_paise, reference FROM sale_payments WHERE sale_id = ? ORDER BY rowid`).all(saleId) as {
        method: PaymentMethod;
        amount_paise: number;
        tendered_paise: number | null;
        reference: string | null;
      }[]
    ).map((p) => ({ method: p.method, amountPaise: paise(p.amount_paise), tenderedPaise: p.tendered_paise === null ? null : paise(p.tendered_paise), reference: p.reference }));
    const n = (key: string): Paise => paise(Number(s[key]));
    return {
      saleId,
      invoiceNo: String(s.invoice_no),
      at: String(s.at),
      businessDate: String(s.business_date),
      status: s.status === 'voided' ? 'voided' : 'completed',
      voidReason: s.void_reason === null ? null : String(s.void_reason),
      branch,
      deviceName: String(s.device_name ?? ''),
      cashier: { id: String(s.staff_id), name: String(s.staff_name) },
      customer,
      placeOfSupplyStateCode: String(s.place_of_supply),
      lines,
      totals: {
        grossPaise: n('gross_paise'),
        discountPaise: n('discount_paise'),
        taxablePaise: n('taxable_paise'),
        cgstPaise: n('cgst_paise'),
        sgstPaise: n('sgst_paise'),
        igstPaise: n('igst_paise'),
        exactTotalPaise: n('exact_total_paise'),
        roundOffPaise: n('round_off_paise'),
        totalPaise: n('total_paise'),
        interState: s.inter_state === 1,
      },
      hsnSummary: summarise(lines, (l) => l.hsn),
      rateSummary: summarise(lines, (l) => rateLabel(l.rateBp)),
      payments,
      changePaise: n('change_paise'),
      totalInWords: amountInWords(n('total_paise')),
    };
  }
}

function toInvoiceLine(r: Record<string, string | number>): InvoiceLine {
  const p = (key: string): Paise => paise(Number(r[key]));
  return {
    productId: String(r.product_id),
    name: String(r.name),
    potency: String(r.potency),
    form: String(r.form) as ProductForm,
    packSize: String(r.pack_size),
    brand: String(r.brand),
    hsn: String(r.hsn),
    batchNo: String(r.batch_no),
    expiry: String(r.expiry),
    qty: Number(r.qty),
    unitPricePaise: p('unit_price_paise'),
    discountPaise: p('discount_paise'),
    rateBp: Number(r.rate_bp),
    taxablePaise: p('taxable_paise'),
    cgstPaise: p('cgst_paise'),
    sgstPaise: p('sgst_paise'),
    igstPaise: p('igst_paise'),
    netPaise: p('net_paise'),
  };
}

/** Groups stored line values (never re-priced) by HSN or by rate, as printed in the tax summary. */
function summarise(lines: readonly InvoiceLine[], keyOf: (l: InvoiceLine) => string): TaxSummaryRow[] {
  const groups = new Map<string, TaxSummaryRow>();
  for (const l of lines) {
    const key = `${keyOf(l)}|${l.rateBp}`;
    const row = groups.get(key) ?? { key: keyOf(l), rateBp: l.rateBp, taxablePaise: paise(0), cgstPaise: paise(0), sgstPaise: paise(0), igstPaise: paise(0) };
    row.taxablePaise = paise(row.taxablePaise + l.taxablePaise);
    row.cgstPaise = paise(row.cgstPaise + l.cgstPaise);
    row.sgstPaise = paise(row.sgstPaise + l.sgstPaise);
    row.igstPaise = paise(row.igstPaise + l.igstPaise);
    groups.set(key, row);
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key) || a.rateBp - b.rateBp);
}
