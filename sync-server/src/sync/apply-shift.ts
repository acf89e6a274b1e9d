/**
 * `shift.opened`, `shift.cash_moved`, `shift.closed`: a counter's shift and its drawer, under the
 * mutation's savepoint in the push transaction. A shift is its owner's: only the owner or a
 * manager/admin of the branch may move cash in it or close it (else `auth.forbidden`). Everything
 * else is a fact: the Z figures the device printed stand, and the server recounts the device's
 * sales in the shift's window; a difference, or a variance above the threshold without a
 * manager's approval, is an anomaly, never a refusal.
 */
import type { Role } from '../../../shared/src/domain.js';
import { canApproveShiftVariance, mayActOnShift, varianceNeedsApproval } from '../../../shared/src/shifts.js';
import type { Queryable } from '../db/db.js';
import { MutationRejected, type MutationContext } from './mutation-context.js';
import type { ShiftCashMoved, ShiftClosed, ShiftOpened } from './shifts-mutations.js';

interface ShiftRow {
  branch_id: string;
  device_id: string;
  staff_id: string;
  status: 'open' | 'closed';
}

/** Shift anomalies go straight into `anomalies` (kind is text), atomic with the mutation's savepoint. */
async function flag(tx: Queryable, ctx: MutationContext, kind: string, shiftId: string, details: Record<string, unknown>): Promise<void> {
  await tx.query('INSERT INTO anomalies (kind, branch_id, device_id, mutation_id, ref_id, details) VALUES ($1, $2, $3, $4, $5, $6)', [
    kind, ctx.branchId, ctx.deviceId, ctx.mutationId, shiftId, JSON.stringify(details),
  ]);
}

async function lockShift(tx: Queryable, shiftId: string): Promise<ShiftRow | undefined> {
  const found = await tx.query<ShiftRow>('SELECT branch_id, device_id, staff_id, status FROM shifts WHERE id = $1 FOR UPDATE', [shiftId]);
  return found.rows[0];
}

function mine(ctx: MutationContext, shift: ShiftRow): void {
  if (shift.branch_id !== ctx.branchId) throw new MutationRejected('auth.forbidden', 'That shift belongs to another branch.');
  if (shift.device_id !== ctx.deviceId) throw new MutationRejected('mutation.conflict', 'That shift id belongs to another counter.');
}

function mayAct(ctx: MutationContext, ownerId: string): void {
  if (!mayActOnShift({ id: ctx.actorId, role: ctx.actorRole }, ownerId)) {
    throw new MutationRejected('auth.forbidden', 'Only the shift’s owner or a manager may move cash in it or close it.');
  }
}

