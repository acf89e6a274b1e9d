/**
 * The device → server mutation contract (docs/sync-protocol.md). Devices queue one mutation per
 * fact in the same local transaction as the fact itself; the sync client pushes them later.
 */
import type { PaymentMethod } from './domain.js';
import type { Paise } from './money.js';

export type MutationType =
  | 'sale.completed'
  | 'sale.voided'
  | 'return.created'
  | 'stock.received'
  | 'stock.adjusted'
  | 'stock.transfer.sent'
  | 'stock.transfer.received'
  | 'customer.upserted'
  | 'shift.opened'
  | 'shift.cash_moved'
  | 'shift.closed'
  | 'stock.counted';

export interface Mutation<P = unknown> {
  /** UUIDv7, the idempotency key. */
  id: string;
  /** Per device, strictly increasing. */
  seq: number;
  type: MutationType;
  /** Instant the fact happened on the device. */
  at: string;
  actorId: string;
  payload: P;
}

export interface SaleCompletedPayload {
  saleId: string;
  invoiceNo: string;
  customerId?: string;
  /** Business date the sale belongs to (drives the tax rate in force). */
  businessDate: string;
  /** discountPaise is the line's whole discount (manual + scheme); schemeDiscountPaise the schemes' part, schemeId the line's first scheme. */
  lines: { productId: string; batchId: string; qty: number; unitPricePaise: Paise; discountPaise: Paise; schemeId?: string; schemeDiscountPaise?: Paise }[];
  /** `points` on a points payment: how many points it redeemed (its amount is points × point value). */
  payments: { method: PaymentMethod; amountPaise: Paise; points?: number }[];
  /** Loyalty points the sale earned the customer (device's rule); the server writes the ledger entries. */
  pointsEarned?: number;
  /** The totals the device printed; the server recomputes and records any difference as an anomaly. */
  totals: {
    totalPaise: Paise;
    taxablePaise: Paise;
    cgstPaise: Paise;
    sgstPaise: Paise;
    igstPaise: Paise;
    roundOffPaise: Paise;
  };
}

export interface SaleVoidedPayload {
  saleId: string;
  invoiceNo: string;
  reason: string;
  approvedBy: string;
}

export interface CustomerUpsertedPayload {
  customerId: string;
  phone: string;
  name: string;
  gstin: string | null;
  stateCode: string | null;
  /** Hybrid logical clock for last-writer-wins. */
  hlc: string;
}

/** Goods received from a supplier (issue 5). New batches are created with the device's ids. */
export interface StockReceivedPayload {
  receiptId: string;
  supplier: string;
  supplierInvoiceNo: string;
  /** YYYY-MM-DD */
  supplierInvoiceDate: string;
  lines: {
    productId: string;
    /** Device-chosen id; the device reuses its local id for an existing (product, batchNo). */
    batchId: string;
    batchNo: string;
    /** YYYY-MM-DD, last day of validity. */
    expiry: string;
    /** Paid quantity, ≥ 0; qty + freeQty ≥ 1. */
    qty: number;
    freeQty: number;
    costPaise: Paise;
    mrpPaise: Paise;
  }[];
}

export type StockAdjustmentReason = 'damage' | 'expiry_write_off' | 'sample' | 'correction';

/** A stock correction with a reason; each line moves one batch by qtyDelta (≠ 0). */
export interface StockAdjustedPayload {
  adjustmentId: string;
  reason: StockAdjustmentReason;
  note: string;
  /** Manager who approved it, when the device required approval; null otherwise. */
  approvedBy: string | null;
  lines: { productId: string; batchId: string; qtyDelta: number }[];
}
