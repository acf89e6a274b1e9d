/**
 * Returns against an original invoice: partial quantities back to the original batch at the
 * original price and tax rate, a credit note in its own consecutive series per device, a refund
 * by an original payment method or as store credit. One immediate transaction writes the credit
 * note, its lines, the stock movements, the store-credit ledger entry and the queued mutation.
 */
import type { StaffSummary } from '../../../../shared/src/api-contract.js';
import type { CreateReturnArgs, ReturnableSale } from '../../../../shared/src/api/returns-api.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import { paise, type Paise } from '../../../../shared/src/money.js';
import { canVoidSales } from '../../../../shared/src/roles.js';
import {
  DEFAULT_RETURN_LIMITS,
  checkReturnQty,
  nextCreditNoteNumber,
  returnAmounts,
  returnApprovalReason,
  sumReturnAmounts,
  type ReturnAmounts,
  type ReturnCreatedPayload,
  type ReturnLimits,
} from '../../../../shared/src/returns.js';
import { stmt, writeTx } from '../store/open-store.js';
import { checkPin } from './auth-service.js';
import { businessDate, deviceRow, newId, nowIso, type CoreContext } from './context.js';
import { findSales, loadOriginal, refundMethodsOf, returnedQuantities, type OriginalSale } from './return-lookup.js';
import { enqueueMutation } from './sync-queue.js';

export class ReturnService {
  constructor(private readonly ctx: CoreContext) {}

  find(query: string): ReturnType<typeof findSales> {
    return findSales(this.ctx.db, deviceRow(this.ctx).branch_id, query);
  }

  /** The sale with what each line has left to return, across every counter of the branch. */
  sale(saleId: string): ApiResult<ReturnableSale> {
    const sale = this.original(saleId);
    if (!sale.ok) return sale;
    const { extra: _extra, branchId: _branch, placeOfSupply: _pos, ...s } = sale.value;
    const returned = returnedQuantities(this.ctx.db, saleId);
    const limits = this.limits();
    return ok({
      ...s,
      refundMethods: refundMethodsOf(s),
      lines: s.lines.map((l) => {
        const returnedQty = returned.get(l.lineNo) ?? 0;
        return { ...l, returnedQty, returnableQty: Math.max(0, l.qty - returnedQty) };
      }),
      approvalReason: returnApprovalReason({ totalPaise: paise(0), saleDate: s.businessDate, today: businessDate(this.ctx) }, limits),
      limits,
    });
  }

  /** Cashier limits from the device settings (migration 008 writes the defaults). */
  limits(): ReturnLimits {
    const read = (key: string): number | null => {
      const row = stmt(this.ctx.db, /* sql */ `SELECT value FROM settings WHERE key = ?`).get(key) as { value: string } | undefined;
      const v = row === undefined ? null : (JSON.parse(row.value) as unknown);
      return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null;
    };
    return {
      cashierLimitPaise: paise(read('returns.cashier_limit_paise') ?? DEFAULT_RETURN_LIMITS.cashierLimitPaise),
      cashierMaxDays: read('returns.cashier_max_days') ?? DEFAULT_RETURN_LIMITS.cashierMaxDays,
    };
  }

  async create(staff: StaffSummary, args: CreateReturnArgs): Promise<ApiResult<{ creditNoteId: string; creditNoteNo: string; totalPaise: Paise }>> {
    const earlier = this.earlier(args.clientRequestId);
    if (earlier !== null) return ok(earlier);
    const reason = args.reason.trim();
    if (reason.length < 3) return fail('input.invalid', 'Give a reason for the return (at least 3 characters).');
    if (args.lines.length === 0) return fail('input.invalid', 'Choose at least one line and quantity to return.');
    // Checked before the PIN so a wrong quantity never costs a PIN attempt; checked again inside the lock.
    const planned = this.plan(args);
    if (!planned.ok) return planned;
    const approval = returnApprovalReason({ totalPaise: planned.value.totals.netPaise, saleDate: planned.value.sale.businessDate, today: businessDate(this.ctx) }, this.limits());
    let approvedBy: string | null = null;
    if (approval !== null && !canVoidSales(staff.role)) {
      if (args.managerStaffId == null || args.managerPin == null) return fail('return.approval_required', `A manager must approve this return: ${approval}.`);
      const manager = await checkPin(this.ctx, args.managerStaffId, args.managerPin);
      if (!manager.ok) return manager;
      if (!canVoidSales(manager.value.role)) return fail('auth.forbidden', `${manager.value.name} is not a manager: a manager must approve this return.`);
      approvedBy = manager.value.id;
    } else if (approval !== null) {
      approvedBy = staff.id;
    }
    return writeTx(this.ctx.db, () => {
      const again = this.earlier(args.clientRequestId);
      if (again !== null) return ok(again);
      // Another return of the same sale may have committed while the PIN was checked.
      const fresh = this.plan(args);
      if (!fresh.ok) return fresh;
      return this.write(staff, args, reason, approvedBy, fresh.value);
    });
  }

