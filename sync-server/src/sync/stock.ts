import { newIds } from '../auth/secrets.js';
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
 * Appends `movements` to the ledger and moves every level they name by their sum, in ONE
 * statement whose level upsert locks the rows in (branch, batch) order: any two transactions
 * doing this lock in the same order, so they cannot deadlock however many levels each moves.
 * A new level row takes the product of its first movement. Returns the new level per
 * `branchId/batchId`. Ids are time-ordered so ledger rows append at the end of the index.
 */
export async function recordMovements(tx: Queryable, movements: readonly StockMovement[]): Promise<Map<string, number>> {
  const totals = new Map<string, { branchId: string; batchId: string; productId: string; qty: number }>();
  for (const m of movements) {
    const key = `${m.branchId}/${m.batchId}`;
    const seen = totals.get(key);
    if (seen === undefined) totals.set(key, { branchId: m.branchId, batchId: m.batchId, productId: m.productId, qty: m.qty });
    else seen.qty += m.qty;
  }
  const levels = [...totals.values()];
  const m = movements;
  const result = await tx.query<{ branch_id: string; batch_id: string; qty: number }>(
    `WITH ledger AS (
       INSERT INTO stock_movements (id, branch_id, batch_id, product_id, kind, qty, ref_id, mutation_id, staff_id, at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::int[], $7::uuid[], $8::uuid[], $9::uuid[], $10::timestamptz[])
     )
     INSERT INTO stock_levels (branch_id, batch_id, product_id, qty)
     SELECT * FROM unnest($11::uuid[], $12::uuid[], $13::uuid[], $14::int[]) AS x(branch_id, batch_id, product_id, qty)
      ORDER BY x.branch_id, x.batch_id
     ON CONFLICT (branch_id, batch_id) DO UPDATE SET qty = stock_levels.qty + EXCLUDED.qty
     RETURNING branch_id, batch_id, qty`,
    [
      newIds(m.length), m.map((x) => x.branchId), m.map((x) => x.batchId), m.map((x) => x.productId), m.map((x) => x.kind), m.map((x) => x.qty),
      m.map((x) => x.refId ?? null), m.map((x) => x.mutationId ?? null), m.map((x) => x.staffId ?? null), m.map((x) => x.at),
      levels.map((l) => l.branchId), levels.map((l) => l.batchId), levels.map((l) => l.productId), levels.map((l) => l.qty),
    ],
  );
  return new Map(result.rows.map((r) => [`${r.branch_id}/${r.batch_id}`, Number(r.qty)]));
}
