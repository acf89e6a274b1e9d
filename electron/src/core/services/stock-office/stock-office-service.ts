/**
 * The back office's stock work beside the core's receive/adjust (../stock-service.ts): receipt
 * line defaults, the recent receipts and adjustments with their sync state, batches to adjust,
 * adjustments approved with a manager's PIN, stock alerts and reorder levels. Reads the local
 * store only: everything works offline.
 */
import type { StaffSummary } from '../../../../../shared/src/api-contract.js';
import type {
  AdjustableBatch,
  AdjustmentSummary,
  AlertBatch,
  DocumentSync,
  ReceiptProductDefaults,
  ReceiptSummary,
  ReorderLevelRow,
  StockAlerts,
} from '../../../../../shared/src/api/stock-office-api.js';
import { addDays, daysBetween } from '../../../../../shared/src/dates.js';
import { fail, ok, type ApiResult } from '../../../../../shared/src/errors.js';
import { paise, type Paise } from '../../../../../shared/src/money.js';
import { canAdjustStock, canReceiveStock, canRecordAdjustment } from '../../../../../shared/src/roles.js';
import type { AdjustmentApprovalPolicy } from '../../../../../shared/src/stock-office/adjustment-approval.js';
import { stmt } from '../../store/open-store.js';
import { checkPin } from '../auth-service.js';
import { businessDate, nowIso, type CoreContext } from '../context.js';
import type { AdjustmentInput, StockService } from '../stock-service.js';
import { readApprovalPolicy, writeApprovalPolicy } from './approval-setting.js';

interface SyncCols {
  q_status: string | null;
  q_code: string | null;
  q_message: string | null;
}

function syncOf(r: SyncCols): DocumentSync {
  if (r.q_status === null) return { state: 'synced' };
  if (r.q_status === 'rejected') return { state: 'rejected', code: r.q_code ?? '', message: r.q_message ?? '' };
  return { state: 'pending' };
}

const forbidden = (staff: StaffSummary, what: string, who: string) => fail<never>('auth.forbidden', `${staff.name} (${staff.role}) cannot ${what}: ${who}.`);

