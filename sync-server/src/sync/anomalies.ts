import { newIds } from '../auth/secrets.js';
import type { Queryable } from '../db/db.js';

/** What the server accepted but would have done differently; admins review these. */
export type AnomalyKind =
  | 'sale.totals_mismatch'
  | 'sale.payment_mismatch'
  | 'sale.discount_exceeds_limit'
  | 'stock.negative'
  | 'stock.batch_expired'
  | 'tax.rate_missing'
  | 'invoice.prefix_mismatch'
  | 'invoice.duplicate'
  | 'customer.unknown'
  | 'customer.duplicate_phone'
  | 'catalog.product_unknown'
  | 'stock.batch_unknown'
  | 'sale.void_unapproved'
  | 'sale.void_invoice_mismatch'
  | 'return.exceeds_sold'
  | 'return.sale_voided'
  | 'return.invoice_mismatch'
  | 'return.line_unknown'
  | 'return.batch_mismatch'
  | 'return.unapproved'
  | 'return.store_credit_without_customer'
  | 'stock.batch_duplicate_lot'
  /** An adjustment above the default threshold with no second manager, or an approver who is not a manager of the branch. */
  | 'stock.adjustment_unapproved'
  /** A transfer received with other quantities than were sent. */
  | 'stock.transfer_difference'
  /** A second counter of the destination received a transfer already received; stock entered once. */
  | 'stock.transfer_received_twice'
  /** Written by SQL triggers of migration 016 (stocktake): listed so admins' filters know them. */
  | 'stocktake.late_movement'
  | 'stocktake.expected_mismatch'
  /** Shifts (written by apply-shift.ts): the device's Z differs from the server's recount; a close without the approval its variance needed; two open shifts on one device; cash moved after the close. */
  | 'shift.totals_mismatch'
  | 'shift.close_unapproved'
  | 'shift.overlap'
  | 'shift.cash_after_close'
  /** Points or store credit spent beyond the balance (offline at two counters); the sale stands. */
  | 'customer.balance_overspent'
  /** A sale line names a scheme the server does not have; the sale stands. */
  | 'scheme.unknown';

export interface Anomaly {
  kind: AnomalyKind;
  branchId: string;
  deviceId: string;
  mutationId: string;
  refId: string;
  details: Record<string, unknown>;
}

/** All in one statement (a push may raise hundreds). */
export async function recordAnomalies(tx: Queryable, anomalies: readonly Anomaly[]): Promise<void> {
  if (anomalies.length === 0) return;
  const a = anomalies;
  await tx.query(
    `INSERT INTO anomalies (id, kind, branch_id, device_id, mutation_id, ref_id, details)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::jsonb[])`,
    [newIds(a.length), a.map((x) => x.kind), a.map((x) => x.branchId), a.map((x) => x.deviceId), a.map((x) => x.mutationId), a.map((x) => x.refId), a.map((x) => JSON.stringify(x.details))],
  );
}
