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
  | 'sale.void_invoice_mismatch';

export interface Anomaly {
  kind: AnomalyKind;
  branchId: string;
  deviceId: string;
  mutationId: string;
  refId: string;
  details: Record<string, unknown>;
}

export async function recordAnomalies(tx: Queryable, anomalies: readonly Anomaly[]): Promise<void> {
  for (const a of anomalies) {
    await tx.query(
      'INSERT INTO anomalies (kind, branch_id, device_id, mutation_id, ref_id, details) VALUES ($1, $2, $3, $4, $5, $6)',
      [a.kind, a.branchId, a.deviceId, a.mutationId, a.refId, JSON.stringify(a.details)],
    );
  }
}