  private earlier(clientRequestId: string): { creditNoteId: string; creditNoteNo: string; totalPaise: Paise } | null {
    const row = stmt(this.ctx.db, /* sql */ `SELECT id, credit_note_no, total_paise FROM credit_notes WHERE client_request_id = ?`).get(clientRequestId) as
      | { id: string; credit_note_no: string; total_paise: number }
      | undefined;
    return row === undefined ? null : { creditNoteId: row.id, creditNoteNo: row.credit_note_no, totalPaise: paise(row.total_paise) };
  }

  private original(saleId: string): ApiResult<OriginalSale> {
    const sale = loadOriginal(this.ctx.db, saleId);
    if (sale === null || sale.branchId !== deviceRow(this.ctx).branch_id) return fail('sale.unknown', 'That sale is not known at this branch (not synced yet?).');
    return ok(sale);
  }

  private plan(args: CreateReturnArgs): ApiResult<{ sale: OriginalSale; lines: { line: OriginalSale['lines'][number]; qty: number; amounts: ReturnAmounts }[]; totals: ReturnAmounts }> {
    const found = this.original(args.saleId);
    if (!found.ok) return found;
    const sale = found.value;
    if (sale.status === 'voided') return fail('return.sale_voided', `Invoice ${sale.invoiceNo} was voided: there is nothing to return.`);
    if (!refundMethodsOf(sale).includes(args.refundMethod)) {
      return fail('return.refund_method_invalid', args.refundMethod === 'store_credit'
        ? 'Store credit needs a customer on the original invoice.'
        : `Invoice ${sale.invoiceNo} was not paid by ${args.refundMethod}: refund by ${refundMethodsOf(sale).join(', ')}.`);
    }
    const returned = returnedQuantities(this.ctx.db, sale.saleId);
    const seen = new Set<number>();
    const lines = [];
    for (const want of args.lines) {
      const line = sale.lines.find((l) => l.lineNo === want.lineNo);
      if (line === undefined || seen.has(want.lineNo)) return fail('input.invalid', `Invoice ${sale.invoiceNo} has no line ${String(want.lineNo)} (or it is listed twice).`);
      seen.add(want.lineNo);
      const before = returned.get(line.lineNo) ?? 0;
      const check = checkReturnQty(line.qty, before, want.qty);
      if (check.kind === 'invalid') return fail('input.invalid', `${line.name}: ${check.reason}`);
      if (check.kind === 'exceeds') {
        return fail('return.qty_exceeds', `${line.name}: only ${String(check.returnable)} of ${String(line.qty)} can still be returned (${String(before)} already returned).`);
      }
      lines.push({ line, qty: want.qty, amounts: returnAmounts(line, before, want.qty) });
    }
    return ok({ sale, lines, totals: sumReturnAmounts(lines.map((l) => l.amounts)) });
  }

  private nextNumber(prefix: string): ApiResult<{ creditNoteNo: string; fyLabel: string; seq: number }> {
    const db = this.ctx.db;
    stmt(db, /* sql */ `INSERT INTO credit_note_series (prefix, fy_label, last_seq) VALUES (?, NULL, 0) ON CONFLICT (prefix) DO NOTHING`).run(prefix);
    const series = stmt(db, /* sql */ `SELECT fy_label, last_seq FROM credit_note_series WHERE prefix = ?`).get(prefix) as { fy_label: string | null; last_seq: number };
    const next = nextCreditNoteNumber({ prefix, fyLabel: series.fy_label, lastSeq: series.last_seq }, businessDate(this.ctx));
    if (next.kind === 'exhausted') return fail('return.series_exhausted', 'This counter has used every credit-note number for the financial year.');
    stmt(db, /* sql */ `UPDATE credit_note_series SET fy_label = ?, last_seq = ? WHERE prefix = ?`).run(next.fyLabel, next.seq, prefix);
    return ok(next);
  }