export class StockOfficeService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly stock: StockService,
  ) {}

  receiptDefaults(staff: StaffSummary, productId: string): ApiResult<ReceiptProductDefaults> {
    if (!canReceiveStock(staff.role)) return forbidden(staff, 'receive goods', 'a pharmacist or manager must');
    const p = stmt(this.ctx.db, /* sql */ `SELECT id, name, brand, pack_size, barcode, mrp_paise FROM products WHERE id = ?`).get(productId) as
      | { id: string; name: string; brand: string; pack_size: string; barcode: string | null; mrp_paise: Paise }
      | undefined;
    if (p === undefined) return fail('catalog.product_unknown', 'That product is not in the catalogue.');
    const last = stmt(this.ctx.db, /* sql */ `SELECT l.cost_paise, r.supplier FROM stock_receipt_lines l JOIN stock_receipts r ON r.id = l.receipt_id
        WHERE l.product_id = ? ORDER BY r.at DESC, l.line_no DESC LIMIT 1`).get(productId) as { cost_paise: Paise; supplier: string } | undefined;
    return ok({ productId: p.id, name: p.name, brand: p.brand, packSize: p.pack_size, barcode: p.barcode, mrpPaise: p.mrp_paise, lastCostPaise: last?.cost_paise ?? null, lastSupplier: last?.supplier ?? null });
  }

  receipts(staff: StaffSummary, limit: number): ApiResult<ReceiptSummary[]> {
    if (!canReceiveStock(staff.role)) return forbidden(staff, 'see goods receipts', 'they are for pharmacists and managers');
    const rows = stmt(this.ctx.db, /* sql */ `
      SELECT r.id, r.at, r.supplier, r.supplier_invoice_no, r.supplier_invoice_date, COALESCE(s.name, r.staff_id) AS staff_name,
             (SELECT COUNT(*) FROM stock_receipt_lines l WHERE l.receipt_id = r.id) AS lines,
             (SELECT SUM(qty + free_qty) FROM stock_receipt_lines l WHERE l.receipt_id = r.id) AS units,
             (SELECT SUM(free_qty) FROM stock_receipt_lines l WHERE l.receipt_id = r.id) AS free_units,
             (SELECT SUM(qty * cost_paise) FROM stock_receipt_lines l WHERE l.receipt_id = r.id) AS cost,
             q.status AS q_status, q.last_error_code AS q_code, q.last_error_message AS q_message
        FROM stock_receipts r LEFT JOIN staff s ON s.id = r.staff_id LEFT JOIN sync_queue q ON q.id = r.mutation_id
       ORDER BY r.at DESC, r.id DESC LIMIT ?`).all(limit) as ({ id: string; at: string; supplier: string; supplier_invoice_no: string; supplier_invoice_date: string; staff_name: string; lines: number; units: number; free_units: number; cost: number } & SyncCols)[];
    return ok(rows.map((r) => ({
      receiptId: r.id, at: r.at, supplier: r.supplier, supplierInvoiceNo: r.supplier_invoice_no, supplierInvoiceDate: r.supplier_invoice_date, staffName: r.staff_name,
      lines: r.lines, units: r.units, freeUnits: r.free_units, costPaise: paise(r.cost), sync: syncOf(r),
    })));
  }

  adjustableBatches(staff: StaffSummary, productId: string): ApiResult<AdjustableBatch[]> {
    if (!canRecordAdjustment(staff.role)) return forbidden(staff, 'adjust stock', 'a manager must');
    const today = businessDate(this.ctx);
    const rows = stmt(this.ctx.db, /* sql */ `SELECT b.id, b.product_id, b.batch_no, b.expiry, COALESCE(s.qty, 0) AS qty, b.cost_paise, b.mrp_paise
        FROM batches b LEFT JOIN batch_stock s ON s.batch_id = b.id WHERE b.product_id = ? ORDER BY b.expiry, b.batch_no`).all(productId) as
      { id: string; product_id: string; batch_no: string; expiry: string; qty: number; cost_paise: Paise; mrp_paise: Paise }[];
    return ok(rows.map((b) => ({ batchId: b.id, productId: b.product_id, batchNo: b.batch_no, expiry: b.expiry, qty: b.qty, costPaise: b.cost_paise, mrpPaise: b.mrp_paise, expired: b.expiry < today })));
  }

  policy(): ApiResult<AdjustmentApprovalPolicy> {
    return ok(readApprovalPolicy(this.ctx));
  }

  setPolicy(staff: StaffSummary, policy: { maxValuePaise: number; maxLineUnits: number }): ApiResult<AdjustmentApprovalPolicy> {
    if (!canAdjustStock(staff.role)) return forbidden(staff, 'change the approval thresholds', 'a manager must');
    writeApprovalPolicy(this.ctx, { maxValuePaise: paise(policy.maxValuePaise), maxLineUnits: policy.maxLineUnits });
    return ok(readApprovalPolicy(this.ctx));
  }

  /** Checks the approver's PIN (with the login's lockout) first, then records the adjustment. */
  async adjustWithApproval(staff: StaffSummary, input: AdjustmentInput, approval: { staffId: string; pin: string } | null) {
    if (!canRecordAdjustment(staff.role)) return forbidden(staff, 'adjust stock', 'a manager must');
    if (approval === null && !canAdjustStock(staff.role)) {
      return fail('auth.manager_pin_required', `A manager approves every adjustment a ${staff.role} records: ask a manager to enter their PIN.`);
    }
    let approver: StaffSummary | null = null;
    if (approval !== null) {
      const checked = await checkPin(this.ctx, approval.staffId, approval.pin);
      if (!checked.ok) return checked;
      approver = checked.value;
    }
    return this.stock.adjust(staff, input, { approver });
  }

  adjustments(staff: StaffSummary, limit: number): ApiResult<AdjustmentSummary[]> {
    if (!canRecordAdjustment(staff.role)) return forbidden(staff, 'see stock adjustments', 'they are for pharmacists and managers');
    const rows = stmt(this.ctx.db, /* sql */ `
      SELECT a.id, a.at, a.reason, a.note, COALESCE(s.name, a.staff_id) AS staff_name, COALESCE(m.name, a.approved_by) AS approver_name, a.value_paise, a.above_threshold,
             (SELECT COUNT(*) FROM stock_adjustment_lines l WHERE l.adjustment_id = a.id) AS lines,
             (SELECT SUM(qty_delta) FROM stock_adjustment_lines l WHERE l.adjustment_id = a.id) AS net,
             q.status AS q_status, q.last_error_code AS q_code, q.last_error_message AS q_message
        FROM stock_adjustments a LEFT JOIN staff s ON s.id = a.staff_id LEFT JOIN staff m ON m.id = a.approved_by LEFT JOIN sync_queue q ON q.id = a.mutation_id
       ORDER BY a.at DESC, a.id DESC LIMIT ?`).all(limit) as ({ id: string; at: string; reason: AdjustmentSummary['reason']; note: string; staff_name: string; approver_name: string; value_paise: number; above_threshold: number; lines: number; net: number } & SyncCols)[];
    return ok(rows.map((r) => ({
      adjustmentId: r.id, at: r.at, reason: r.reason, note: r.note, staffName: r.staff_name, approverName: r.approver_name, lines: r.lines, netQty: r.net,
      valuePaise: paise(r.value_paise), aboveThreshold: r.above_threshold === 1, sync: syncOf(r),
    })));
  }

  alerts(): ApiResult<StockAlerts> {
    const today = businessDate(this.ctx);
    const days = this.ctx.nearExpiryDays;
    const rows = stmt(this.ctx.db, /* sql */ `
      SELECT s.batch_id, b.product_id, COALESCE(p.name, b.product_id) AS name, COALESCE(p.brand, '') AS brand, COALESCE(p.pack_size, '') AS pack_size,
             b.batch_no, b.expiry, s.qty, s.qty * b.cost_paise AS cost
        FROM batch_stock s JOIN batches b ON b.id = s.batch_id LEFT JOIN products p ON p.id = b.product_id
       WHERE s.qty > 0 AND b.expiry <= ? ORDER BY b.expiry, name, b.batch_no`).all(addDays(today, days)) as
      { batch_id: string; product_id: string; name: string; brand: string; pack_size: string; batch_no: string; expiry: string; qty: number; cost: number }[];
    const batches: AlertBatch[] = rows.map((r) => ({
      batchId: r.batch_id, productId: r.product_id, name: r.name, brand: r.brand, packSize: r.pack_size, batchNo: r.batch_no, expiry: r.expiry,
      daysLeft: daysBetween(today, r.expiry), qty: r.qty, costPaise: paise(r.cost),
    }));
    const belowReorder = this.levels(today)
      .filter((l) => l.onHand < l.minQty)
      .map((l) => ({ ...l, shortBy: l.minQty - l.onHand }))
      .sort((a, b) => b.shortBy - a.shortBy || a.name.localeCompare(b.name));
    return ok({ businessDate: today, nearExpiryDays: days, expired: batches.filter((b) => b.expiry < today), nearExpiry: batches.filter((b) => b.expiry >= today), belowReorder });
  }

  reorderLevels(): ApiResult<ReorderLevelRow[]> {
    return ok(this.levels(businessDate(this.ctx)));
  }

  setReorderLevel(staff: StaffSummary, productId: string, minQty: number): ApiResult<ReorderLevelRow | null> {
    if (!canAdjustStock(staff.role)) return forbidden(staff, 'set reorder levels', 'a manager must');
    if (stmt(this.ctx.db, /* sql */ `SELECT 1 FROM products WHERE id = ?`).get(productId) === undefined) return fail('catalog.product_unknown', 'That product is not in the catalogue.');
    if (minQty === 0) {
      stmt(this.ctx.db, /* sql */ `DELETE FROM reorder_levels WHERE product_id = ?`).run(productId);
      return ok(null);
    }
    stmt(this.ctx.db, /* sql */ `INSERT INTO reorder_levels (product_id, min_qty, updated_at, updated_by) VALUES (?, ?, ?, ?)
        ON CONFLICT (product_id) DO UPDATE SET min_qty = excluded.min_qty, updated_at = excluded.updated_at, updated_by = excluded.updated_by`).run(productId, minQty, nowIso(this.ctx), staff.id);
    return ok(this.levels(businessDate(this.ctx), productId)[0] ?? null);
  }

  private levels(today: string, productId?: string): ReorderLevelRow[] {
    const rows = stmt(this.ctx.db, /* sql */ `
      SELECT r.product_id, COALESCE(p.name, r.product_id) AS name, COALESCE(p.brand, '') AS brand, COALESCE(p.pack_size, '') AS pack_size, r.min_qty,
             COALESCE((SELECT SUM(s.qty) FROM batch_stock s JOIN batches b ON b.id = s.batch_id WHERE s.product_id = r.product_id AND s.qty > 0 AND b.expiry >= ?), 0) AS on_hand
        FROM reorder_levels r LEFT JOIN products p ON p.id = r.product_id
       WHERE (? IS NULL OR r.product_id = ?) ORDER BY name`).all(today, productId ?? null, productId ?? null) as
      { product_id: string; name: string; brand: string; pack_size: string; min_qty: number; on_hand: number }[];
    return rows.map((r) => ({ productId: r.product_id, name: r.name, brand: r.brand, packSize: r.pack_size, onHand: r.on_hand, minQty: r.min_qty }));
  }
}
