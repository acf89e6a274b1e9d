import { stmt } from '../store/open-store.js';
import type { ReplicaAppliers } from './replica-appliers.js';

type Row = Record<string, unknown>;
const text = (row: Row, key: string): string => (typeof row[key] === 'string' ? (row[key] as string) : '');

/**
 * Pulled tables of Customer search, history, loyalty points, B2B, applied to the local store by table name.
 *
 * `customer_ledger`: the server's entries are the truth. A sale's entries have the same id on the
 * device and the server (derived from the sale id and kind), so the pulled row simply replaces the
 * local one; an entry of the same fact under another id (written before ids were derived) gives
 * way, so a balance never counts one fact twice.
 */
export const CUSTOMERS_REPLICA: ReplicaAppliers = {
  customer_ledger(db, change, id) {
    if (change.op === 'delete') {
      stmt(db, /* sql */ `DELETE FROM customer_ledger WHERE id = ?`).run(id);
      return;
    }
    const row = change.row;
    const kind = text(row, 'kind');
    const sourceType = text(row, 'sourceType');
    const sourceId = text(row, 'sourceId');
    const delta = typeof row.delta === 'number' ? row.delta : Number(row.delta);
    if (!Number.isSafeInteger(delta)) return;
    stmt(db, /* sql */ `DELETE FROM customer_ledger WHERE source_type = ? AND source_id = ? AND kind = ? AND id <> ?`).run(sourceType, sourceId, kind, id);
    stmt(db, /* sql */ `INSERT INTO customer_ledger (id, customer_id, kind, delta, source_type, source_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, kind = excluded.kind, delta = excluded.delta,
        source_type = excluded.source_type, source_id = excluded.source_id, at = excluded.at`)
      .run(id, text(row, 'customerId'), kind, delta, sourceType, sourceId, text(row, 'at'));
  },
};
