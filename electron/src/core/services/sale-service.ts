import type { CartLineInput, HeldSale, PaymentInput, StaffSummary } from '../../../../shared/src/api-contract.js';
import { canVoidSales } from '../../../../shared/src/roles.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import { nextInvoiceNumber } from '../../../../shared/src/invoice-number.js';
import { paise, type Paise } from '../../../../shared/src/money.js';
import type { SaleCompletedPayload, SaleVoidedPayload } from '../../../../shared/src/sync-protocol.js';
import { stmt, writeTx } from '../store/open-store.js';
import { checkPin } from './auth-service.js';
import { businessDate, deviceRow, newId, nowIso, type CoreContext } from './context.js';
import { validatePayments } from './payments.js';
import type { QuoteOutcome, QuoteService } from './quote-service.js';
import { enqueueMutation } from './sync-queue.js';
import { rowSchemeFields } from './scheme-quote.js';
import { recordLineSchemes } from './scheme-sales.js';
import { planSaleLoyalty, pushedPayment, reverseSaleLedger, writeSaleLedger, type SaleLoyaltyPlan } from './loyalty-service.js';

export interface CompleteSaleArgs {
  clientRequestId: string;
  lines: CartLineInput[];
  customerId?: string | null;
  payments: PaymentInput[];
}

