/**
 * Transfers between branches (docs/transfers.md), applied under the mutation's savepoint.
 *
 * `stock.transfer.sent`: the stock left the token's branch (movement transfer_out per line), the
 * transfer is recorded in transit, and one party row per branch puts it on both branches' feeds
 * (the feed scopes a row by one column). `stock.transfer.received`: only a device of the
 * destination may receive; the received quantities enter its stock (transfer_in), and the
 * difference (sent − received) stays on the lines, sets the status and raises an anomaly.
 * Both are facts: a level driven below zero or an unknown product apply with an anomaly.
 */
import { canTransferStock, receiveOutcome } from '../../../shared/src/transfers.js';
import { newIds } from '../auth/secrets.js';
import type { Queryable } from '../db/db.js';
import type { AnomalyKind } from './anomalies.js';
import { MutationRejected, type MutationContext } from './mutation-context.js';
import type { TransferReceived, TransferSent } from './transfers-mutations.js';

function mustTransfer(ctx: MutationContext): void {
  if (!canTransferStock(ctx.actorRole)) throw new MutationRejected('auth.forbidden', `A ${ctx.actorRole} may not transfer stock: a manager or admin must.`);
}

/**
 * Anomalies of this feature, written here rather than through `ctx.effects.flag` because their
 * kinds are not in the server's AnomalyKind union yet (the lead folds them in). Written under the
 * mutation's savepoint, so a rejected mutation leaves none.
 */
