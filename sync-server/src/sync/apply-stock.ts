/**
 * `stock.received` and `stock.adjusted`: the document (receipt or adjustment) with its lines, one
 * stock movement per line, new batches, anomalies and an outbox event, under the mutation's
 * savepoint in the push transaction (movements, anomalies and the event go through
 * `ctx.effects`, written at the end of the push). Both are facts of the branch: an unknown
 * product or batch, a lot another counter already received under another batch id, or a level
 * driven negative apply with an anomaly, and so does an adjustment above the approval threshold
 * without a second manager. Only an actor without the right (and, for adjustments, no valid
 * approver), a malformed payload, or an id that belongs to something else is rejected.
 */
import type { Role } from '../../../shared/src/domain.js';
import { paise } from '../../../shared/src/money.js';
import { canAdjustStock, canReceiveStock } from '../../../shared/src/roles.js';
import { adjustmentApproval, DEFAULT_ADJUSTMENT_APPROVAL } from '../../../shared/src/stock-office/adjustment-approval.js';
import type { Queryable } from '../db/db.js';
import type { AnomalyKind } from './anomalies.js';
import { MutationRejected, type MutationContext } from './mutation-context.js';
import type { StockAdjusted, StockReceived } from './mutation-schemas.js';

type Flag = (kind: AnomalyKind, details: Record<string, unknown>) => void;

function flagger(ctx: MutationContext, refId: string): Flag {
  return (kind, details) => ctx.effects.flag({ kind, branchId: ctx.branchId, deviceId: ctx.deviceId, mutationId: ctx.mutationId, refId, details });
}

/**
 * The document row is the second idempotency key (the device may re-queue one receipt under a
 * new mutation id): inserted with ON CONFLICT DO NOTHING, so a concurrent push of the same
 * document waits here and then finds it.
 */
async function claimedOrExisting(tx: Queryable, table: 'stock_receipts' | 'stock_adjustments', claim: { rows: unknown[] }, id: string, ctx: MutationContext): Promise<'claimed' | 'duplicate'> {
  if (claim.rows.length > 0) return 'claimed';
  const owner = await tx.query<{ branch_id: string }>(`SELECT branch_id FROM ${table} WHERE id = $1`, [id]);
  if (owner.rows[0]?.branch_id !== ctx.branchId) throw new MutationRejected('mutation.conflict', 'That document id belongs to another branch.');
  return 'duplicate';
}

