/** App API methods of Goods receipt screen, adjustments with approval, stock alerts (issue 5). Merged into AppApi in ../api-contract.ts. */
import type { Paise } from '../money.js';
import type { AdjustmentApprovalPolicy } from '../stock-office/adjustment-approval.js';
import type { StockAdjustmentReason } from '../sync-protocol.js';

/** Where a document's mutation is: still queued, refused by the server (with why), or acknowledged. */
export type DocumentSync = { state: 'pending' } | { state: 'rejected'; code: string; message: string } | { state: 'synced' };

export interface ReceiptProductDefaults {
  productId: string;
  name: string;
  brand: string;
  packSize: string;
  barcode: string | null;
  /** The product's catalogue MRP (the default MRP of a new line). */
  mrpPaise: Paise;
  /** Cost per pack on the last receipt of this product at this counter, or null. */
  lastCostPaise: Paise | null;
  lastSupplier: string | null;
}

export interface ReceiptSummary {
  receiptId: string;
  at: string;
  supplier: string;
  supplierInvoiceNo: string;
  supplierInvoiceDate: string;
  staffName: string;
  lines: number;
  units: number;
  freeUnits: number;
  /** Paid packs × cost. */
  costPaise: Paise;
  sync: DocumentSync;
}

export interface AdjustableBatch {
  batchId: string;
  productId: string;
  batchNo: string;
  expiry: string;
  /** Shown stock now (may be 0 or negative). */
  qty: number;
  costPaise: Paise;
  mrpPaise: Paise;
  expired: boolean;
}

export interface AdjustmentSummary {
  adjustmentId: string;
  at: string;
  reason: StockAdjustmentReason;
  note: string;
  staffName: string;
  approverName: string;
  lines: number;
  /** Net change in packs (negative = written down). */
  netQty: number;
  valuePaise: Paise;
  aboveThreshold: boolean;
  sync: DocumentSync;
}

export interface AlertBatch {
  batchId: string;
  productId: string;
  name: string;
  brand: string;
  packSize: string;
  batchNo: string;
  expiry: string;
  /** Days from today to the expiry (negative = expired). */
  daysLeft: number;
  qty: number;
  costPaise: Paise;
}

export interface ReorderAlert {
  productId: string;
  name: string;
  brand: string;
  packSize: string;
  /** Sellable (non-expired) packs on hand. */
  onHand: number;
  minQty: number;
  shortBy: number;
}

export interface StockAlerts {
  businessDate: string;
  nearExpiryDays: number;
  /** Expired batches that still hold stock (blocked at the counter): write them off. */
  expired: AlertBatch[];
  /** Batches with stock expiring within nearExpiryDays. */
  nearExpiry: AlertBatch[];
  /** Products whose sellable stock is below the level a manager set. */
  belowReorder: ReorderAlert[];
}

export interface ReorderLevelRow {
  productId: string;
  name: string;
  brand: string;
  packSize: string;
  onHand: number;
  minQty: number;
}

export interface StockOfficeApi {
  /** Pharmacist, manager or admin: the defaults of a receipt line for a product (MRP, last cost). */
  'stock.receiptDefaults': { args: { productId: string }; result: ReceiptProductDefaults };
  /** Pharmacist, manager or admin: this counter's receipts, newest first. */
  'stock.receipts': { args: { limit?: number }; result: ReceiptSummary[] };
  /** Pharmacist, manager or admin: every batch of a product with its shown stock, expired ones too. */
  'stock.adjustableBatches': { args: { productId: string }; result: AdjustableBatch[] };
  /** The approval thresholds of this counter (setting `stock.adjustment_approval`). */
  'stock.adjustmentPolicy': { args: Record<string, never>; result: AdjustmentApprovalPolicy };
  /** Manager or admin: changes the approval thresholds of this counter. */
  'stock.setAdjustmentPolicy': { args: { maxValuePaise: number; maxLineUnits: number }; result: AdjustmentApprovalPolicy };
  /**
   * Pharmacist, manager or admin: an adjustment, with a manager's PIN where it needs one (a
   * pharmacist's always; a manager's above the threshold, from ANOTHER manager or admin).
   */
  'stock.adjustWithApproval': {
    args: { reason: StockAdjustmentReason; note: string; lines: { batchId: string; qtyDelta: number }[]; approverStaffId?: string | null; approverPin?: string | null };
    result: { adjustmentId: string; approvedBy: string; valuePaise: Paise; aboveThreshold: boolean };
  };
  /** Pharmacist, manager or admin: this counter's adjustments, newest first. */
  'stock.adjustments': { args: { limit?: number }; result: AdjustmentSummary[] };
  /** Everyone: expired and near-expiry batches with stock, products below their reorder level. */
  'stock.alerts': { args: Record<string, never>; result: StockAlerts };
  /** Everyone: the reorder levels set at this counter. */
  'stock.reorderLevels': { args: Record<string, never>; result: ReorderLevelRow[] };
  /** Manager or admin: sets a product's reorder level (0 clears it). */
  'stock.setReorderLevel': { args: { productId: string; minQty: number }; result: ReorderLevelRow | null };
}

export const STOCK_OFFICE_METHODS: readonly (keyof StockOfficeApi)[] = [
  'stock.receiptDefaults',
  'stock.receipts',
  'stock.adjustableBatches',
  'stock.adjustmentPolicy',
  'stock.setAdjustmentPolicy',
  'stock.adjustWithApproval',
  'stock.adjustments',
  'stock.alerts',
  'stock.reorderLevels',
  'stock.setReorderLevel',
];

/** Error codes of this feature; part of ErrorCode (../errors.ts). Add literals: `| 'x.y'`. */
export type StockOfficeErrorCode = never;
