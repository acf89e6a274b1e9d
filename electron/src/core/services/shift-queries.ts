/**
 * Reads of the shift tables (migration 009) and of what a shift covers: this device's sales,
 * credit notes and cash moves within the shift's window. One row mapper per table.
 */
import type { ShiftCashMove, ShiftView } from '../../../../shared/src/api/shifts-api.js';
import { paise } from '../../../../shared/src/money.js';
import type { CashMoveDirection, CashMoveReason, ShiftRefundRow, ShiftSaleRow } from '../../../../shared/src/shifts.js';
import { stmt, type Db } from '../store/open-store.js';

export interface ShiftRow {
  id: string;
  shift_no: number;
  device_id: string;
  branch_id: string;
  staff_id: string;
  staff_name: string;
  opened_at: string;
  float_paise: number;
  status: 'open' | 'closed';
  x_reports: number;
  closed_at: string | null;
  closed_by: string | null;
  z_json: string | null;
}

const SHIFT_SELECT = /* sql */ `SELECT s.id, s.shift_no, s.device_id, s.branch_id, s.staff_id, COALESCE(st.name, '?') AS staff_name, s.opened_at, s.float_paise,
    s.status, s.x_reports, s.closed_at, s.closed_by, s.z_json
  FROM shifts s LEFT JOIN staff st ON st.id = s.staff_id`;

export function openShiftOf(db: Db, deviceId: string): ShiftRow | undefined {
  return stmt(db, `${SHIFT_SELECT} WHERE s.device_id = ? AND s.status = 'open'`).get(deviceId) as ShiftRow | undefined;
}

export function shiftById(db: Db, shiftId: string): ShiftRow | undefined {
  return stmt(db, `${SHIFT_SELECT} WHERE s.id = ?`).get(shiftId) as ShiftRow | undefined;
}

export function recentShifts(db: Db, deviceId: string, limit: number): ShiftRow[] {
  return stmt(db, `${SHIFT_SELECT} WHERE s.device_id = ? ORDER BY s.shift_no DESC LIMIT ?`).all(deviceId, limit) as ShiftRow[];
}

export function nextShiftNo(db: Db, deviceId: string): number {
  const row = stmt(db, /* sql */ `SELECT COALESCE(MAX(shift_no), 0) + 1 AS n FROM shifts WHERE device_id = ?`).get(deviceId) as { n: number };
  return row.n;
}

export function shiftLabel(invoicePrefix: string, shiftNo: number): string {
  return `${invoicePrefix}-S${String(shiftNo).padStart(4, '0')}`;
}

export function toShiftView(row: ShiftRow, invoicePrefix: string): ShiftView {
  return {
    shiftId: row.id,
    shiftNo: row.shift_no,
    label: shiftLabel(invoicePrefix, row.shift_no),
    deviceId: row.device_id,
    staff: { id: row.staff_id, name: row.staff_name },
    openedAt: row.opened_at,
    floatPaise: paise(row.float_paise),
    status: row.status,
    closedAt: row.closed_at,
  };
}

/** The window [from, to] inclusive; ISO instants from toISOString compare as text. */
export interface ShiftWindow {
  deviceId: string;
  from: string;
  to: string;
}

interface SaleJoinRow {
  id: string;
  invoice_no: string;
  status: 'completed' | 'voided';
  void_reason: string | null;
  total_paise: number;
  discount_paise: number;
  taxable_paise: number;
  cgst_paise: number;
  sgst_paise: number;
  igst_paise: number;
  round_off_paise: number;
  method: string | null;
  amount_paise: number | null;
}

/** This device's sales in the window with their payments, as the shift rules take them. */
export function salesIn(db: Db, w: ShiftWindow): ShiftSale[] {
  return grouped(
    stmt(db, `${SALE_SELECT} WHERE s.device_id = ? AND s.at >= ? AND s.at <= ? ORDER BY s.at, s.id, p.rowid`).all(w.deviceId, w.from, w.to) as SaleJoinRow[],
  );
}

/** This device's sales made before the window and voided within it (their cash leaves this drawer). */
export function earlierVoidsIn(db: Db, w: ShiftWindow): ShiftSale[] {
  return grouped(
    stmt(db, `${SALE_SELECT} WHERE s.device_id = ? AND s.at < ? AND s.status = 'voided' AND s.voided_at >= ? AND s.voided_at <= ? ORDER BY s.voided_at, s.id, p.rowid`)
      .all(w.deviceId, w.from, w.from, w.to) as SaleJoinRow[],
  );
}

export type ShiftSale = ShiftSaleRow & { invoiceNo: string; voidReason: string | null; payments: { method: string; amountPaise: number }[] };

const SALE_SELECT = /* sql */ `SELECT s.id, s.invoice_no, s.status, s.void_reason, s.total_paise, s.discount_paise, s.taxable_paise, s.cgst_paise, s.sgst_paise, s.igst_paise,
    s.round_off_paise, p.method, p.amount_paise
  FROM sales s LEFT JOIN sale_payments p ON p.sale_id = s.id`;

function grouped(rows: readonly SaleJoinRow[]): ShiftSale[] {
  const out: ShiftSale[] = [];
  let lastId: string | null = null;
  for (const r of rows) {
    if (r.id !== lastId) {
      lastId = r.id;
      out.push({
        invoiceNo: r.invoice_no,
        voidReason: r.void_reason,
        status: r.status,
        totalPaise: r.total_paise,
        discountPaise: r.discount_paise,
        taxablePaise: r.taxable_paise,
        cgstPaise: r.cgst_paise,
        sgstPaise: r.sgst_paise,
        igstPaise: r.igst_paise,
        roundOffPaise: r.round_off_paise,
        payments: [],
      });
    }
    if (r.method !== null && r.amount_paise !== null) out[out.length - 1]?.payments.push({ method: r.method, amountPaise: r.amount_paise });
  }
  return out;
}

/** Credit notes this device issued in the window (returns, migration 008). */
export function refundsIn(db: Db, w: ShiftWindow): ShiftRefundRow[] {
  return stmt(
    db,
    /* sql */ `SELECT refund_method AS method, total_paise AS totalPaise, taxable_paise AS taxablePaise, cgst_paise AS cgstPaise, sgst_paise AS sgstPaise, igst_paise AS igstPaise
      FROM credit_notes WHERE device_id = ? AND at >= ? AND at <= ? ORDER BY at, id`,
  ).all(w.deviceId, w.from, w.to) as ShiftRefundRow[];
}

export function movesOf(db: Db, shiftId: string): ShiftCashMove[] {
  const rows = stmt(
    db,
    /* sql */ `SELECT m.id, m.direction, m.reason, m.note, m.amount_paise, m.at, COALESCE(st.name, '?') AS staff_name
      FROM shift_cash_moves m LEFT JOIN staff st ON st.id = m.staff_id WHERE m.shift_id = ? ORDER BY m.at, m.id`,
  ).all(shiftId) as { id: string; direction: CashMoveDirection; reason: CashMoveReason; note: string; amount_paise: number; at: string; staff_name: string }[];
  return rows.map((r) => ({ moveId: r.id, direction: r.direction, reason: r.reason, note: r.note, amountPaise: paise(r.amount_paise), at: r.at, staffName: r.staff_name }));
}
