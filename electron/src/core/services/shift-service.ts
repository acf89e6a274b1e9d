/**
 * Shifts at this counter (issue 5): open with a float, cash in/out with a reason, X report at any
 * time, close with a denomination count and a Z report. One open shift per device (the drawer is
 * the device's); it belongs to the staff member who opened it, and a manager may act on it too.
 * Every fact commits with its mutation (shift.opened, shift.cash_moved, shift.closed).
 */
import type { StaffSummary } from '../../../../shared/src/api-contract.js';
import type { ShiftCashMovedPayload, ShiftClosedPayload, ShiftOpenedPayload, ShiftReport, ShiftState, ShiftView } from '../../../../shared/src/api/shifts-api.js';
import type { Branch } from '../../../../shared/src/domain.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import { formatINR, paise, type Paise } from '../../../../shared/src/money.js';
import {
  canApproveShiftVariance,
  cashVariance,
  countCash,
  isReasonAllowed,
  mayActOnShift,
  shiftFigures,
  VARIANCE_APPROVAL_SETTING,
  varianceNeedsApproval,
  varianceThreshold,
  type CashMoveDirection,
  type CashMoveReason,
  type DenominationCount,
  type ShiftFigures,
} from '../../../../shared/src/shifts.js';
import { stmt, writeTx } from '../store/open-store.js';
import { checkPin } from './auth-service.js';
import { deviceRow, newId, nowIso, type CoreContext } from './context.js';
import { earlierVoidsIn, movesOf, nextShiftNo, openShiftOf, recentShifts, refundsIn, salesIn, shiftById, shiftLabel, toShiftView, type ShiftRow } from './shift-queries.js';
import { enqueueMutation } from './sync-queue.js';

export interface CloseShiftArgs {
  shiftId: string;
  counts: DenominationCount;
  note?: string;
  managerStaffId?: string | null;
  managerPin?: string | null;
}

export class ShiftService {
  constructor(private readonly ctx: CoreContext) {}

  /** Variance above which a close needs a manager (device setting, default ₹100). */
  threshold(): Paise {
    const row = stmt(this.ctx.db, /* sql */ `SELECT value FROM settings WHERE key = ?`).get(VARIANCE_APPROVAL_SETTING) as { value: string } | undefined;
    return varianceThreshold(row === undefined ? undefined : JSON.parse(row.value));
  }

  current(): ShiftState | null {
    const row = openShiftOf(this.ctx.db, deviceRow(this.ctx).id);
    return row === undefined ? null : this.state(row);
  }

