/**
 * Reading transfers for the screens: this branch's sent and incoming transfers with their lines,
 * product names, branch names and whether this device's part is still waiting to sync.
 */
import type { TransferBranch, TransferLineView, TransferView } from '../../../../shared/src/api/transfers-api.js';
import type { Paise } from '../../../../shared/src/money.js';
import type { TransferStatus } from '../../../../shared/src/transfers.js';
import { stmt, type Db } from '../store/open-store.js';

interface TransferRow {
  id: string;
  direction: 'out' | 'in';
  from_branch_id: string;
  to_branch_id: string;
  status: TransferStatus;
  note: string;
  sent_at: string;
  sent_by_name: string;
  received_at: string | null;
  received_by_name: string | null;
  received_note: string | null;
  pending: number;
}

interface LineRow {
  line_no: number;
  product_id: string;
  product_name: string | null;
  batch_id: string;
  batch_no: string;
  expiry: string;
  cost_paise: number;
  mrp_paise: number;
  qty: number;
  received_qty: number | null;
}

/** How many transfers of each direction a list shows (newest first). */
export const TRANSFER_LIST_LIMIT = 200;

/** Every branch but this one, by code. */
export function otherBranches(db: Db, ownBranchId: string): TransferBranch[] {
  return stmt(db, /* sql */ `SELECT id, code, name FROM branches WHERE id <> ? ORDER BY code`).all(ownBranchId) as TransferBranch[];
}

function branchOf(db: Db, id: string): TransferBranch {
  const row = stmt(db, /* sql */ `SELECT id, code, name FROM branches WHERE id = ?`).get(id) as TransferBranch | undefined;
  return row ?? { id, code: '?', name: 'Unknown branch' };
}

const SELECT_TRANSFER = /* sql */ `SELECT t.id, t.direction, t.from_branch_id, t.to_branch_id, t.status, t.note, t.sent_at, t.sent_by_name,
    t.received_at, t.received_by_name, t.received_note,
    EXISTS (SELECT 1 FROM sync_queue q WHERE q.type IN ('stock.transfer.sent', 'stock.transfer.received') AND json_extract(q.payload, '$.transferId') = t.id) AS pending
  FROM transfers t`;

function viewOf(db: Db, t: TransferRow): TransferView {
  const rows = stmt(db, /* sql */ `SELECT l.line_no, l.product_id, p.name AS product_name, l.batch_id, l.batch_no, l.expiry, l.cost_paise, l.mrp_paise, l.qty, l.received_qty
      FROM transfer_lines l LEFT JOIN products p ON p.id = l.product_id WHERE l.transfer_id = ? ORDER BY l.line_no`).all(t.id) as LineRow[];
  const lines: TransferLineView[] = rows.map((l) => ({
    lineNo: l.line_no,
    productId: l.product_id,
    productName: l.product_name ?? 'Product not on this device',
    batchId: l.batch_id,
    batchNo: l.batch_no,
    expiry: l.expiry,
    costPaise: l.cost_paise as Paise,
    mrpPaise: l.mrp_paise as Paise,
    qty: l.qty,
    receivedQty: l.received_qty,
    differenceQty: l.received_qty === null ? null : l.qty - l.received_qty,
  }));
  const received = t.status !== 'in_transit';
  return {
    transferId: t.id,
    direction: t.direction,
    fromBranch: branchOf(db, t.from_branch_id),
    toBranch: branchOf(db, t.to_branch_id),
    status: t.status,
    pendingSync: t.pending === 1,
    note: t.note,
    sentAt: t.sent_at,
    sentByName: t.sent_by_name,
    receivedAt: t.received_at,
    receivedByName: t.received_by_name,
    receivedNote: t.received_note,
    totalSentQty: lines.reduce((s, l) => s + l.qty, 0),
    totalReceivedQty: received ? lines.reduce((s, l) => s + (l.receivedQty ?? 0), 0) : null,
    lines,
  };
}

export function transferView(db: Db, transferId: string): TransferView | undefined {
  const row = stmt(db, `${SELECT_TRANSFER} WHERE t.id = ?`).get(transferId) as TransferRow | undefined;
  return row === undefined ? undefined : viewOf(db, row);
}

/** Sent and incoming transfers, newest first; incoming ones still in transit come first. */
export function listTransfers(db: Db): { sent: TransferView[]; incoming: TransferView[] } {
  const sent = stmt(db, `${SELECT_TRANSFER} WHERE t.direction = 'out' ORDER BY t.sent_at DESC, t.id DESC LIMIT ${TRANSFER_LIST_LIMIT}`).all() as TransferRow[];
  const incoming = stmt(db, `${SELECT_TRANSFER} WHERE t.direction = 'in' ORDER BY t.status <> 'in_transit', t.sent_at DESC, t.id DESC LIMIT ${TRANSFER_LIST_LIMIT}`).all() as TransferRow[];
  return { sent: sent.map((t) => viewOf(db, t)), incoming: incoming.map((t) => viewOf(db, t)) };
}
