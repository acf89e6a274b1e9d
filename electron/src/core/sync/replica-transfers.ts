/**
 * Pulled transfers (server migrations/017_transfers.sql): one `stock_transfer_parties` row per
 * branch that takes part, carrying the whole transfer document. Applied into `transfers` and
 * `transfer_lines` (migration 007). A transfer never goes back in transit: a document from before
 * this device's own receive (still being pushed) does not undo the receive.
 */
import { stmt, type Db } from '../store/open-store.js';
import type { PulledChange } from './server-api.js';
import type { ReplicaAppliers } from './replica-appliers.js';

type Row = Record<string, unknown>;
const str = (row: Row, key: string): string | null => (typeof row[key] === 'string' ? (row[key] as string) : null);
const num = (row: Row, key: string): number | null => (typeof row[key] === 'number' ? (row[key] as number) : null);

function applyParty(db: Db, change: PulledChange): void {
  if (change.op === 'delete') return; // party rows are never deleted; a transfer stays on record
  const transferId = str(change.row, 'transferId');
  const side = str(change.row, 'side');
  const doc = change.row.transfer;
  if (transferId === null || (side !== 'out' && side !== 'in') || typeof doc !== 'object' || doc === null) return;
  const t = doc as Row;
  const status = str(t, 'status') ?? 'in_transit';
  stmt(db, /* sql */ `INSERT INTO transfers (id, direction, from_branch_id, to_branch_id, status, note, sent_at, sent_by, sent_by_name,
      received_at, received_by, received_by_name, received_note)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET direction = excluded.direction, from_branch_id = excluded.from_branch_id, to_branch_id = excluded.to_branch_id,
      note = excluded.note, sent_at = excluded.sent_at, sent_by = excluded.sent_by, sent_by_name = excluded.sent_by_name,
      status = CASE WHEN excluded.status = 'in_transit' THEN transfers.status ELSE excluded.status END,
      received_at = COALESCE(excluded.received_at, transfers.received_at), received_by = COALESCE(excluded.received_by, transfers.received_by),
      received_by_name = COALESCE(excluded.received_by_name, transfers.received_by_name), received_note = COALESCE(excluded.received_note, transfers.received_note)`)
    .run(
      transferId, side, str(t, 'fromBranchId') ?? '', str(t, 'toBranchId') ?? '', status, str(t, 'note') ?? '', str(t, 'sentAt') ?? '',
      str(t, 'sentBy') ?? '', str(t, 'sentByName') ?? '', str(t, 'receivedAt'), str(t, 'receivedBy'), str(t, 'receivedByName'), str(t, 'receivedNote'),
    );
  const lines = Array.isArray(t.lines) ? (t.lines as Row[]) : [];
  for (const l of lines) {
    const lineNo = num(l, 'lineNo');
    const productId = str(l, 'productId');
    const batchId = str(l, 'batchId');
    const qty = num(l, 'qty');
    if (lineNo === null || productId === null || batchId === null || qty === null) continue;
    const batchNo = str(l, 'batchNo') ?? '';
    const expiry = str(l, 'expiry') ?? '';
    const cost = num(l, 'costPaise') ?? 0;
    const mrp = num(l, 'mrpPaise') ?? 0;
    stmt(db, /* sql */ `INSERT INTO transfer_lines (transfer_id, line_no, product_id, batch_id, batch_no, expiry, cost_paise, mrp_paise, qty, received_qty)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (transfer_id, line_no) DO UPDATE SET product_id = excluded.product_id, batch_id = excluded.batch_id, batch_no = excluded.batch_no,
        expiry = excluded.expiry, cost_paise = excluded.cost_paise, mrp_paise = excluded.mrp_paise, qty = excluded.qty,
        received_qty = COALESCE(excluded.received_qty, transfer_lines.received_qty)`)
      .run(transferId, lineNo, productId, batchId, batchNo, expiry, cost, mrp, qty, num(l, 'receivedQty'));
    // The destination creates its stock on the sender's batch: make sure the batch is here even if
    // its own feed entry comes on a later page (batches are organisation-wide).
    stmt(db, /* sql */ `INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
      .run(batchId, productId, batchNo, expiry, cost, mrp);
  }
}

/** Pulled tables of Transfers between branches, applied to the local store by table name. */
export const TRANSFERS_REPLICA: ReplicaAppliers = {
  stock_transfer_parties: (db, change) => applyParty(db, change),
};