  open(staff: StaffSummary, floatPaise: number): ApiResult<ShiftState> {
    const db = this.ctx.db;
    const device = deviceRow(this.ctx);
    return writeTx(db, () => {
      const existing = openShiftOf(db, device.id);
      if (existing !== undefined) {
        return fail('shift.already_open', `${existing.staff_name}'s shift ${shiftLabel(device.invoice_prefix, existing.shift_no)} is still open on this counter; close it first.`);
      }
      const shiftId = newId(this.ctx);
      const shiftNo = nextShiftNo(db, device.id);
      const openedAt = nowIso(this.ctx);
      stmt(db, /* sql */ `INSERT INTO shifts (id, shift_no, device_id, branch_id, staff_id, opened_at, float_paise) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
        shiftId, shiftNo, device.id, device.branch_id, staff.id, openedAt, floatPaise,
      );
      const payload: ShiftOpenedPayload = { shiftId, shiftNo, floatPaise, openedAt };
      enqueueMutation(this.ctx, 'shift.opened', staff.id, payload);
      return ok(this.state(this.mustRow(shiftId)));
    });
  }

  cashMove(staff: StaffSummary, args: { shiftId: string; direction: CashMoveDirection; reason: CashMoveReason; amountPaise: number; note?: string }): ApiResult<ShiftState> {
    const note = (args.note ?? '').trim();
    if (!isReasonAllowed(args.direction, args.reason)) return fail('input.invalid', `${args.reason.replace('_', ' ')} cannot be cash ${args.direction}.`);
    if (args.reason === 'other' && note.length < 3) return fail('input.invalid', 'Say what the cash was for (at least 3 characters) when the reason is Other.');
    const db = this.ctx.db;
    return writeTx(db, () => {
      const row = this.usable(staff, args.shiftId);
      if (!row.ok) return row;
      const moveId = newId(this.ctx);
      stmt(db, /* sql */ `INSERT INTO shift_cash_moves (id, shift_id, direction, reason, note, amount_paise, at, staff_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
        moveId, args.shiftId, args.direction, args.reason, note, args.amountPaise, nowIso(this.ctx), staff.id,
      );
      const payload: ShiftCashMovedPayload = { shiftId: args.shiftId, moveId, direction: args.direction, reason: args.reason, note, amountPaise: args.amountPaise };
      enqueueMutation(this.ctx, 'shift.cash_moved', staff.id, payload);
      return ok(this.state(row.value));
    });
  }

  /** The X report: numbered (X count of the shift), changes nothing else. */
  xReport(staff: StaffSummary, shiftId: string): ApiResult<ShiftReport> {
    const db = this.ctx.db;
    return writeTx(db, () => {
      const row = this.usable(staff, shiftId);
      if (!row.ok) return row;
      const { x_reports: n } = stmt(db, /* sql */ `UPDATE shifts SET x_reports = x_reports + 1 WHERE id = ? RETURNING x_reports`).get(shiftId) as { x_reports: number };
      const upTo = nowIso(this.ctx);
      const prefix = deviceRow(this.ctx).invoice_prefix;
      return ok(this.report('X', `X ${shiftLabel(prefix, row.value.shift_no)}.${n}`, row.value, upTo, null));
    });
  }

  async close(staff: StaffSummary, args: CloseShiftArgs): Promise<ApiResult<ShiftReport>> {
    const counted = countCash(args.counts);
    if (counted.kind === 'invalid') return fail('shift.count_invalid', counted.message, { key: counted.key });
    const first = this.usable(staff, args.shiftId);
    if (!first.ok) return first;
    const threshold = this.threshold();
    const preview = this.figures(first.value, nowIso(this.ctx));
    let approver: StaffSummary | null = null;
    if (varianceNeedsApproval(cashVariance(counted.totalPaise, preview.expectedCashPaise), threshold)) {
      const approved = await this.approve(args, counted.totalPaise, preview.expectedCashPaise, threshold);
      if (!approved.ok) return approved;
      approver = approved.value;
    }
    const db = this.ctx.db;
    return writeTx(db, () => {
      const row = this.usable(staff, args.shiftId);
      if (!row.ok) return row;
      const closedAt = nowIso(this.ctx);
      const figures = this.figures(row.value, closedAt);
      const variance = cashVariance(counted.totalPaise, figures.expectedCashPaise);
      // A sale may have completed at another screen while the PIN was checked: judge the final figures.
      if (approver === null && varianceNeedsApproval(variance, threshold)) return this.approvalRequired(counted.totalPaise, figures.expectedCashPaise, threshold);
      const note = (args.note ?? '').trim().slice(0, 500);
      const counts = Object.fromEntries(Object.entries(args.counts).filter(([, n]) => n !== 0)) as DenominationCount;
      const close = {
        countedPaise: counted.totalPaise,
        expectedPaise: figures.expectedCashPaise,
        variancePaise: variance,
        thresholdPaise: threshold,
        counts,
        closedBy: { id: staff.id, name: staff.name },
        approvedBy: approver === null ? null : { id: approver.id, name: approver.name },
        note,
      };
      const prefix = deviceRow(this.ctx).invoice_prefix;
      const closedRow: ShiftRow = { ...row.value, status: 'closed', closed_at: closedAt, closed_by: staff.id };
      const z = this.report('Z', `Z ${shiftLabel(prefix, row.value.shift_no)}`, closedRow, closedAt, close, figures);
      stmt(db, /* sql */ `UPDATE shifts SET status = 'closed', closed_at = ?, closed_by = ?, expected_paise = ?, counted_paise = ?, variance_paise = ?, counts_json = ?,
          approved_by = ?, close_note = ?, z_json = ? WHERE id = ?`).run(
        closedAt, staff.id, figures.expectedCashPaise, counted.totalPaise, variance, JSON.stringify(counts), approver?.id ?? null, note, JSON.stringify(z), args.shiftId,
      );
      enqueueMutation(this.ctx, 'shift.closed', staff.id, closedPayload(row.value, closedAt, figures, close));
      return ok(z);
    });
  }

  zReport(staff: StaffSummary, shiftId: string): ApiResult<ShiftReport> {
    const row = shiftById(this.ctx.db, shiftId);
    if (row === undefined || row.device_id !== deviceRow(this.ctx).id) return fail('shift.unknown', 'That shift is not on this counter.');
    if (!mayActOnShift(staff, row.staff_id)) return fail('auth.forbidden', `This is ${row.staff_name}'s shift: only they or a manager can see its Z report.`);
    if (row.status !== 'closed' || row.z_json === null) return fail('shift.not_closed', 'That shift is still open: take an X report, or close it for the Z report.');
    return ok({ ...(JSON.parse(row.z_json) as ShiftReport), printedAt: nowIso(this.ctx) });
  }

  list(limit: number): ShiftView[] {
    const device = deviceRow(this.ctx);
    return recentShifts(this.ctx.db, device.id, limit).map((r) => toShiftView(r, device.invoice_prefix));
  }

  private async approve(args: CloseShiftArgs, counted: Paise, expected: Paise, threshold: Paise): Promise<ApiResult<StaffSummary>> {
    if (args.managerStaffId == null || args.managerPin == null) return this.approvalRequired(counted, expected, threshold);
    const manager = await checkPin(this.ctx, args.managerStaffId, args.managerPin);
    if (!manager.ok) return manager;
    if (!canApproveShiftVariance(manager.value.role)) return fail('auth.forbidden', `${manager.value.name} is not a manager: a manager must approve a cash variance.`);
    return manager;
  }

  private approvalRequired<T>(counted: Paise, expected: Paise, threshold: Paise): ApiResult<T> {
    const variance = cashVariance(counted, expected);
    return fail(
      'shift.approval_required',
      `The drawer is ${formatINR(paise(Math.abs(variance)))} ${variance < 0 ? 'short' : 'over'} (counted ${formatINR(counted)}, expected ${formatINR(expected)}): above ${formatINR(threshold)} a manager's PIN must approve the close.`,
      { countedPaise: counted, expectedPaise: expected, variancePaise: variance, thresholdPaise: threshold },
    );
  }

  /** The shift, open, of this device, and the staff member may act on it. */
  private usable(staff: StaffSummary, shiftId: string): ApiResult<ShiftRow> {
    const row = shiftById(this.ctx.db, shiftId);
    if (row === undefined || row.device_id !== deviceRow(this.ctx).id) return fail('shift.unknown', 'That shift is not on this counter.');
    if (row.status !== 'open') return fail('shift.closed', 'That shift is already closed (Z report taken).');
    if (!mayActOnShift(staff, row.staff_id)) return fail('auth.forbidden', `This is ${row.staff_name}'s shift: only they or a manager can use it.`);
    return ok(row);
  }

  private mustRow(shiftId: string): ShiftRow {
    const row = shiftById(this.ctx.db, shiftId);
    if (row === undefined) throw new Error(`shift ${shiftId} vanished inside its transaction`);
    return row;
  }

  private figures(row: ShiftRow, upTo: string): ShiftFigures {
    const w = { deviceId: row.device_id, from: row.opened_at, to: upTo };
    const moves = movesOf(this.ctx.db, row.id).filter((m) => m.at <= upTo);
    return shiftFigures({ floatPaise: row.float_paise, sales: salesIn(this.ctx.db, w), refunds: refundsIn(this.ctx.db, w), moves, earlierVoids: earlierVoidsIn(this.ctx.db, w) });
  }

  private state(row: ShiftRow): ShiftState {
    return { shift: toShiftView(row, deviceRow(this.ctx).invoice_prefix), figures: this.figures(row, nowIso(this.ctx)), thresholdPaise: this.threshold() };
  }

  private report(kind: 'X' | 'Z', number: string, row: ShiftRow, upTo: string, close: ShiftReport['close'], figures = this.figures(row, upTo)): ShiftReport {
    const db = this.ctx.db;
    const device = deviceRow(this.ctx);
    const branch = stmt(db, /* sql */ `SELECT id, code, name, state_code AS stateCode, gstin, address, phone FROM branches WHERE id = ?`).get(row.branch_id) as Branch;
    const w = { deviceId: row.device_id, from: row.opened_at, to: upTo };
    const voids = [...salesIn(db, w).filter((s) => s.status === 'voided'), ...earlierVoidsIn(db, w)].map((s) => ({
      invoiceNo: s.invoiceNo,
      totalPaise: paise(s.totalPaise),
      reason: s.voidReason,
    }));
    return {
      kind,
      number,
      printedAt: nowIso(this.ctx),
      upTo,
      branch,
      deviceName: device.name,
      shift: toShiftView(row, device.invoice_prefix),
      figures,
      moves: movesOf(db, row.id).filter((m) => m.at <= upTo),
      voids,
      close,
    };
  }
}

function closedPayload(row: ShiftRow, closedAt: string, f: ShiftFigures, close: NonNullable<ShiftReport['close']>): ShiftClosedPayload {
  return {
    shiftId: row.id,
    shiftNo: row.shift_no,
    staffId: row.staff_id,
    openedAt: row.opened_at,
    closedAt,
    floatPaise: row.float_paise,
    countedPaise: close.countedPaise,
    expectedPaise: close.expectedPaise,
    variancePaise: close.variancePaise,
    thresholdPaise: close.thresholdPaise,
    approvedBy: close.approvedBy?.id ?? null,
    counts: close.counts as Record<string, number>,
    note: close.note,
    figures: {
      salesCount: f.sales.count,
      salesTotalPaise: f.sales.totalPaise,
      cashSalesPaise: f.cashSalesPaise,
      cashRefundsPaise: f.cashRefundsPaise,
      cashVoidedPaise: f.cashVoidedPaise,
      cashInPaise: f.cashIn.totalPaise,
      cashOutPaise: f.cashOut.totalPaise,
      discountPaise: f.sales.discountPaise,
      taxablePaise: f.sales.tax.taxablePaise,
      cgstPaise: f.sales.tax.cgstPaise,
      sgstPaise: f.sales.tax.sgstPaise,
      igstPaise: f.sales.tax.igstPaise,
      voidsCount: f.voids.count,
      returnsCount: f.returns.count,
      returnsTotalPaise: f.returns.totalPaise,
      payments: f.payments.map((p) => ({ method: p.method, count: p.count, amountPaise: p.amountPaise })),
    },
  };
}
