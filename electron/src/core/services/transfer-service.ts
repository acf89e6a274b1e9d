/**
 * Transfers between branches at the counter (docs/transfers.md). Sending: the stock leaves this
 * branch now (movement transfer_out) and `stock.transfer.sent` is queued, in ONE transaction.
 * Receiving an incoming transfer (pulled from the server): the counted quantities enter this
 * branch (transfer_in) and `stock.transfer.received` is queued, in ONE transaction. Both work
 * offline; the server's copy comes back on the pull and confirms them.
 */
import type { StaffSummary } from '../../../../shared/src/api-contract.js';
import type { TransferSendLineInput, TransferView } from '../../../../shared/src/api/transfers-api.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import type { Paise } from '../../../../shared/src/money.js';
import {
  canTransferStock,
  checkSendLines,
  describeLineProblem,
  MAX_TRANSFER_NOTE,
  receiveOutcome,
  type StockTransferReceivedPayload,
  type StockTransferSentPayload,
} from '../../../../shared/src/transfers.js';
import { stmt, writeTx, type Db } from '../store/open-store.js';
import { deviceRow, newId, nowIso, type CoreContext } from './context.js';
import { enqueueMutation } from './sync-queue.js';
import { otherBranches, transferView } from './transfer-views.js';

interface BatchRow {
  product_id: string;
  batch_no: string;
  expiry: string;
  cost_paise: number;
  mrp_paise: number;
  shown: number | null;
}

