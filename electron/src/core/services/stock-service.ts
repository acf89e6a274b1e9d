/**
 * Stock in and out at the branch, offline: goods receipts and adjustments. Each records its
 * movements, moves the levels, keeps its document (stock_receipts / stock_adjustments, for the
 * back office's lists) and queues its mutation in ONE transaction, like a sale. The rules are
 * shared with the screen: shared/src/stock-office/receipt-rules.ts and adjustment-approval.ts.
 */
import type { StaffSummary } from '../../../../shared/src/api-contract.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import type { Paise } from '../../../../shared/src/money.js';
import { canAdjustStock, canReceiveStock, canRecordAdjustment } from '../../../../shared/src/roles.js';
import { adjustmentApproval } from '../../../../shared/src/stock-office/adjustment-approval.js';
import { checkReceipt, firstReceiptProblem } from '../../../../shared/src/stock-office/receipt-rules.js';
import type { StockAdjustedPayload, StockAdjustmentReason, StockReceivedPayload } from '../../../../shared/src/sync-protocol.js';
import { stmt, writeTx } from '../store/open-store.js';
import { businessDate, newId, nowIso, type CoreContext } from './context.js';
import { readApprovalPolicy } from './stock-office/approval-setting.js';
import { enqueueMutation } from './sync-queue.js';

export interface ReceiptLineInput {
  productId: string;
  batchNo: string;
  /** YYYY-MM-DD */
  expiry: string;
  qty: number;
  freeQty: number;
  costPaise: Paise;
  mrpPaise: Paise;
}

export interface ReceiptInput {
  supplier: string;
  supplierInvoiceNo: string;
  supplierInvoiceDate: string;
  lines: ReceiptLineInput[];
}

export interface AdjustmentInput {
  reason: StockAdjustmentReason;
  note: string;
  lines: { batchId: string; qtyDelta: number }[];
}

const REASONS: readonly StockAdjustmentReason[] = ['damage', 'expiry_write_off', 'sample', 'correction'];

export class StockService {
  constructor(private readonly ctx: CoreContext) {}