export async function applyShiftOpened(tx: Queryable, ctx: MutationContext, p: ShiftOpened): Promise<'applied' | 'duplicate'> {
  const existing = await lockShift(tx, p.shiftId);
  if (existing !== undefined) {
    mine(ctx, existing);
    return 'duplicate';
  }
  const stillOpen = await tx.query<{ id: string }>(`SELECT id FROM shifts WHERE device_id = $1 AND status = 'open' AND id <> $2`, [ctx.deviceId, p.shiftId]);
  await tx.query(
    `INSERT INTO shifts (id, branch_id, device_id, shift_no, staff_id, opened_at, float_paise, opened_mutation_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [p.shiftId, ctx.branchId, ctx.deviceId, p.shiftNo, ctx.actorId, p.openedAt, p.floatPaise, ctx.mutationId],
  );
  // The device allows one open shift at a time; two open here means a close never arrived.
  if (stillOpen.rows.length > 0) await flag(tx, ctx, 'shift.overlap', p.shiftId, { openShiftIds: stillOpen.rows.map((r) => r.id) });
  ctx.effects.publish({ type: 'shift.opened', aggregateId: p.shiftId, branchId: ctx.branchId, payload: { shiftId: p.shiftId, deviceId: ctx.deviceId, staffId: ctx.actorId, floatPaise: p.floatPaise, openedAt: p.openedAt } });
  return 'applied';
}

export async function applyShiftCashMoved(tx: Queryable, ctx: MutationContext, p: ShiftCashMoved): Promise<'applied' | 'duplicate'> {
  const shift = await lockShift(tx, p.shiftId);
  if (shift === undefined) throw new MutationRejected('shift.unknown', `The server has no shift ${p.shiftId}; push its opening first.`);
  mine(ctx, shift);
  mayAct(ctx, shift.staff_id);
  const inserted = await tx.query(
    `INSERT INTO shift_cash_moves (id, shift_id, branch_id, direction, reason, note, amount_paise, at, staff_id, mutation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
    [p.moveId, p.shiftId, ctx.branchId, p.direction, p.reason, p.note, p.amountPaise, ctx.at, ctx.actorId, ctx.mutationId],
  );
  if (inserted.rowCount === 0) return 'duplicate';
  if (shift.status === 'closed') await flag(tx, ctx, 'shift.cash_after_close', p.shiftId, { moveId: p.moveId, amountPaise: p.amountPaise });
  ctx.effects.publish({ type: 'shift.cash_moved', aggregateId: p.shiftId, branchId: ctx.branchId, payload: { ...p, deviceId: ctx.deviceId } });
  return 'applied';
}

interface ServerCount {
  sales: number;
  sales_paise: string;
  cash_paise: string;
}

export async function applyShiftClosed(tx: Queryable, ctx: MutationContext, p: ShiftClosed): Promise<'applied' | 'duplicate'> {
  let shift = await lockShift(tx, p.shiftId);
  if (shift !== undefined) {
    mine(ctx, shift);
    if (shift.status === 'closed') return 'duplicate';
  }
  mayAct(ctx, shift?.staff_id ?? p.staffId);
  if (shift === undefined) {
    // The opening never reached the server (rejected and dropped): the close carries the window.
    await tx.query(`INSERT INTO shifts (id, branch_id, device_id, shift_no, staff_id, opened_at, float_paise) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      p.shiftId, ctx.branchId, ctx.deviceId, p.shiftNo, p.staffId, p.openedAt, p.floatPaise,
    ]);
    shift = { branch_id: ctx.branchId, device_id: ctx.deviceId, staff_id: p.staffId, status: 'open' };
  }
  const counted = await tx.query<ServerCount>(
    `SELECT count(*)::int AS sales, COALESCE(sum(s.total_paise), 0)::text AS sales_paise,
            COALESCE((SELECT sum(sp.amount_paise) FROM sale_payments sp JOIN sales c ON c.id = sp.sale_id
                       WHERE c.device_id = $1 AND c.at >= $2 AND c.at <= $3 AND c.status = 'completed' AND sp.method = 'cash'), 0)::text AS cash_paise
       FROM sales s WHERE s.device_id = $1 AND s.at >= $2 AND s.at <= $3 AND s.status = 'completed'`,
    [ctx.deviceId, p.openedAt, p.closedAt],
  );
  const server = counted.rows[0] ?? { sales: 0, sales_paise: '0', cash_paise: '0' };
  const reported = { salesCount: p.figures.salesCount, salesTotalPaise: p.figures.salesTotalPaise, cashSalesPaise: p.figures.cashSalesPaise };
  const theirs = { salesCount: Number(server.sales), salesTotalPaise: Number(server.sales_paise), cashSalesPaise: Number(server.cash_paise) };
  if (reported.salesCount !== theirs.salesCount || reported.salesTotalPaise !== theirs.salesTotalPaise || reported.cashSalesPaise !== theirs.cashSalesPaise) {
    await flag(tx, ctx, 'shift.totals_mismatch', p.shiftId, { device: reported, server: theirs });
  }
  if (p.approvedBy !== null) {
    const approver = await tx.query<{ role: Role; active: boolean }>(
      'SELECT u.role, u.active FROM users u JOIN user_branches ub ON ub.user_id = u.id WHERE u.id = $1 AND ub.branch_id = $2',
      [p.approvedBy, ctx.branchId],
    );
    const a = approver.rows[0];
    if (a === undefined || !a.active || !canApproveShiftVariance(a.role)) await flag(tx, ctx, 'shift.close_unapproved', p.shiftId, { approvedBy: p.approvedBy, role: a?.role ?? null });
  } else if (varianceNeedsApproval(p.variancePaise, p.thresholdPaise)) {
    await flag(tx, ctx, 'shift.close_unapproved', p.shiftId, { approvedBy: null, variancePaise: p.variancePaise, thresholdPaise: p.thresholdPaise });
  }
  await tx.query(
    `UPDATE shifts SET status = 'closed', closed_at = $2, closed_by = $3, expected_paise = $4, counted_paise = $5, variance_paise = $6, threshold_paise = $7,
            approved_by = $8, counts = $9, note = $10, reported = $11, server_sales_count = $12, server_sales_paise = $13, server_cash_paise = $14, closed_mutation_id = $15
      WHERE id = $1`,
    [
      p.shiftId, p.closedAt, ctx.actorId, p.expectedPaise, p.countedPaise, p.variancePaise, p.thresholdPaise, p.approvedBy, JSON.stringify(p.counts), p.note,
      JSON.stringify(p.figures), theirs.salesCount, theirs.salesTotalPaise, theirs.cashSalesPaise, ctx.mutationId,
    ],
  );
  ctx.effects.publish({
    type: 'shift.closed',
    aggregateId: p.shiftId,
    branchId: ctx.branchId,
    payload: { shiftId: p.shiftId, deviceId: ctx.deviceId, staffId: shift.staff_id, closedAt: p.closedAt, expectedPaise: p.expectedPaise, countedPaise: p.countedPaise, variancePaise: p.variancePaise },
  });
  return 'applied';
}
