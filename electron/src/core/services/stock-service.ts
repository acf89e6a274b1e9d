/**
 * Stock in and out at the branch, offline: goods receipts and adjustments. Each records its
 * movements, moves the levels and queues its mutation in ONE transaction, like a sale. (The
 * screens for these come with the back-office issue; the sync contract is already in place.)
 */
import type { StaffSummary } from '../../../../shared/src/api-contract.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import type { Paise } from '../../../../shared/src/money.js';
import { canAdjustStock, canReceiveStock } from '../../../../shared/src/roles.js';
import type { StockAdjustedPayload, StockAdjustmentReason, StockReceivedPayload } from '../../../../shared/src/sync-protocol.js';
import { stmt, writeTx } from '../store/open-store.js';
import { newId, nowIso, type CoreContext } from './context.js';
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

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REASONS: readonly StockAdjustmentReason[] = ['damage', 'expiry_write_off', 'sample', 'correction'];

export class StockService {
  constructor(private readonly ctx: CoreContext) {}

  /** Records goods received from a supplier; a new (product, batch number) becomes a new batch. */
  receive(staff: StaffSummary, input: ReceiptInput): ApiResult<{ receiptId: string; batchIds: string[] }> {
    if (!canReceiveStock(staff.role)) return fail('auth.forbidden', `${staff.name} (${staff.role}) cannot receive goods: a pharmacist or manager must.`);
    const supplier = input.supplier.trim();
    if (supplier.length === 0) return fail('input.invalid', 'Name the supplier.');
    if (input.supplierInvoiceNo.trim().length === 0) return fail('input.invalid', 'Enter the supplier’s invoice number.');
    if (!DATE.test(input.supplierInvoiceDate)) return fail('input.invalid', 'The supplier invoice date must be YYYY-MM-DD.');
    if (input.lines.length === 0) return fail('input.invalid', 'A goods receipt needs at least one line.');
    for (const [i, l] of input.lines.entries()) {
      const where = `Line ${i + 1}`;
      if (!Number.isInteger(l.qty) || !Number.isInteger(l.freeQty) || l.qty < 0 || l.freeQty < 0 || l.qty + l.freeQty < 1) {
        return fail('input.invalid', `${where}: quantities must be whole numbers and at least one pack in all.`);
      }
      if (!DATE.test(l.expiry)) return fail('input.invalid', `${where}: expiry must be YYYY-MM-DD.`);
      if (l.batchNo.trim().length === 0) return fail('input.invalid', `${where}: enter the batch number.`);
      if (!Number.isInteger(l.costPaise) || !Number.isInteger(l.mrpPaise) || l.costPaise < 0 || l.mrpPaise < 0) return fail('input.invalid', `${where}: cost and MRP must be whole paise.`);
      if (stmt(this.ctx.db, /* sql */ `SELECT 1 FROM products WHERE id = ?`).get(l.productId) === undefined) return fail('catalog.product_unknown', `${where}: that product is not in the catalogue.`);
      const onFile = stmt(this.ctx.db, /* sql */ `SELECT expiry FROM batches WHERE product_id = ? AND batch_no = ?`).get(l.productId, l.batchNo.trim()) as { expiry: string } | undefined;
      if (onFile !== undefined && onFile.expiry !== l.expiry) {
        return fail('input.invalid', `${where}: batch ${l.batchNo.trim()} of this product is on file with expiry ${onFile.expiry}, not ${l.expiry}. Check the batch number or the expiry.`);
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
      enqueueMutation(this.ctx, 'stock.received', staff.id, payload);
      return ok({ receiptId, batchIds: payloadLines.map((l) => l.batchId) });
    });
  }

  /** Records a stock correction with a reason; the manager recording it is the approver. */
  adjust(staff: StaffSummary, input: AdjustmentInput): ApiResult<{ adjustmentId: string }> {
    if (!canAdjustStock(staff.role)) return fail('auth.forbidden', `${staff.name} (${staff.role}) cannot adjust stock: a manager must.`);
    if (!REASONS.includes(input.reason)) return fail('input.invalid', `Unknown adjustment reason ${String(input.reason)}.`);
    if (input.lines.length === 0) return fail('input.invalid', 'An adjustment needs at least one line.');
    const db = this.ctx.db;
    const batches: { batchId: string; productId: string; qtyDelta: number }[] = [];
    for (const [i, l] of input.lines.entries()) {
      if (!Number.isInteger(l.qtyDelta) || l.qtyDelta === 0) return fail('input.invalid', `Line ${i + 1}: the change must be a whole number of packs, not zero.`);
      const batch = stmt(db, /* sql */ `SELECT product_id FROM batches WHERE id = ?`).get(l.batchId) as { product_id: string } | undefined;
      if (batch === undefined) return fail('stock.batch_unknown', `Line ${i + 1}: that batch is not on this device.`);
      batches.push({ batchId: l.batchId, productId: batch.product_id, qtyDelta: l.qtyDelta });
    }
    return writeTx(db, () => {
      const adjustmentId = newId(this.ctx);
      const at = nowIso(this.ctx);
      for (const b of batches) this.move(b.batchId, b.productId, 'adjustment', b.qtyDelta, adjustmentId, at, staff.id);
      const payload: StockAdjustedPayload = { adjustmentId, reason: input.reason, note: input.note.trim().slice(0, 500), approvedBy: staff.id, lines: batches };
      enqueueMutation(this.ctx, 'stock.adjusted', staff.id, payload);
      return ok({ adjustmentId });
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
