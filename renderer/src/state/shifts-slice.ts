import type { StateCreator } from 'zustand';
import type { ShiftReport, ShiftState } from '../../../shared/src/api/shifts-api.js';
import type { AppError } from '../../../shared/src/errors.js';
import type { CashMoveDirection, CashMoveReason, DenominationCount } from '../../../shared/src/shifts.js';
import { call } from '../api/bridge.js';
import type { AppState } from './store.js';

/** State of Shifts: the counter's open shift (shown in the header too) and a report on screen. */
export interface ShiftsSlice {
  /** The open shift of this counter; undefined until first loaded. */
  shiftState: ShiftState | null | undefined;
  /** An X or Z report on screen (printable), or null. */
  shiftReport: ShiftReport | null;
  loadShift(): Promise<void>;
  openShift(floatPaise: number): Promise<AppError | null>;
  moveCash(args: { direction: CashMoveDirection; reason: CashMoveReason; amountPaise: number; note: string }): Promise<AppError | null>;
  takeXReport(): Promise<AppError | null>;
  closeShift(args: { counts: DenominationCount; note: string; managerStaffId?: string; managerPin?: string }): Promise<AppError | null>;
  reprintZ(shiftId: string): Promise<AppError | null>;
  showShiftReport(report: ShiftReport | null): void;
}

export const createShiftsSlice: StateCreator<AppState, [], [], ShiftsSlice> = (set, get) => ({
  shiftState: undefined,
  shiftReport: null,
  async loadShift() {
    const r = await call('shift.current', {});
    if (r.ok) set({ shiftState: r.value });
  },
  async openShift(floatPaise) {
    const r = await call('shift.open', { floatPaise });
    if (!r.ok) return r.error;
    set({ shiftState: r.value });
    return null;
  },
  async moveCash(args) {
    const shift = get().shiftState?.shift;
    if (shift == null) return { code: 'shift.none_open', message: 'No shift is open on this counter.' };
    const r = await call('shift.cashMove', { shiftId: shift.shiftId, ...args });
    if (!r.ok) return r.error;
    set({ shiftState: r.value });
    return null;
  },
  async takeXReport() {
    const shift = get().shiftState?.shift;
    if (shift == null) return { code: 'shift.none_open', message: 'No shift is open on this counter.' };
    const r = await call('shift.xReport', { shiftId: shift.shiftId });
    if (!r.ok) return r.error;
    set({ shiftReport: r.value });
    return null;
  },
  async closeShift(args) {
    const shift = get().shiftState?.shift;
    if (shift == null) return { code: 'shift.none_open', message: 'No shift is open on this counter.' };
    const r = await call('shift.close', {
      shiftId: shift.shiftId,
      counts: args.counts,
      note: args.note,
      ...(args.managerStaffId !== undefined ? { managerStaffId: args.managerStaffId, managerPin: args.managerPin ?? '' } : {}),
    });
    if (!r.ok) return r.error;
    set({ shiftState: null, shiftReport: r.value });
    return null;
  },
  async reprintZ(shiftId) {
    const r = await call('shift.zReport', { shiftId });
    if (!r.ok) return r.error;
    set({ shiftReport: r.value });
    return null;
  },
  showShiftReport(report) {
    set({ shiftReport: report });
  },
});
