import type { Queryable } from '../db/db.js';

export type MovementKind = 'receipt' | 'sale' | 'void' | 'return' | 'adjustment' | 'transfer_out' | 'transfer_in' | 'stocktake';

export interface StockMovement {
  branchId: string;
  batchId: string;
  productId: string;
  kind: MovementKind;
  /** Signed: receipts positive, sales negative. Never 0. */
  qty: number;
  refId?: string | null;
  mutationId?: string | null;
  staffId?: string | null;
  /** ISO instant the movement happened. */
  at: string;
}

/**
 * Appends a movement to the ledger and moves the level by the same amount, in the caller's
 * transaction, so a level is always the sum of its movements. Returns the new level (it may be
 * negative: stock facts are never refused). Callers touching several batches go in batch-id
 * order so concurrent transactions lock levels in one order and cannot deadlock.
 */
export async function recordStockMovement(tx: Queryable, m: StockMovement): Promise<number> {
  await tx.query(
    `INSERT INTO stock_movements (branch_id, batch_id, product_id, kind, qty, ref_id, mutation_id, staff_id, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [m.branchId, m.batchId, m.productId, m.kind, m.qty, m.refId ?? null, m.mutationId ?? null, m.staffId ?? null, m.at],
  );
  const level = await tx.query<{ qty: number }>(
    `INSERT INTO stock_levels (branch_id, product_id, batch_id, qty) VALUES ($1, $2, $3, $4)
     ON CONFLICT (branch_id, batch_id) DO UPDATE SET qty = stock_levels.qty + EXCLUDED.qty
     RETURNING qty`,
    [m.branchId, m.productId, m.batchId, m.qty],
  );
  return Number(level.rows[0]?.qty);
}

/**
 * Moves every level named in `movements` by the sum of its movements, in ONE statement that
 * locks the level rows in (branch, batch) order: any two transactions doing this lock in the
 * same order, so they cannot deadlock however many levels each moves. A new level row takes the
 * product of its first movement. Returns the new level per `branchId/batchId`.
 */
export async function moveLevels(tx: Queryable, movements: readonly StockMovement[]): Promise<Map<string, number>> {
  const totals = new Map<string, { branchId: string; batchId: string; productId: string; qty: number }>();
  for (const m of movements) {
    const key = `${m.branchId}/${m.batchId}`;
    const seen = totals.get(key);
    if (seen === undefined) totals.set(key, { branchId: m.branchId, batchId: m.batchId, productId: m.productId, qty: m.qty });
    else seen.qty += m.qty;
  }
  const rows = [...totals.values()].sort((a, b) => (a.branchId !== b.branchId ? (a.branchId < b.branchId ? -1 : 1) : a.batchId < b.batchId ? -1 : a.batchId > b.batchId ? 1 : 0));
  const result = await tx.query<{ branch_id: string; batch_id: string; qty: number }>(
    `INSERT INTO stock_levels (branch_id, batch_id, product_id, qty)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[]) AS x(branch_id, batch_id, product_id, qty)
      ORDER BY x.branch_id, x.batch_id
     ON CONFLICT (branch_id, batch_id) DO UPDATE SET qty = stock_levels.qty + EXCLUDED.qty
     RETURNING branch_id, batch_id, qty`,
    [rows.map((r) => r.branchId), rows.map((r) => r.batchId), rows.map((r) => r.productId), rows.map((r) => r.qty)],
  );
  return new Map(result.rows.map((r) => [`${r.branch_id}/${r.batch_id}`, Number(r.qty)]));
}
