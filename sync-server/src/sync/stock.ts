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
