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
  | 'stock.batch_duplicate_lot';

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