async function flagTransfer(tx: Queryable, ctx: MutationContext, kind: AnomalyKind, refId: string, details: Record<string, unknown>): Promise<void> {
  await tx.query(
    `INSERT INTO anomalies (id, kind, branch_id, device_id, mutation_id, ref_id, details) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [newIds(1)[0], kind, ctx.branchId, ctx.deviceId, ctx.mutationId, refId, JSON.stringify(details)],
  );
}

export async function applyTransferSent(tx: Queryable, ctx: MutationContext, p: TransferSent): Promise<'applied' | 'duplicate'> {
  mustTransfer(ctx);
  if (p.toBranchId === ctx.branchId) throw new MutationRejected('input.invalid', 'A transfer goes to another branch, not to the sending one.');
  const to = await tx.query('SELECT 1 FROM branches WHERE id = $1', [p.toBranchId]);
  if (to.rows.length === 0) throw new MutationRejected('input.invalid', `Branch ${p.toBranchId} does not exist.`);
  const claim = await tx.query(
    `INSERT INTO stock_transfers (id, from_branch_id, to_branch_id, note, sent_device_id, sent_by, sent_at, sent_mutation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [p.transferId, ctx.branchId, p.toBranchId, p.note, ctx.deviceId, ctx.actorId, ctx.at, ctx.mutationId],
  );
  if (claim.rows.length === 0) {
    const owner = await tx.query<{ from_branch_id: string }>('SELECT from_branch_id FROM stock_transfers WHERE id = $1', [p.transferId]);
    if (owner.rows[0]?.from_branch_id !== ctx.branchId) throw new MutationRejected('mutation.conflict', 'That transfer id belongs to another branch.');
    return 'duplicate';
  }

  // Batches are organisation-wide: the destination creates its stock on the same batch id. A
  // batch the server does not have yet (received offline at the sender and never pushed) is
  // created from the line, as a goods receipt would.
  const batchIds = p.lines.map((l) => l.batchId);
  const found = await tx.query<{ id: string; product_id: string }>('SELECT id, product_id FROM batches WHERE id = ANY($1::uuid[])', [batchIds]);
  const productOf = new Map(found.rows.map((r) => [r.id, r.product_id]));
  for (const [i, l] of p.lines.entries()) {
    const owner = productOf.get(l.batchId);
    if (owner !== undefined && owner !== l.productId) throw new MutationRejected('mutation.conflict', `Line ${i + 1}: batch ${l.batchId} belongs to another product.`);
  }
  const missing = p.lines.filter((l) => !productOf.has(l.batchId));
  if (missing.length > 0) {
    const known = await tx.query<{ id: string }>('SELECT id FROM products WHERE id = ANY($1::uuid[])', [[...new Set(missing.map((l) => l.productId))]]);
    const knownProducts = new Set(known.rows.map((r) => r.id));
    const toCreate = missing.filter((l) => knownProducts.has(l.productId));
    if (toCreate.length > 0) {
      await tx.query(
        `INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::bigint[]) ON CONFLICT (id) DO NOTHING`,
        [toCreate.map((l) => l.batchId), toCreate.map((l) => l.productId), toCreate.map((l) => l.batchNo), toCreate.map((l) => l.expiry), toCreate.map((l) => l.costPaise), toCreate.map((l) => l.mrpPaise)],
      );
    }
    for (const l of missing.filter((x) => !knownProducts.has(x.productId))) {
      ctx.effects.flag({ kind: 'catalog.product_unknown', branchId: ctx.branchId, deviceId: ctx.deviceId, mutationId: ctx.mutationId, refId: p.transferId, details: { productId: l.productId, batchId: l.batchId } });
    }
  }

  await tx.query(
    `INSERT INTO stock_transfer_lines (transfer_id, line_no, product_id, batch_id, batch_no, expiry, cost_paise, mrp_paise, qty)
     SELECT $1::uuid, * FROM unnest($2::int[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::int[])`,
    [
      p.transferId, p.lines.map((_l, i) => i + 1), p.lines.map((l) => l.productId), p.lines.map((l) => l.batchId), p.lines.map((l) => l.batchNo),
      p.lines.map((l) => l.expiry), p.lines.map((l) => l.costPaise), p.lines.map((l) => l.mrpPaise), p.lines.map((l) => l.qty),
    ],
  );
  // After the transfer and its lines: the feed builds the party rows' document from them.
  const [outId, inId] = newIds(2);
  await tx.query(
    `INSERT INTO stock_transfer_parties (id, transfer_id, branch_id, side) VALUES ($1, $3, $4, 'out'), ($2, $3, $5, 'in')`,
    [outId, inId, p.transferId, ctx.branchId, p.toBranchId],
  );
  const ref = { branchId: ctx.branchId, deviceId: ctx.deviceId, mutationId: ctx.mutationId, refId: p.transferId };
  for (const l of p.lines) {
    ctx.effects.move(
      { branchId: ctx.branchId, batchId: l.batchId, productId: l.productId, kind: 'transfer_out', qty: -l.qty, refId: p.transferId, mutationId: ctx.mutationId, staffId: ctx.actorId, at: ctx.at },
      ref,
    );
  }
  ctx.effects.publish({
    type: 'stock.transfer.sent',
    aggregateId: p.transferId,
    branchId: ctx.branchId,
    payload: { transferId: p.transferId, fromBranchId: ctx.branchId, toBranchId: p.toBranchId, deviceId: ctx.deviceId, lines: p.lines.map((l) => ({ productId: l.productId, batchId: l.batchId, qty: l.qty })) },
  });
  return 'applied';
}

interface TransferRow {
  from_branch_id: string;
  to_branch_id: string;
  status: string;
  received_mutation_id: string | null;
}

export async function applyTransferReceived(tx: Queryable, ctx: MutationContext, p: TransferReceived): Promise<'applied' | 'duplicate'> {
  mustTransfer(ctx);
  const found = await tx.query<TransferRow>('SELECT from_branch_id, to_branch_id, status, received_mutation_id FROM stock_transfers WHERE id = $1 FOR UPDATE', [p.transferId]);
  const t = found.rows[0];
  // A device receives only what it pulled, so the server has it; retry once the sender's push is in.
  if (t === undefined) throw new MutationRejected('transfer.unknown', `Transfer ${p.transferId} is not on the server (yet).`);
  if (t.to_branch_id !== ctx.branchId) throw new MutationRejected('auth.forbidden', 'Only a device of the destination branch may receive this transfer.');
  const lines = await tx.query<{ line_no: number; product_id: string; batch_id: string; qty: number }>(
    'SELECT line_no, product_id, batch_id, qty FROM stock_transfer_lines WHERE transfer_id = $1 ORDER BY line_no',
    [p.transferId],
  );
  if (t.status !== 'in_transit') {
    // Received already, by another counter of the branch (both offline): the first receipt stands
    // and stock enters once. Rewriting this branch's levels of those batches in this transaction
    // lets the second counter confirm its local movements against them, so its shown stock
    // converges to the server's (docs/sync-protocol.md, Shown stock).
    await tx.query('UPDATE stock_levels SET qty = qty WHERE branch_id = $1 AND batch_id = ANY($2::uuid[])', [ctx.branchId, lines.rows.map((l) => l.batch_id)]);
    await flagTransfer(tx, ctx, 'stock.transfer_received_twice', p.transferId, { firstMutationId: t.received_mutation_id });
    return 'duplicate';
  }
  const outcome = receiveOutcome(lines.rows.map((l) => ({ batchId: l.batch_id, qty: l.qty })), p.lines);
  if (!outcome.ok) throw new MutationRejected('input.invalid', outcome.message);

  await tx.query(
    `UPDATE stock_transfer_lines l SET received_qty = x.received FROM unnest($2::uuid[], $3::int[]) AS x(batch_id, received)
      WHERE l.transfer_id = $1 AND l.batch_id = x.batch_id`,
    [p.transferId, outcome.lines.map((l) => l.batchId), outcome.lines.map((l) => l.receivedQty)],
  );
  await tx.query(
    `UPDATE stock_transfers SET status = $2, received_device_id = $3, received_by = $4, received_at = $5, received_note = $6, received_mutation_id = $7 WHERE id = $1`,
    [p.transferId, outcome.status, ctx.deviceId, ctx.actorId, ctx.at, p.note, ctx.mutationId],
  );
  // Both branches pull the received document.
  await tx.query('UPDATE stock_transfer_parties SET version = version + 1 WHERE transfer_id = $1', [p.transferId]);
  for (const [i, l] of outcome.lines.entries()) {
    if (l.receivedQty === 0) continue;
    const productId = lines.rows[i]?.product_id ?? '';
    ctx.effects.move({ branchId: ctx.branchId, batchId: l.batchId, productId, kind: 'transfer_in', qty: l.receivedQty, refId: p.transferId, mutationId: ctx.mutationId, staffId: ctx.actorId, at: ctx.at });
  }
  const differences = outcome.lines.filter((l) => l.differenceQty !== 0);
  if (differences.length > 0) {
    await flagTransfer(tx, ctx, 'stock.transfer_difference', p.transferId, {
      fromBranchId: t.from_branch_id,
      lines: differences.map((l) => ({ batchId: l.batchId, sentQty: l.sentQty, receivedQty: l.receivedQty, differenceQty: l.differenceQty })),
    });
  }
  ctx.effects.publish({
    type: 'stock.transfer.received',
    aggregateId: p.transferId,
    branchId: ctx.branchId,
    payload: { transferId: p.transferId, fromBranchId: t.from_branch_id, toBranchId: ctx.branchId, deviceId: ctx.deviceId, status: outcome.status, lines: outcome.lines },
  });
  return 'applied';
}