export async function applyStockReceived(tx: Queryable, ctx: MutationContext, p: StockReceived): Promise<'applied' | 'duplicate'> {
  if (!canReceiveStock(ctx.actorRole)) {
    throw new MutationRejected('auth.forbidden', `A ${ctx.actorRole} may not receive goods: a pharmacist, manager or admin must.`);
  }
  const productOf = new Map<string, string>();
  for (const [i, l] of p.lines.entries()) {
    if (l.qty + l.freeQty < 1) throw new MutationRejected('input.invalid', `Line ${i + 1}: qty + freeQty must be at least 1.`);
    const named = productOf.get(l.batchId);
    if (named !== undefined && named !== l.productId) throw new MutationRejected('mutation.conflict', `Line ${i + 1}: batch ${l.batchId} is named for two products.`);
    productOf.set(l.batchId, l.productId);
  }
  const claim = await tx.query(
    `INSERT INTO stock_receipts (id, branch_id, device_id, staff_id, supplier, supplier_invoice_no, supplier_invoice_date, at, mutation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [p.receiptId, ctx.branchId, ctx.deviceId, ctx.actorId, p.supplier, p.supplierInvoiceNo, p.supplierInvoiceDate, ctx.at, ctx.mutationId],
  );
  if ((await claimedOrExisting(tx, 'stock_receipts', claim, p.receiptId, ctx)) === 'duplicate') return 'duplicate';
  const flag = flagger(ctx, p.receiptId);

  const batchIds = [...productOf.keys()];
  const existing = await tx.query<{ id: string; product_id: string }>('SELECT id, product_id FROM batches WHERE id = ANY($1::uuid[])', [batchIds]);
  const existingProduct = new Map(existing.rows.map((r) => [r.id, r.product_id]));
  const missing = p.lines.filter((l, i) => !existingProduct.has(l.batchId) && p.lines.findIndex((o) => o.batchId === l.batchId) === i);
  // Locking the products of new lots (NO KEY UPDATE: sales and foreign-key checks pass) makes two
  // receipts of one lot at once serialise, so the later one sees the earlier batch and flags it.
  const known = await tx.query<{ id: string }>('SELECT id FROM products WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE', [
    [...new Set(missing.map((l) => l.productId))],
  ]);
  const knownProducts = new Set(known.rows.map((r) => r.id));
  const toCreate = missing.filter((l) => knownProducts.has(l.productId));
  const created = new Set<string>();
  if (toCreate.length > 0) {
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [toCreate.map((l) => l.batchId), toCreate.map((l) => l.productId), toCreate.map((l) => l.batchNo), toCreate.map((l) => l.expiry), toCreate.map((l) => l.costPaise), toCreate.map((l) => l.mrpPaise)],
    );
    for (const r of inserted.rows) created.add(r.id);
  }
  // A batch id inserted by a concurrent push in the meantime is re-read with the others.
  const raced = toCreate.filter((l) => !created.has(l.batchId)).map((l) => l.batchId);
  if (raced.length > 0) {
    const now = await tx.query<{ id: string; product_id: string }>('SELECT id, product_id FROM batches WHERE id = ANY($1::uuid[])', [raced]);
    for (const r of now.rows) existingProduct.set(r.id, r.product_id);
  }
  for (const [i, l] of p.lines.entries()) {
    const owner = existingProduct.get(l.batchId);
    if (owner !== undefined && owner !== l.productId) throw new MutationRejected('mutation.conflict', `Line ${i + 1}: batch ${l.batchId} belongs to another product.`);
    if (owner === undefined && !created.has(l.batchId)) flag('catalog.product_unknown', { line: i + 1, productId: l.productId, batchId: l.batchId });
  }
  if (created.size > 0) {
    const twins = await tx.query<{ id: string; product_id: string; batch_no: string; others: string[] }>(
      `SELECT b.id, b.product_id, b.batch_no, array_agg(o.id ORDER BY o.id)::text[] AS others
         FROM batches b JOIN batches o ON o.product_id = b.product_id AND o.batch_no = b.batch_no AND o.id <> b.id
        WHERE b.id = ANY($1::uuid[]) GROUP BY b.id, b.product_id, b.batch_no ORDER BY b.id`,
      [[...created]],
    );
    for (const t of twins.rows) flag('stock.batch_duplicate_lot', { batchId: t.id, productId: t.product_id, batchNo: t.batch_no, otherBatchIds: t.others });
  }

  await tx.query(
    `INSERT INTO stock_receipt_lines (receipt_id, line_no, product_id, batch_id, batch_no, expiry, qty, free_qty, cost_paise, mrp_paise)
     SELECT $1::uuid, * FROM unnest($2::int[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::int[], $8::int[], $9::bigint[], $10::bigint[])`,
    [
      p.receiptId, p.lines.map((_l, i) => i + 1), p.lines.map((l) => l.productId), p.lines.map((l) => l.batchId), p.lines.map((l) => l.batchNo),
      p.lines.map((l) => l.expiry), p.lines.map((l) => l.qty), p.lines.map((l) => l.freeQty), p.lines.map((l) => l.costPaise), p.lines.map((l) => l.mrpPaise),
    ],
  );
  for (const l of p.lines) {
    ctx.effects.move({
      branchId: ctx.branchId, batchId: l.batchId, productId: l.productId, kind: 'receipt', qty: l.qty + l.freeQty,
      refId: p.receiptId, mutationId: ctx.mutationId, staffId: ctx.actorId, at: ctx.at,
    });
  }
  ctx.effects.publish({
    type: 'stock.received',
    aggregateId: p.receiptId,
    branchId: ctx.branchId,
    payload: {
      receiptId: p.receiptId, branchId: ctx.branchId, deviceId: ctx.deviceId, supplier: p.supplier, supplierInvoiceNo: p.supplierInvoiceNo,
      supplierInvoiceDate: p.supplierInvoiceDate, lines: p.lines.map((l) => ({ productId: l.productId, batchId: l.batchId, qty: l.qty + l.freeQty, costPaise: l.costPaise })),
    },
  });
  return 'applied';
}

/** Whether `staffId` is an active manager or admin of the branch (one who may approve an adjustment). */
async function isBranchManager(tx: Queryable, branchId: string, staffId: string): Promise<boolean> {
  const approver = await tx.query<{ role: Role; active: boolean }>(
    'SELECT u.role, u.active FROM users u JOIN user_branches ub ON ub.user_id = u.id WHERE u.id = $1 AND ub.branch_id = $2',
    [staffId, branchId],
  );
  const row = approver.rows[0];
  return row !== undefined && row.active && canAdjustStock(row.role);
}

/**
 * Not in anomalies.ts's AnomalyKind union yet (that file belongs to the sync core): an adjustment
 * above the organisation's approval threshold without a second manager, or approved by someone
 * who is not a manager of the branch. The device's threshold is a local setting the server
 * cannot see, so the server judges by DEFAULT_ADJUSTMENT_APPROVAL and flags, never refuses.
 */
const ADJUSTMENT_UNAPPROVED: AnomalyKind = 'stock.adjustment_unapproved';

export async function applyStockAdjusted(tx: Queryable, ctx: MutationContext, p: StockAdjusted): Promise<'applied' | 'duplicate'> {
  for (const [i, l] of p.lines.entries()) {
    if (l.qtyDelta === 0) throw new MutationRejected('input.invalid', `Line ${i + 1}: qtyDelta must not be 0.`);
  }
  // A manager or admin may adjust; anyone else only with an active manager or admin of the branch as approver.
  const secondApprover = p.approvedBy !== null && p.approvedBy !== ctx.actorId && (await isBranchManager(tx, ctx.branchId, p.approvedBy));
  if (!canAdjustStock(ctx.actorRole) && !secondApprover) {
    throw new MutationRejected('auth.forbidden', `A ${ctx.actorRole} may adjust stock only with an active manager or admin of this branch as approvedBy.`);
  }
  const found = await tx.query<{ id: string; product_id: string; cost_paise: string }>('SELECT id, product_id, cost_paise::text FROM batches WHERE id = ANY($1::uuid[])', [
    [...new Set(p.lines.map((l) => l.batchId))],
  ]);
  const batchOf = new Map(found.rows.map((r) => [r.id, r]));
  const need = adjustmentApproval(
    p.lines.map((l) => ({ qtyDelta: l.qtyDelta, costPaise: paise(Number(batchOf.get(l.batchId)?.cost_paise ?? 0)) })),
    DEFAULT_ADJUSTMENT_APPROVAL,
    ctx.actorRole,
  );
  const claim = await tx.query(
    `INSERT INTO stock_adjustments (id, branch_id, device_id, staff_id, reason, note, approved_by, at, mutation_id, value_paise)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [p.adjustmentId, ctx.branchId, ctx.deviceId, ctx.actorId, p.reason, p.note, p.approvedBy, ctx.at, ctx.mutationId, need.valuePaise],
  );
  if ((await claimedOrExisting(tx, 'stock_adjustments', claim, p.adjustmentId, ctx)) === 'duplicate') return 'duplicate';
  const flag = flagger(ctx, p.adjustmentId);

  for (const [i, l] of p.lines.entries()) {
    if (batchOf.get(l.batchId)?.product_id !== l.productId) flag('stock.batch_unknown', { line: i + 1, productId: l.productId, batchId: l.batchId });
  }
  const threshold = { maxValuePaise: DEFAULT_ADJUSTMENT_APPROVAL.maxValuePaise, maxLineUnits: DEFAULT_ADJUSTMENT_APPROVAL.maxLineUnits };
  if (need.aboveThreshold.length > 0 && !secondApprover) {
    flag(ADJUSTMENT_UNAPPROVED, { cause: 'above_threshold', valuePaise: need.valuePaise, largestLineUnits: need.largestLineUnits, ...threshold, approvedBy: p.approvedBy });
  } else if (p.approvedBy !== null && p.approvedBy !== ctx.actorId && !secondApprover) {
    flag(ADJUSTMENT_UNAPPROVED, { cause: 'approver_not_manager', valuePaise: need.valuePaise, approvedBy: p.approvedBy });
  }
  await tx.query(
    `INSERT INTO stock_adjustment_lines (adjustment_id, line_no, product_id, batch_id, qty_delta)
     SELECT $1::uuid, * FROM unnest($2::int[], $3::uuid[], $4::uuid[], $5::int[])`,
    [p.adjustmentId, p.lines.map((_l, i) => i + 1), p.lines.map((l) => l.productId), p.lines.map((l) => l.batchId), p.lines.map((l) => l.qtyDelta)],
  );
  const ref = { branchId: ctx.branchId, deviceId: ctx.deviceId, mutationId: ctx.mutationId, refId: p.adjustmentId };
  for (const l of p.lines) {
    // Only a write-down is flagged: a positive correction of an already negative level helps.
    ctx.effects.move(
      { branchId: ctx.branchId, batchId: l.batchId, productId: l.productId, kind: 'adjustment', qty: l.qtyDelta, refId: p.adjustmentId, mutationId: ctx.mutationId, staffId: ctx.actorId, at: ctx.at },
      l.qtyDelta < 0 ? ref : undefined,
    );
  }
  ctx.effects.publish({
    type: 'stock.adjusted',
    aggregateId: p.adjustmentId,
    branchId: ctx.branchId,
    payload: {
      adjustmentId: p.adjustmentId, branchId: ctx.branchId, deviceId: ctx.deviceId, reason: p.reason, approvedBy: p.approvedBy, valuePaise: need.valuePaise,
      lines: p.lines.map((l) => ({ productId: l.productId, batchId: l.batchId, qtyDelta: l.qtyDelta })),
    },
  });
  return 'applied';
}
