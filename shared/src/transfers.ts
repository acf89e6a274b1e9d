/**
 * Transfers between branches (issue 5): pure rules shared by the counter's core, the sync server
 * and the screens. Stock leaves branch A when it is sent (in transit) and enters branch B when B
 * receives it; what B counts may differ from what A sent, and the difference is recorded.
 */
import type { Role } from './domain.js';
import type { Paise } from './money.js';

/** in_transit until the destination receives it; then received, or received_with_difference. */
export type TransferStatus = 'in_transit' | 'received' | 'received_with_difference';

export const MAX_TRANSFER_LINES = 500;
export const MAX_TRANSFER_QTY = 1_000_000;
export const MAX_TRANSFER_NOTE = 500;

/** `stock.transfer.sent`: queued at the sending branch with the stock leaving it. */
export interface StockTransferSentPayload {
  transferId: string;
  toBranchId: string;
  note: string;
  lines: {
    productId: string;
    batchId: string;
    batchNo: string;
    /** YYYY-MM-DD */
    expiry: string;
    costPaise: Paise;
    mrpPaise: Paise;
    /** Packs sent, 1..MAX_TRANSFER_QTY. */
    qty: number;
  }[];
}

/** `stock.transfer.received`: queued at the destination with the stock entering it. */
export interface StockTransferReceivedPayload {
  transferId: string;
  note: string;
  /** One per sent line, by batch (a transfer names each batch once). */
  lines: { batchId: string; receivedQty: number }[];
}

/** Sending and receiving transfers is a manager's call (admins too). */
export function canTransferStock(role: Role): boolean {
  return role === 'manager' || role === 'admin';
}

export type TransferLineProblem =
  | { kind: 'no_lines' }
  | { kind: 'too_many_lines' }
  | { kind: 'bad_qty'; line: number }
  | { kind: 'duplicate_batch'; line: number }
  | { kind: 'exceeds_stock'; line: number; available: number };

export interface SendLineCheck {
  batchId: string;
  qty: number;
  /** Shown stock of the batch at the sending branch. */
  available: number;
}

/**
 * Checks the lines of a transfer about to be sent: at least one, each batch once, whole packs,
 * and no more than the branch shows in stock (stock in transit must exist to leave). Lines are
 * numbered from 1 in the problem.
 */
export function checkSendLines(lines: readonly SendLineCheck[]): TransferLineProblem | null {
  if (lines.length === 0) return { kind: 'no_lines' };
  if (lines.length > MAX_TRANSFER_LINES) return { kind: 'too_many_lines' };
  const seen = new Set<string>();
  for (const [i, l] of lines.entries()) {
    const line = i + 1;
    if (!Number.isInteger(l.qty) || l.qty < 1 || l.qty > MAX_TRANSFER_QTY) return { kind: 'bad_qty', line };
    if (seen.has(l.batchId)) return { kind: 'duplicate_batch', line };
    seen.add(l.batchId);
    if (l.qty > l.available) return { kind: 'exceeds_stock', line, available: Math.max(0, l.available) };
  }
  return null;
}

/** A person-readable message for a line problem. */
export function describeLineProblem(p: TransferLineProblem): string {
  switch (p.kind) {
    case 'no_lines':
      return 'A transfer needs at least one line.';
    case 'too_many_lines':
      return `A transfer has at most ${MAX_TRANSFER_LINES} lines.`;
    case 'bad_qty':
      return `Line ${p.line}: the quantity must be a whole number of packs from 1 to ${MAX_TRANSFER_QTY}.`;
    case 'duplicate_batch':
      return `Line ${p.line}: that batch is already on the transfer; change the quantity of the first line instead.`;
    case 'exceeds_stock':
      return `Line ${p.line}: only ${p.available} in stock of that batch.`;
  }
}

export interface LineOutcome {
  batchId: string;
  sentQty: number;
  receivedQty: number;
  /** sent − received: positive = short, negative = more arrived than was sent. */
  differenceQty: number;
}

/**
 * Matches received quantities to sent lines by batch. A sent line the receiver did not name is
 * taken as received in full (the default); a received line for a batch that was not sent, a
 * negative or fractional quantity is a problem. Returns the outcome per sent line, in order.
 */
export function receiveOutcome(
  sent: readonly { batchId: string; qty: number }[],
  received: readonly { batchId: string; receivedQty: number }[],
): { ok: true; lines: LineOutcome[]; status: TransferStatus } | { ok: false; message: string } {
  const byBatch = new Map<string, number>();
  const sentBatches = new Set(sent.map((l) => l.batchId));
  for (const r of received) {
    if (!sentBatches.has(r.batchId)) return { ok: false, message: 'A received line names a batch that was not sent on this transfer.' };
    if (byBatch.has(r.batchId)) return { ok: false, message: 'A batch is named twice among the received lines.' };
    if (!Number.isInteger(r.receivedQty) || r.receivedQty < 0 || r.receivedQty > MAX_TRANSFER_QTY) {
      return { ok: false, message: `Received quantities must be whole numbers from 0 to ${MAX_TRANSFER_QTY}.` };
    }
    byBatch.set(r.batchId, r.receivedQty);
  }
  const lines = sent.map((l) => {
    const receivedQty = byBatch.get(l.batchId) ?? l.qty;
    return { batchId: l.batchId, sentQty: l.qty, receivedQty, differenceQty: l.qty - receivedQty };
  });
  return { ok: true, lines, status: statusOf(lines) };
}

/** received when every line arrived as sent, else received_with_difference. */
export function statusOf(lines: readonly { differenceQty: number }[]): TransferStatus {
  return lines.some((l) => l.differenceQty !== 0) ? 'received_with_difference' : 'received';
}

/** Short label for a status, as the screens show it. */
export function transferStatusLabel(status: TransferStatus): string {
  switch (status) {
    case 'in_transit':
      return 'In transit';
    case 'received':
      return 'Received';
    case 'received_with_difference':
      return 'Received with difference';
  }
}