  private write(
    staff: StaffSummary,
    args: CreateReturnArgs,
    reason: string,
    approvedBy: string | null,
    plan: { sale: OriginalSale; lines: { line: OriginalSale['lines'][number]; qty: number; amounts: ReturnAmounts }[]; totals: ReturnAmounts },
  ): ApiResult<{ creditNoteId: string; creditNoteNo: string; totalPaise: Paise }> {
    const db = this.ctx.db;
    const device = deviceRow(this.ctx);
    const number = this.nextNumber(device.invoice_prefix);
    if (!number.ok) return number;
    const { sale, totals } = plan;
    const id = newId(this.ctx);
    const at = nowIso(this.ctx);
    const today = businessDate(this.ctx);
    stmt(db, /* sql */ `INSERT INTO credit_notes (id, credit_note_no, sale_id, invoice_no, device_id, staff_id, customer_id, at, business_date, taxable_paise, cgst_paise, sgst_paise,
        igst_paise, total_paise, refund_method, reason, fy_label, seq, branch_id, sale_business_date, place_of_supply, inter_state, discount_paise, approved_by, client_request_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      id, number.value.creditNoteNo, sale.saleId, sale.invoiceNo, device.id, staff.id, sale.customerId, at, today, totals.taxablePaise, totals.cgstPaise, totals.sgstPaise,
      totals.igstPaise, totals.netPaise, args.refundMethod, reason, number.value.fyLabel, number.value.seq, device.branch_id, sale.businessDate, sale.placeOfSupply,
      sale.interState ? 1 : 0, totals.discountPaise, approvedBy, args.clientRequestId,
    );
    const insertLine = stmt(db, /* sql */ `INSERT INTO credit_note_lines (id, credit_note_id, sale_line_no, product_id, batch_id, name, potency, form, pack_size, brand, hsn, batch_no,
        expiry, qty, unit_price_paise, rate_bp, discount_paise, taxable_paise, cgst_paise, sgst_paise, igst_paise, net_paise) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    // Back to the ORIGINAL batch, even an expired one: FEFO never sells an expired batch, so it stays blocked for sale.
    const insertMovement = stmt(db, /* sql */ `INSERT INTO stock_movements (id, batch_id, product_id, kind, qty, ref_id, at, staff_id) VALUES (?, ?, ?, 'return', ?, ?, ?, ?)`);
    const putBack = stmt(db, /* sql */ `INSERT INTO batch_stock (batch_id, product_id, qty) VALUES (?, ?, ?) ON CONFLICT (batch_id) DO UPDATE SET qty = qty + excluded.qty`);
    for (const { line, qty, amounts: a } of plan.lines) {
      const extra = sale.extra.get(line.lineNo) ?? { form: '', brand: '' };
      insertLine.run(newId(this.ctx), id, line.lineNo, line.productId, line.batchId, line.name, line.potency, extra.form, line.packSize, extra.brand, line.hsn, line.batchNo,
        line.expiry, qty, line.unitPricePaise, line.rateBp, a.discountPaise, a.taxablePaise, a.cgstPaise, a.sgstPaise, a.igstPaise, a.netPaise);
      insertMovement.run(newId(this.ctx), line.batchId, line.productId, qty, id, at, staff.id);
      putBack.run(line.batchId, line.productId, qty);
    }
    let storeCreditLedgerId: string | undefined;
    if (args.refundMethod === 'store_credit' && sale.customerId !== null) {
      storeCreditLedgerId = newId(this.ctx);
      stmt(db, /* sql */ `INSERT INTO customer_ledger (id, customer_id, kind, delta, source_type, source_id, at) VALUES (?, ?, 'store_credit', ?, 'return', ?, ?)`)
        .run(storeCreditLedgerId, sale.customerId, totals.netPaise, id, at);
    }
    const payload: ReturnCreatedPayload = {
      returnId: id,
      creditNoteNo: number.value.creditNoteNo,
      saleId: sale.saleId,
      invoiceNo: sale.invoiceNo,
      businessDate: today,
      ...(sale.customerId !== null ? { customerId: sale.customerId } : {}),
      refundMethod: args.refundMethod,
      reason,
      approvedBy,
      ...(storeCreditLedgerId !== undefined ? { storeCreditLedgerId } : {}),
      lines: plan.lines.map(({ line, qty, amounts: a }) => ({
        lineNo: line.lineNo, productId: line.productId, batchId: line.batchId, qty,
        discountPaise: a.discountPaise, taxablePaise: a.taxablePaise, cgstPaise: a.cgstPaise, sgstPaise: a.sgstPaise, igstPaise: a.igstPaise, netPaise: a.netPaise,
      })),
      totals: { taxablePaise: totals.taxablePaise, cgstPaise: totals.cgstPaise, sgstPaise: totals.sgstPaise, igstPaise: totals.igstPaise, totalPaise: totals.netPaise },
    };
    enqueueMutation(this.ctx, 'return.created', staff.id, payload);
    return ok({ creditNoteId: id, creditNoteNo: number.value.creditNoteNo, totalPaise: totals.netPaise });
  }
}