export class SaleService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly quotes: QuoteService,
  ) {}

  /**
   * Completes a sale in ONE immediate transaction: re-prices inside the lock (stock may have moved),
   * then writes sale, lines, payments, ledger, levels, invoice number and the queued mutation.
   * A refusal writes nothing. Repeating a clientRequestId returns the first result.
   */
  complete(staff: StaffSummary, args: CompleteSaleArgs): ApiResult<{ saleId: string; invoiceNo: string; changePaise: Paise }> {
    const db = this.ctx.db;
    return writeTx(db, () => {
      const earlier = stmt(db, /* sql */ `SELECT id, invoice_no, change_paise FROM sales WHERE client_request_id = ?`).get(args.clientRequestId) as
        | { id: string; invoice_no: string; change_paise: number }
        | undefined;
      if (earlier !== undefined) return ok({ saleId: earlier.id, invoiceNo: earlier.invoice_no, changePaise: paise(earlier.change_paise) });
      if (args.lines.length === 0) return fail('sale.empty', 'The cart is empty.');
      const quoted = this.quotes.quote(args.lines, args.customerId, staff.role);
      if (!quoted.ok) return quoted;
      const { quote } = quoted.value;
      const problem = quote.lines.flatMap((l) => l.problems.map((p) => ({ ...p, name: l.name })))[0];
      if (problem !== undefined) return fail(problem.code, `${problem.name}: ${problem.message}`);
      const paid = validatePayments(args.payments, quote.totals.totalPaise);
      if (!paid.ok) return paid;
      const loyalty = planSaleLoyalty(db, quoted.value.customerId, args.payments, quote.totals.totalPaise);
      if (!loyalty.ok) return loyalty;
      const number = this.nextNumber(quoted.value.businessDate);
      if (!number.ok) return number;
      const saleId = newId(this.ctx);
      this.insertSale(staff, args, quoted.value, saleId, number.value, paid.value.changePaise, loyalty.value);
      return ok({ saleId, invoiceNo: number.value.invoiceNo, changePaise: paid.value.changePaise });
    });
  }

  private nextNumber(today: string): ApiResult<{ invoiceNo: string; fyLabel: string; seq: number }> {
    const device = deviceRow(this.ctx);
    const db = this.ctx.db;
    stmt(db, /* sql */ `INSERT INTO invoice_series (prefix, fy_label, last_seq) VALUES (?, NULL, 0) ON CONFLICT (prefix) DO NOTHING`).run(device.invoice_prefix);
    const series = stmt(db, /* sql */ `SELECT fy_label, last_seq FROM invoice_series WHERE prefix = ?`).get(device.invoice_prefix) as { fy_label: string | null; last_seq: number };
    const next = nextInvoiceNumber({ prefix: device.invoice_prefix, fyLabel: series.fy_label, lastSeq: series.last_seq }, today);
    if (next.kind === 'exhausted') return fail('invoice.series_exhausted', 'This counter has used every invoice number for the financial year; pair a new invoice series.');
    stmt(db, /* sql */ `UPDATE invoice_series SET fy_label = ?, last_seq = ? WHERE prefix = ?`).run(next.fyLabel, next.seq, device.invoice_prefix);
    return ok(next);
  }

  private insertSale(staff: StaffSummary, args: CompleteSaleArgs, q: QuoteOutcome, saleId: string, number: { invoiceNo: string; fyLabel: string; seq: number }, change: Paise, loyalty: SaleLoyaltyPlan): void {
    const db = this.ctx.db;
    const device = deviceRow(this.ctx);
    const at = nowIso(this.ctx);
    const t = q.quote.totals;
    stmt(db, /* sql */ `INSERT INTO sales (id, client_request_id, invoice_no, fy_label, seq, business_date, at, device_id, branch_id, staff_id, customer_id,
        place_of_supply, inter_state, gross_paise, discount_paise, taxable_paise, cgst_paise, sgst_paise, igst_paise, exact_total_paise, round_off_paise, total_paise, change_paise)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      saleId, args.clientRequestId, number.invoiceNo, number.fyLabel, number.seq, q.businessDate, at, device.id, q.branchId, staff.id, q.customerId,
      q.placeOfSupply, t.interState ? 1 : 0, t.grossPaise, t.discountPaise, t.taxablePaise, t.cgstPaise, t.sgstPaise, t.igstPaise, t.exactTotalPaise, t.roundOffPaise, t.totalPaise, change,
    );
    const insertLine = stmt(db, /* sql */ `INSERT INTO sale_lines (id, sale_id, line_no, product_id, batch_id, name, potency, form, pack_size, brand, hsn, batch_no, expiry, qty,
        unit_price_paise, discount_paise, rate_bp, taxable_paise, cgst_paise, sgst_paise, igst_paise, net_paise) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertMovement = stmt(db, /* sql */ `INSERT INTO stock_movements (id, batch_id, product_id, kind, qty, ref_id, at, staff_id) VALUES (?, ?, ?, 'sale', ?, ?, ?, ?)`);
    const takeStock = stmt(db, /* sql */ `UPDATE batch_stock SET qty = qty - ? WHERE batch_id = ?`);
    q.rows.forEach((r, i) => {
      if (r.batchId === null) throw new Error('a sellable quote has no unallocated rows');
      const p = r.priced;
      insertLine.run(newId(this.ctx), saleId, i + 1, r.product.id, r.batchId, r.product.name, r.product.potency, r.product.form, r.product.pack_size, r.product.brand, r.product.hsn,
        r.batchNo, r.expiry, r.qty, r.unitPricePaise, p.discountPaise, p.rateBp, p.taxablePaise, p.cgstPaise, p.sgstPaise, p.igstPaise, p.netPaise);
      insertMovement.run(newId(this.ctx), r.batchId, r.product.id, -r.qty, saleId, at, staff.id);
      takeStock.run(r.qty, r.batchId);
    });
    recordLineSchemes(db, saleId, q.rows);
    const insertPayment = stmt(db, /* sql */ `INSERT INTO sale_payments (id, sale_id, method, amount_paise, tendered_paise, reference) VALUES (?, ?, ?, ?, ?, ?)`);
    for (const p of args.payments) insertPayment.run(newId(this.ctx), saleId, p.method, p.amountPaise, p.tenderedPaise ?? null, p.reference ?? null);
    const payload: SaleCompletedPayload = {
      saleId,
      invoiceNo: number.invoiceNo,
      ...(q.customerId !== null ? { customerId: q.customerId } : {}),
      businessDate: q.businessDate,
      lines: q.rows.map((r) => ({ productId: r.product.id, batchId: r.batchId as string, qty: r.qty, unitPricePaise: r.unitPricePaise, discountPaise: r.priced.discountPaise, ...rowSchemeFields(r) })),
      payments: args.payments.map((p) => pushedPayment(loyalty, p)),
      ...(loyalty.pointsEarned > 0 ? { pointsEarned: loyalty.pointsEarned } : {}),
      totals: { totalPaise: t.totalPaise, taxablePaise: t.taxablePaise, cgstPaise: t.cgstPaise, sgstPaise: t.sgstPaise, igstPaise: t.igstPaise, roundOffPaise: t.roundOffPaise },
    };
    enqueueMutation(this.ctx, 'sale.completed', staff.id, payload);
    writeSaleLedger(db, saleId, loyalty, at);
  }

  /** Voids a sale of today with a reason and a manager's PIN. The invoice number stays used. */
  async void(args: { saleId: string; reason: string; managerStaffId: string; managerPin: string }): Promise<ApiResult<null>> {
    const reason = args.reason.trim();
    if (reason.length < 3) return fail('input.invalid', 'Give a reason for the void (at least 3 characters).');
    const manager = await checkPin(this.ctx, args.managerStaffId, args.managerPin);
    if (!manager.ok) return manager;
    if (!canVoidSales(manager.value.role)) return fail('auth.forbidden', `${manager.value.name} is not a manager: a manager must approve a void.`);
    const db = this.ctx.db;
    return writeTx(db, () => {
      const sale = stmt(db, /* sql */ `SELECT id, invoice_no, status, business_date FROM sales WHERE id = ?`).get(args.saleId) as
        | { id: string; invoice_no: string; status: string; business_date: string }
        | undefined;
      if (sale === undefined) return fail('sale.unknown', 'That sale is not on this device.');
      if (sale.status === 'voided') return fail('sale.already_voided', `Invoice ${sale.invoice_no} is already voided.`);
      if (sale.business_date !== businessDate(this.ctx)) return fail('sale.void_not_today', `Invoice ${sale.invoice_no} is from ${sale.business_date}; only today's sales can be voided. Return it instead (Returns, F5).`);
      if (stmt(db, /* sql */ `SELECT 1 FROM credit_notes WHERE sale_id = ?`).get(sale.id) !== undefined) return fail('sale.void_has_returns', `Invoice ${sale.invoice_no} already has a return: return the rest instead of voiding it.`);
      const at = nowIso(this.ctx);
      stmt(db, /* sql */ `UPDATE sales SET status = 'voided', void_reason = ?, voided_at = ?, voided_by = ? WHERE id = ?`).run(reason, at, manager.value.id, sale.id);
      const lines = stmt(db, /* sql */ `SELECT batch_id, product_id, qty FROM sale_lines WHERE sale_id = ?`).all(sale.id) as { batch_id: string; product_id: string; qty: number }[];
      const insertMovement = stmt(db, /* sql */ `INSERT INTO stock_movements (id, batch_id, product_id, kind, qty, ref_id, at, staff_id) VALUES (?, ?, ?, 'void', ?, ?, ?, ?)`);
      const putBack = stmt(db, /* sql */ `UPDATE batch_stock SET qty = qty + ? WHERE batch_id = ?`);
      for (const l of lines) {
        insertMovement.run(newId(this.ctx), l.batch_id, l.product_id, l.qty, sale.id, at, manager.value.id);
        putBack.run(l.qty, l.batch_id);
      }
      reverseSaleLedger(db, sale.id, at);
      const payload: SaleVoidedPayload = { saleId: sale.id, invoiceNo: sale.invoice_no, reason, approvedBy: manager.value.id };
      enqueueMutation(this.ctx, 'sale.voided', manager.value.id, payload);
      return ok(null);
    });
  }

  hold(staff: StaffSummary, lines: CartLineInput[], customerId: string | null, note: string): ApiResult<{ heldId: string }> {
    if (lines.length === 0) return fail('sale.empty', 'There is nothing in the cart to hold.');
    if (customerId !== null && stmt(this.ctx.db, /* sql */ `SELECT 1 FROM customers WHERE id = ?`).get(customerId) === undefined) {
      return fail('input.invalid', 'The attached customer is not known on this device.');
    }
    const heldId = newId(this.ctx);
    stmt(this.ctx.db, /* sql */ `INSERT INTO held_sales (id, at, staff_id, customer_id, note, lines_json) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(heldId, nowIso(this.ctx), staff.id, customerId, note.trim().slice(0, 200), JSON.stringify(lines));
    return ok({ heldId });
  }

  listHeld(role: StaffSummary['role']): HeldSale[] {
    const rows = stmt(this.ctx.db, /* sql */ `SELECT h.id, h.at, h.note, h.lines_json, h.customer_id, s.name AS staff_name, c.phone, c.name AS customer_name, c.gstin, c.state_code
        FROM held_sales h JOIN staff s ON s.id = h.staff_id LEFT JOIN customers c ON c.id = h.customer_id ORDER BY h.at`)
      .all() as { id: string; at: string; note: string; lines_json: string; customer_id: string | null; staff_name: string; phone: string | null; customer_name: string | null; gstin: string | null; state_code: string | null }[];
    return rows.map((r) => {
      const lines = JSON.parse(r.lines_json) as CartLineInput[];
      const quoted = this.quotes.quote(lines, r.customer_id, role);
      const customer = r.customer_id === null ? null : { id: r.customer_id, phone: r.phone ?? '', name: r.customer_name ?? '', gstin: r.gstin, stateCode: r.state_code };
      return { heldId: r.id, at: r.at, note: r.note, lines, customerId: r.customer_id, customer, staffName: r.staff_name, totalPaise: quoted.ok ? quoted.value.quote.totals.totalPaise : paise(0) };
    });
  }

  /** Takes a held sale back into the cart; the hold is removed in the same step. */
  recall(heldId: string, role: StaffSummary['role']): ApiResult<HeldSale> {
    const held = this.listHeld(role).find((h) => h.heldId === heldId);
    if (held === undefined) return fail('sale.held_unknown', 'That held sale is gone (recalled at another screen?).');
    stmt(this.ctx.db, /* sql */ `DELETE FROM held_sales WHERE id = ?`).run(heldId);
    return ok(held);
  }
}
