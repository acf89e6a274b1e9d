/**
 * `stock.counted`: a posted count sheet. Each line moves its batch by counted − the level the
 * SERVER's ledger had at the snapshot (movements dated at or before `snapshotAt`), as one
 * movement kind 'stocktake' dated at the snapshot; movements after the snapshot stay on top.
 * Movements dated before the snapshot that reach the ledger later (another counter's offline
 * sale, or a sale earlier in this same push, whose movements are written at the push's end) are
 * absorbed by the trigger of migrations/016_stocktake.sql. Where the counter's expected quantity
 * differs from the server's, the count stands and an anomaly records both (at commit).
 */
import type { Role } from '../../../shared/src/domain.js';
import { canAdjustStock, canReceiveStock } from '../../../shared/src/roles.js';
import { Type, type Static } from 'typebox';
import type { Queryable } from '../db/db.js';
import { Uuid } from '../http/schemas.js';
import { compileStrict } from '../http/validation.js';
import { MutationRejected, type MutationContext } from './mutation-context.js';

export const MAX_STOCKTAKE_LINES = 5000;

/** `StockCountedPayload` of shared/src/stocktake.ts. */
export const StockCountedSchema = Type.Object(
  {
    stocktakeId: Uuid,
    snapshotAt: Type.String({ format: 'date-time' }),
    brand: Type.String({ minLength: 1, maxLength: 100 }),
    form: Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Null()]),
    approvedBy: Uuid,
    lines: Type.Array(
      Type.Object(
        {
          productId: Uuid,
          batchId: Uuid,
          expectedQty: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }),
          countedQty: Type.Integer({ minimum: 0, maximum: 100_000 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_STOCKTAKE_LINES },
    ),
  },
  { additionalProperties: false },
);
export type StockCounted = Static<typeof StockCountedSchema>;
export const checkStockCounted = compileStrict<StockCounted>(StockCountedSchema);

/** Counting is a pharmacist's (or manager's); confirming the count is a manager's or admin's. */
async function mayPost(tx: Queryable, ctx: MutationContext, approvedBy: string): Promise<boolean> {
  if (!canReceiveStock(ctx.actorRole)) return false;
  if (approvedBy === ctx.actorId) return canAdjustStock(ctx.actorRole);
  const approver = await tx.query<{ role: Role; active: boolean }>(
    'SELECT u.role, u.active FROM users u JOIN user_branches ub ON ub.user_id = u.id WHERE u.id = $1 AND ub.branch_id = $2',
    [approvedBy, ctx.branchId],
  );
  const row = approver.rows[0];
  return row !== undefined && row.active && canAdjustStock(row.role);
}

export async function applyStockCounted(tx: Queryable, ctx: MutationContext, p: StockCounted): Promise<'applied' | 'duplicate'> {
  const seen = new Set<string>();
  for (const [i, l] of p.lines.entries()) {
    if (seen.has(l.batchId)) throw new MutationRejected('input.invalid', `Line ${i + 1}: batch ${l.batchId} is counted twice on one sheet.`);
    seen.add(l.batchId);
  }
  if (!(await mayPost(tx, ctx, p.approvedBy))) {
    throw new MutationRejected('auth.forbidden', `A count is entered by a pharmacist, manager or admin and confirmed (approvedBy) by an active manager or admin of this branch; this ${ctx.actorRole} may not post it.`);
  }
  const claim = await tx.query(
    `INSERT INTO stocktakes (id, branch_id, device_id, staff_id, approved_by, brand, form, snapshot_at, at, mutation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [p.stocktakeId, ctx.branchId, ctx.deviceId, ctx.actorId, p.approvedBy, p.brand, p.form, p.snapshotAt, ctx.at, ctx.mutationId],
  );
  if (claim.rows.length === 0) {
    const owner = await tx.query<{ branch_id: string }>('SELECT branch_id FROM stocktakes WHERE id = $1', [p.stocktakeId]);
    if (owner.rows[0]?.branch_id !== ctx.branchId) throw new MutationRejected('mutation.conflict', 'That stocktake id belongs to another branch.');
    return 'duplicate';
  }

  const batchIds = p.lines.map((l) => l.batchId);
  const [levels, found] = await Promise.all([
    tx.query<{ batch_id: string; qty: number }>(
      `SELECT batch_id, COALESCE(SUM(qty), 0)::int AS qty FROM stock_movements
        WHERE branch_id = $1 AND batch_id = ANY($2::uuid[]) AND at <= $3 GROUP BY batch_id`,
      [ctx.branchId, batchIds, p.snapshotAt],
    ),
    tx.query<{ id: string; product_id: string }>('SELECT id, product_id FROM batches WHERE id = ANY($1::uuid[])', [batchIds]),
  ]);
  const atSnapshot = new Map(levels.rows.map((r) => [r.batch_id, Number(r.qty)]));
  const productOf = new Map(found.rows.map((r) => [r.id, r.product_id]));
  const lines = p.lines.map((l, i) => {
    const serverExpected = atSnapshot.get(l.batchId) ?? 0;
    return { ...l, lineNo: i + 1, serverExpected, delta: l.countedQty - serverExpected };
  });
  for (const l of lines) {
    if (productOf.get(l.batchId) !== l.productId) {
      ctx.effects.flag({ kind: 'stock.batch_unknown', branchId: ctx.branchId, deviceId: ctx.deviceId, mutationId: ctx.mutationId, refId: p.stocktakeId, details: { line: l.lineNo, productId: l.productId, batchId: l.batchId } });
    }
  }
  await tx.query(
    `INSERT INTO stocktake_lines (stocktake_id, line_no, branch_id, product_id, batch_id, snapshot_at, device_expected_qty, server_expected_qty, counted_qty, posted_delta)
     SELECT $1::uuid, x.line_no, $2::uuid, x.product_id, x.batch_id, $3::timestamptz, x.dev, x.srv, x.counted, x.delta
       FROM unnest($4::int[], $5::uuid[], $6::uuid[], $7::int[], $8::int[], $9::int[], $10::int[]) AS x(line_no, product_id, batch_id, dev, srv, counted, delta)`,
    [
      p.stocktakeId, ctx.branchId, p.snapshotAt, lines.map((l) => l.lineNo), lines.map((l) => l.productId), lines.map((l) => l.batchId),
      lines.map((l) => l.expectedQty), lines.map((l) => l.serverExpected), lines.map((l) => l.countedQty), lines.map((l) => l.delta),
    ],
  );
  for (const l of lines) {
    if (l.delta === 0) continue;
    ctx.effects.move({
      branchId: ctx.branchId, batchId: l.batchId, productId: l.productId, kind: 'stocktake', qty: l.delta,
      refId: p.stocktakeId, mutationId: ctx.mutationId, staffId: ctx.actorId, at: p.snapshotAt,
    });
  }
  ctx.effects.publish({
    type: 'stock.counted',
    aggregateId: p.stocktakeId,
    branchId: ctx.branchId,
    payload: {
      stocktakeId: p.stocktakeId, branchId: ctx.branchId, deviceId: ctx.deviceId, snapshotAt: p.snapshotAt, brand: p.brand, form: p.form, approvedBy: p.approvedBy,
      lines: lines.map((l) => ({ productId: l.productId, batchId: l.batchId, countedQty: l.countedQty, expectedQty: l.serverExpected, delta: l.delta })),
    },
  });
  return 'applied';
}
