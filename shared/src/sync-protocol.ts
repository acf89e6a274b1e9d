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
  | 'shift.closed';

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
  lines: { productId: string; batchId: string; qty: number; unitPricePaise: Paise; discountPaise: Paise }[];
  payments: { method: PaymentMethod; amountPaise: Paise }[];
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