  /** Records goods received from a supplier; a new (product, batch number) becomes a new batch. */
  receive(staff: StaffSummary, input: ReceiptInput): ApiResult<{ receiptId: string; batchIds: string[] }> {
    if (!canReceiveStock(staff.role)) return fail('auth.forbidden', `${staff.name} (${staff.role}) cannot receive goods: a pharmacist or manager must.`);
    const supplier = input.supplier.trim();
    const problem = firstReceiptProblem(checkReceipt(input, input.lines, businessDate(this.ctx)));
    if (problem !== null) return fail('input.invalid', problem.message, { line: problem.line, field: problem.field });
    for (const [i, l] of input.lines.entries()) {
      const where = `Line ${i + 1}`;
      if (stmt(this.ctx.db, /* sql */ `SELECT 1 FROM products WHERE id = ?`).get(l.productId) === undefined) return fail('catalog.product_unknown', `${where}: that product is not in the catalogue.`);
      const onFile = stmt(this.ctx.db, /* sql */ `SELECT expiry FROM batches WHERE product_id = ? AND batch_no = ?`).get(l.productId, l.batchNo.trim()) as { expiry: string } | undefined;
      if (onFile !== undefined && onFile.expiry !== l.expiry) {
        return fail('input.invalid', `${where}: batch ${l.batchNo.trim()} of this product is on file with expiry ${onFile.expiry}, not ${l.expiry}. Check the batch number or the expiry.`, { line: i + 1, field: 'expiry' });
      }
    }
    const db = this.ctx.db;
    return writeTx(db, () => {
      const receiptId = newId(this.ctx);
      const at = nowIso(this.ctx);
      const payloadLines: StockReceivedPayload['lines'] = [];
      for (const l of input.lines) {
        const batchNo = l.batchNo.trim();
        // A batch number names one manufacturing lot: its expiry is fixed, so a second receipt of
        // the same lot adds stock to the batch on file (checked before the transaction started).
        const existing = stmt(db, /* sql */ `SELECT id FROM batches WHERE product_id = ? AND batch_no = ?`).get(l.productId, batchNo) as { id: string } | undefined;
        const batchId = existing?.id ?? newId(this.ctx);
        if (existing === undefined) {
          stmt(db, /* sql */ `INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise) VALUES (?, ?, ?, ?, ?, ?)`)
            .run(batchId, l.productId, batchNo, l.expiry, l.costPaise, l.mrpPaise);
        }
        this.move(batchId, l.productId, 'receipt', l.qty + l.freeQty, receiptId, at, staff.id);
        payloadLines.push({ productId: l.productId, batchId, batchNo, expiry: l.expiry, qty: l.qty, freeQty: l.freeQty, costPaise: l.costPaise, mrpPaise: l.mrpPaise });
      }
      const payload: StockReceivedPayload = {
        receiptId,
        supplier,
        supplierInvoiceNo: input.supplierInvoiceNo.trim(),
        supplierInvoiceDate: input.supplierInvoiceDate,
        lines: payloadLines,
      };
      const mutation = enqueueMutation(this.ctx, 'stock.received', staff.id, payload);
      stmt(db, /* sql */ `INSERT INTO stock_receipts (id, supplier, supplier_invoice_no, supplier_invoice_date, at, staff_id, mutation_id) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(receiptId, payload.supplier, payload.supplierInvoiceNo, payload.supplierInvoiceDate, at, staff.id, mutation.id);
      const insertLine = stmt(db, /* sql */ `INSERT INTO stock_receipt_lines (receipt_id, line_no, product_id, batch_id, batch_no, expiry, qty, free_qty, cost_paise, mrp_paise) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      payloadLines.forEach((l, i) => insertLine.run(receiptId, i + 1, l.productId, l.batchId, l.batchNo, l.expiry, l.qty, l.freeQty, l.costPaise, l.mrpPaise));
      return ok({ receiptId, batchIds: payloadLines.map((l) => l.batchId) });
    });
  }

  /**
   * Records a stock correction with a reason. With `approval` (the back office's PIN flow) the
   * approval rule applies: a manager records it on their own authority below the threshold;
   * above it, `approval.approver` must be ANOTHER manager or admin (whose PIN the caller has
   * checked); a pharmacist records one only with a manager as approver. Without `approval` (the
   * original `stock.adjust` method) it is a manager's call and the threshold is only recorded
   * (`above_threshold`; the server flags it), so existing callers keep their contract.
   */
  adjust(staff: StaffSummary, input: AdjustmentInput, approval?: { approver: StaffSummary | null }): ApiResult<{ adjustmentId: string; approvedBy: string; valuePaise: Paise; aboveThreshold: boolean }> {
    const approver = approval?.approver ?? null;
    if (!canRecordAdjustment(staff.role)) return fail('auth.forbidden', `${staff.name} (${staff.role}) cannot adjust stock: a manager must.`);
    if (!REASONS.includes(input.reason)) return fail('input.invalid', `Unknown adjustment reason ${String(input.reason)}.`);
    if (input.lines.length === 0) return fail('input.invalid', 'An adjustment needs at least one line.');
    const db = this.ctx.db;
    const batches: { batchId: string; productId: string; qtyDelta: number; costPaise: Paise }[] = [];
    for (const [i, l] of input.lines.entries()) {
      if (!Number.isInteger(l.qtyDelta) || l.qtyDelta === 0) return fail('input.invalid', `Line ${i + 1}: the change must be a whole number of packs, not zero.`);
      if (batches.some((b) => b.batchId === l.batchId)) return fail('input.invalid', `Line ${i + 1}: that batch is already on line ${batches.findIndex((b) => b.batchId === l.batchId) + 1}; change the quantity there.`);
      const batch = stmt(db, /* sql */ `SELECT product_id, cost_paise FROM batches WHERE id = ?`).get(l.batchId) as { product_id: string; cost_paise: Paise } | undefined;
      if (batch === undefined) return fail('stock.batch_unknown', `Line ${i + 1}: that batch is not on this device.`);
      batches.push({ batchId: l.batchId, productId: batch.product_id, qtyDelta: l.qtyDelta, costPaise: batch.cost_paise });
    }
    const need = adjustmentApproval(batches, readApprovalPolicy(this.ctx), staff.role);
    if (approver !== null && !canAdjustStock(approver.role)) return fail('auth.forbidden', `${approver.name} is not a manager: a manager or admin must approve a stock adjustment.`);
    // Without an approver a non-manager is simply not allowed (the PIN flow asks first: stock-office-service.ts).
    if (need.approver === 'manager' && approver === null) return fail('auth.forbidden', `${staff.name} (${staff.role}) cannot adjust stock alone: a manager must approve it with their PIN.`);
    if (approval !== undefined && need.approver === 'another_manager' && (approver === null || approver.id === staff.id)) {
      return fail('auth.manager_pin_required', `This adjustment needs a second manager: ${need.aboveThreshold.join('; ')}. Ask another manager or an admin to enter their PIN.`, { valuePaise: need.valuePaise });
    }
    const approvedBy = approver?.id ?? staff.id;
    return writeTx(db, () => {
      const adjustmentId = newId(this.ctx);
      const at = nowIso(this.ctx);
      for (const b of batches) this.move(b.batchId, b.productId, 'adjustment', b.qtyDelta, adjustmentId, at, staff.id);
      const lines = batches.map((b) => ({ batchId: b.batchId, productId: b.productId, qtyDelta: b.qtyDelta }));
      const payload: StockAdjustedPayload = { adjustmentId, reason: input.reason, note: input.note.trim().slice(0, 500), approvedBy, lines };
      const mutation = enqueueMutation(this.ctx, 'stock.adjusted', staff.id, payload);
      stmt(db, /* sql */ `INSERT INTO stock_adjustments (id, reason, note, at, staff_id, approved_by, value_paise, above_threshold, mutation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(adjustmentId, payload.reason, payload.note, at, staff.id, approvedBy, need.valuePaise, need.aboveThreshold.length > 0 ? 1 : 0, mutation.id);
      const insertLine = stmt(db, /* sql */ `INSERT INTO stock_adjustment_lines (adjustment_id, line_no, product_id, batch_id, qty_delta, cost_paise) VALUES (?, ?, ?, ?, ?, ?)`);
      batches.forEach((b, i) => insertLine.run(adjustmentId, i + 1, b.productId, b.batchId, b.qtyDelta, b.costPaise));
      return ok({ adjustmentId, approvedBy, valuePaise: need.valuePaise, aboveThreshold: need.aboveThreshold.length > 0 });
    });
  }

  private move(batchId: string, productId: string, kind: 'receipt' | 'adjustment', qty: number, refId: string, at: string, staffId: string): void {
    const db = this.ctx.db;
    stmt(db, /* sql */ `INSERT INTO stock_movements (id, batch_id, product_id, kind, qty, ref_id, at, staff_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(newId(this.ctx), batchId, productId, kind, qty, refId, at, staffId);
    stmt(db, /* sql */ `INSERT INTO batch_stock (batch_id, product_id, qty) VALUES (?, ?, ?) ON CONFLICT (batch_id) DO UPDATE SET qty = qty + excluded.qty`)
      .run(batchId, productId, qty);
  }
}