function move(ctx: CoreContext, batchId: string, productId: string, kind: 'transfer_out' | 'transfer_in', qty: number, refId: string, at: string, staffId: string): void {
  stmt(ctx.db, /* sql */ `INSERT INTO stock_movements (id, batch_id, product_id, kind, qty, ref_id, at, staff_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(newId(ctx), batchId, productId, kind, qty, refId, at, staffId);
  stmt(ctx.db, /* sql */ `INSERT INTO batch_stock (batch_id, product_id, qty) VALUES (?, ?, ?) ON CONFLICT (batch_id) DO UPDATE SET qty = qty + excluded.qty`)
    .run(batchId, productId, qty);
}

function forbidden(staff: StaffSummary): ApiResult<never> | null {
  return canTransferStock(staff.role) ? null : fail('auth.forbidden', `${staff.name} (${staff.role}) cannot transfer stock: a manager must.`);
}

const cleanNote = (note: string | undefined): string => (note ?? '').trim().slice(0, MAX_TRANSFER_NOTE);

export class TransferService {
  constructor(private readonly ctx: CoreContext) {}

  private get db(): Db {
    return this.ctx.db;
  }

  branches(staff: StaffSummary): ApiResult<ReturnType<typeof otherBranches>> {
    return forbidden(staff) ?? ok(otherBranches(this.db, deviceRow(this.ctx).branch_id));
  }

  /** Sends `lines` to another branch: they leave this branch's stock at once (in transit). */
  send(staff: StaffSummary, input: { toBranchId: string; note?: string; lines: readonly TransferSendLineInput[] }): ApiResult<TransferView> {
    const refused = forbidden(staff);
    if (refused !== null) return refused;
    const own = deviceRow(this.ctx).branch_id;
    if (input.toBranchId === own) return fail('transfer.branch_invalid', 'Pick another branch: a transfer cannot go to this branch.');
    if (stmt(this.db, /* sql */ `SELECT 1 FROM branches WHERE id = ?`).get(input.toBranchId) === undefined) {
      return fail('transfer.branch_invalid', 'That branch is not on this device; sync, then pick it again.');
    }
    const batches: BatchRow[] = [];
    for (const [i, l] of input.lines.entries()) {
      const batch = stmt(this.db, /* sql */ `SELECT b.product_id, b.batch_no, b.expiry, b.cost_paise, b.mrp_paise, s.qty AS shown
          FROM batches b LEFT JOIN batch_stock s ON s.batch_id = b.id WHERE b.id = ?`).get(l.batchId) as BatchRow | undefined;
      if (batch === undefined) return fail('stock.batch_unknown', `Line ${i + 1}: that batch is not on this device.`);
      batches.push(batch);
    }
    const problem = checkSendLines(input.lines.map((l, i) => ({ batchId: l.batchId, qty: l.qty, available: batches[i]?.shown ?? 0 })));
    if (problem !== null) return fail(problem.kind === 'exceeds_stock' ? 'stock.insufficient' : 'input.invalid', describeLineProblem(problem));
    const transferId = newId(this.ctx);
    const at = nowIso(this.ctx);
    const note = cleanNote(input.note);
    writeTx(this.db, () => {
      stmt(this.db, /* sql */ `INSERT INTO transfers (id, direction, from_branch_id, to_branch_id, status, note, sent_at, sent_by, sent_by_name)
        VALUES (?, 'out', ?, ?, 'in_transit', ?, ?, ?, ?)`).run(transferId, own, input.toBranchId, note, at, staff.id, staff.name);
      const lines: StockTransferSentPayload['lines'] = [];
      for (const [i, l] of input.lines.entries()) {
        const b = batches[i] as BatchRow;
        stmt(this.db, /* sql */ `INSERT INTO transfer_lines (transfer_id, line_no, product_id, batch_id, batch_no, expiry, cost_paise, mrp_paise, qty)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(transferId, i + 1, b.product_id, l.batchId, b.batch_no, b.expiry, b.cost_paise, b.mrp_paise, l.qty);
        move(this.ctx, l.batchId, b.product_id, 'transfer_out', -l.qty, transferId, at, staff.id);
        lines.push({ productId: b.product_id, batchId: l.batchId, batchNo: b.batch_no, expiry: b.expiry, costPaise: b.cost_paise as Paise, mrpPaise: b.mrp_paise as Paise, qty: l.qty });
      }
      const payload: StockTransferSentPayload = { transferId, toBranchId: input.toBranchId, note, lines };
      enqueueMutation(this.ctx, 'stock.transfer.sent', staff.id, payload);
    });
    return ok(transferView(this.db, transferId) as TransferView);
  }

  /** Receives an incoming transfer; a line not named is received as sent. */
  receive(staff: StaffSummary, input: { transferId: string; note?: string; lines: readonly { batchId: string; receivedQty: number }[] }): ApiResult<TransferView> {
    const refused = forbidden(staff);
    if (refused !== null) return refused;
    const t = stmt(this.db, /* sql */ `SELECT direction, status FROM transfers WHERE id = ?`).get(input.transferId) as { direction: string; status: string } | undefined;
    if (t === undefined || t.direction !== 'in') return fail('transfer.unknown', 'That transfer is not among this branch’s incoming transfers.');
    if (t.status !== 'in_transit') return fail('transfer.already_received', 'This transfer was already received; nothing changed.');
    const sent = stmt(this.db, /* sql */ `SELECT l.line_no, l.product_id, l.batch_id, l.batch_no, l.expiry, l.cost_paise, l.mrp_paise, l.qty, p.id IS NOT NULL AS known
        FROM transfer_lines l LEFT JOIN products p ON p.id = l.product_id WHERE l.transfer_id = ? ORDER BY l.line_no`).all(input.transferId) as
      { line_no: number; product_id: string; batch_id: string; batch_no: string; expiry: string; cost_paise: number; mrp_paise: number; qty: number; known: number }[];
    const outcome = receiveOutcome(sent.map((l) => ({ batchId: l.batch_id, qty: l.qty })), input.lines);
    if (!outcome.ok) return fail('input.invalid', outcome.message);
    const unknown = sent.find((l) => l.known === 0);
    if (unknown !== undefined) return fail('catalog.product_unknown', `Line ${unknown.line_no}: that product is not on this device yet; sync, then receive.`);
    const at = nowIso(this.ctx);
    const note = cleanNote(input.note);
    writeTx(this.db, () => {
      for (const [i, l] of outcome.lines.entries()) {
        const line = sent[i] as (typeof sent)[number];
        stmt(this.db, /* sql */ `UPDATE transfer_lines SET received_qty = ? WHERE transfer_id = ? AND line_no = ?`).run(l.receivedQty, input.transferId, line.line_no);
        if (l.receivedQty === 0) continue;
        // The batch is the sender's (organisation-wide); it normally arrived with the catalogue.
        stmt(this.db, /* sql */ `INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
          .run(line.batch_id, line.product_id, line.batch_no, line.expiry, line.cost_paise, line.mrp_paise);
        move(this.ctx, line.batch_id, line.product_id, 'transfer_in', l.receivedQty, input.transferId, at, staff.id);
      }
      stmt(this.db, /* sql */ `UPDATE transfers SET status = ?, received_at = ?, received_by = ?, received_by_name = ?, received_note = ? WHERE id = ?`)
        .run(outcome.status, at, staff.id, staff.name, note, input.transferId);
      const payload: StockTransferReceivedPayload = {
        transferId: input.transferId,
        note,
        lines: outcome.lines.map((l) => ({ batchId: l.batchId, receivedQty: l.receivedQty })),
      };
      enqueueMutation(this.ctx, 'stock.transfer.received', staff.id, payload);
    });
    return ok(transferView(this.db, input.transferId) as TransferView);
  }
}
