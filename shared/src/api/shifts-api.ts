/** App API methods of Shifts: float, cash in/out, X and Z reports (issue 5). Merged into AppApi in ../api-contract.ts. */
import type { Branch } from '../domain.js';
import type { Paise } from '../money.js';
import type { CashMoveDirection, CashMoveReason, DenominationCount, ShiftFigures } from '../shifts.js';

export interface ShiftView {
  shiftId: string;
  /** Consecutive per device. */
  shiftNo: number;
  /** Printed number of the shift (and of its Z report): device invoice prefix + number, e.g. `C1-S0004`. */
  label: string;
  deviceId: string;
  staff: { id: string; name: string };
  openedAt: string;
  floatPaise: Paise;
  status: 'open' | 'closed';
  closedAt: string | null;
}

export interface ShiftCashMove {
  moveId: string;
  direction: CashMoveDirection;
  reason: CashMoveReason;
  note: string;
  amountPaise: Paise;
  at: string;
  staffName: string;
}

/** The shift's open state and its live figures (not a numbered report). */
export interface ShiftState {
  shift: ShiftView;
  figures: ShiftFigures;
  /** Variance above which the close needs a manager's PIN (setting `shifts.varianceApprovalPaise`, default ₹100). */
  thresholdPaise: Paise;
}

export interface ShiftClose {
  countedPaise: Paise;
  expectedPaise: Paise;
  variancePaise: Paise;
  thresholdPaise: Paise;
  counts: DenominationCount;
  closedBy: { id: string; name: string };
  approvedBy: { id: string; name: string } | null;
  note: string;
}

/** An X (mid-shift, read-only) or Z (close) report, as printed. */
export interface ShiftReport {
  kind: 'X' | 'Z';
  /** `X C1-S0004.2` (second X of shift 4) or `Z C1-S0004`. */
  number: string;
  printedAt: string;
  /** The figures cover the shift up to this instant (close time for a Z). */
  upTo: string;
  branch: Branch;
  deviceName: string;
  shift: ShiftView;
  figures: ShiftFigures;
  moves: ShiftCashMove[];
  voids: { invoiceNo: string; totalPaise: Paise; reason: string | null }[];
  close: ShiftClose | null;
}

export interface ShiftsApi {
  /** The open shift of this counter (anyone logged in may see whose it is), or null. */
  'shift.current': { args: Record<string, never>; result: ShiftState | null };
  /** Opens a shift on this counter for the session's staff member with a float counted into the drawer. */
  'shift.open': { args: { floatPaise: number }; result: ShiftState };
  /** Cash into or out of the drawer with a reason (owner of the shift, or a manager). */
  'shift.cashMove': { args: { shiftId: string; direction: CashMoveDirection; reason: CashMoveReason; amountPaise: number; note?: string }; result: ShiftState };
  /** The X report: the shift so far, numbered and timestamped; changes nothing but the X count. */
  'shift.xReport': { args: { shiftId: string }; result: ShiftReport };
  /**
   * Closes the shift with a denomination count and prints the Z report. A variance above the
   * threshold needs a manager's PIN (`shift.approval_required` without one; details carry the figures).
   */
  'shift.close': {
    args: { shiftId: string; counts: DenominationCount; note?: string; managerStaffId?: string | null; managerPin?: string | null };
    result: ShiftReport;
  };
  /** The Z report of a closed shift again (reprint). */
  'shift.zReport': { args: { shiftId: string }; result: ShiftReport };
  /** This counter's recent shifts, newest first. */
  'shift.list': { args: { limit?: number }; result: ShiftView[] };
}

export const SHIFTS_METHODS: readonly (keyof ShiftsApi)[] = ['shift.current', 'shift.open', 'shift.cashMove', 'shift.xReport', 'shift.close', 'shift.zReport', 'shift.list'];

/** Error codes of this feature; part of ErrorCode (../errors.ts). */
export type ShiftsErrorCode =
  | 'shift.none_open'
  | 'shift.already_open'
  | 'shift.unknown'
  | 'shift.closed'
  | 'shift.not_closed'
  | 'shift.count_invalid'
  | 'shift.approval_required';

/** `shift.opened` mutation payload (actor = the shift's owner). */
export interface ShiftOpenedPayload {
  shiftId: string;
  shiftNo: number;
  floatPaise: number;
  openedAt: string;
}

/** `shift.cash_moved` mutation payload (actor = who moved the cash). */
export interface ShiftCashMovedPayload {
  shiftId: string;
  moveId: string;
  direction: CashMoveDirection;
  reason: CashMoveReason;
  note: string;
  amountPaise: number;
}

/**
 * `shift.closed` mutation payload (actor = who closed it). Self-contained (owner, window, float),
 * so the server can check its own sales of that device and window against the device's figures.
 */
export interface ShiftClosedPayload {
  shiftId: string;
  shiftNo: number;
  staffId: string;
  openedAt: string;
  closedAt: string;
  floatPaise: number;
  countedPaise: number;
  expectedPaise: number;
  variancePaise: number;
  thresholdPaise: number;
  approvedBy: string | null;
  counts: Record<string, number>;
  note: string;
  figures: {
    salesCount: number;
    salesTotalPaise: number;
    cashSalesPaise: number;
    cashRefundsPaise: number;
    /** Cash handed back for sales of earlier shifts voided during this one. */
    cashVoidedPaise: number;
    cashInPaise: number;
    cashOutPaise: number;
    discountPaise: number;
    taxablePaise: number;
    cgstPaise: number;
    sgstPaise: number;
    igstPaise: number;
    voidsCount: number;
    returnsCount: number;
    returnsTotalPaise: number;
    payments: { method: string; count: number; amountPaise: number }[];
  };
}
