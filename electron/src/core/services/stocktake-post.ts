/**
 * Posting a count sheet: ONE transaction moves every counted batch by counted − expected-at-
 * snapshot (movement kind 'stocktake', ref_id = the sheet) and queues ONE `stock.counted`
 * mutation. Because only the delta moves, whatever was sold or received after the snapshot stays
 * on top: shown stock after posting = counted + movements after the snapshot.
 */
import type { StaffSummary } from '../../../../shared/src/api-contract.js';
import type { StocktakeSheet } from '../../../../shared/src/api/stocktake-api.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import { canAdjustStock } from '../../../../shared/src/roles.js';
import { postingDeltas, type StockCountedPayload } from '../../../../shared/src/stocktake.js';
import { stmt, writeTx } from '../store/open-store.js';
import { checkPin } from './auth-service.js';
import { newId, nowIso, type CoreContext } from './context.js';
import { enqueueMutation } from './sync-queue.js';
import { mayCount, type StocktakeService } from './stocktake-service.js';

export interface PostApproval {
  managerStaffId?: string | null;
  managerPin?: string | null;
}

/** The manager or admin who confirms: the poster, or a manager whose PIN a pharmacist enters. */
async function approverOf(ctx: CoreContext, staff: StaffSummary, approval: PostApproval): Promise<ApiResult<StaffSummary>> {
  if (canAdjustStock(staff.role)) return ok(staff);
  const allowed = mayCount(staff);
  if (!allowed.ok) return allowed;
  if (approval.managerStaffId == null || approval.managerPin == null) {
    return fail('auth.manager_pin_required', 'Posting a count changes stock: ask a manager to confirm with their PIN.');
  }
  const manager = await checkPin(ctx, approval.managerStaffId, approval.managerPin);
  if (!manager.ok) return manager;
  if (!canAdjustStock(manager.value.role)) return fail('auth.forbidden', `${manager.value.name} is not a manager: a manager must confirm a count.`);
  return manager;
}

function readyToPost(sheets: StocktakeService, id: string): ApiResult<StocktakeSheet> {
  const open = sheets.openSheet(id);
  if (!open.ok) return open;
  const sheet = sheets.sheetOrThrow(id);
  if (sheet.report.totals.counted === 0) return fail('stocktake.nothing_counted', 'Nothing is counted on this sheet yet: count at least one batch, or cancel the sheet.');
  return ok(sheet);
}

export async function postStocktake(ctx: CoreContext, sheets: StocktakeService, staff: StaffSummary, id: string, approval: PostApproval): Promise<ApiResult<StocktakeSheet>> {
  // What is wrong with the sheet is said before anyone is asked for a PIN; checked again below.
  const ready = readyToPost(sheets, id);
  if (!ready.ok) return ready;
  const approver = await approverOf(ctx, staff, approval);
  if (!approver.ok) return approver;
  const db = ctx.db;
  return writeTx(db, () => {
    const again = readyToPost(sheets, id);
    if (!again.ok) return again;
    const sheet = again.value;
    const counted = sheet.items.filter((l) => l.countedQty !== null);
    const at = nowIso(ctx);
    const insertMovement = stmt(db, /* sql */ `INSERT INTO stock_movements (id, batch_id, product_id, kind, qty, ref_id, at, staff_id) VALUES (?, ?, ?, 'stocktake', ?, ?, ?, ?)`);
    const moveLevel = stmt(db, /* sql */ `INSERT INTO batch_stock (batch_id, product_id, qty) VALUES (?, ?, ?) ON CONFLICT (batch_id) DO UPDATE SET qty = qty + excluded.qty`);
    for (const d of postingDeltas(sheet.items)) {
      insertMovement.run(newId(ctx), d.batchId, d.productId, d.delta, id, at, staff.id);
      moveLevel.run(d.batchId, d.productId, d.delta);
    }
    const payload: StockCountedPayload = {
      stocktakeId: id,
      snapshotAt: sheet.snapshotAt,
      brand: sheet.brand,
      form: sheet.form,
      approvedBy: approver.value.id,
      lines: counted.map((l) => ({ productId: l.productId, batchId: l.batchId, expectedQty: l.expectedQty, countedQty: l.countedQty ?? 0 })),
    };
    const mutation = enqueueMutation(ctx, 'stock.counted', staff.id, payload);
    stmt(db, /* sql */ `UPDATE stocktakes SET status = 'posted', posted_at = ?, posted_by = ?, approved_by = ?, mutation_id = ? WHERE id = ?`)
      .run(at, staff.id, approver.value.id, mutation.id, id);
    return ok(sheets.sheetOrThrow(id));
  });
}
