import type { StaffSummary } from '../../../../shared/src/api-contract.js';
import type { Role } from '../../../../shared/src/domain.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import { maxLineDiscountBp } from '../../../../shared/src/roles.js';
import { bytesToHex } from './bytes.js';
import { findDeviceRow, type CoreContext } from './context.js';
import { verifyPin } from './pin-hash.js';
import { stmt } from '../store/open-store.js';

export const MAX_FAILURES_BEFORE_LOCK = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 60 * 60_000;
const SESSION_IDLE_MS = 12 * 60 * 60_000;

interface StaffRow {
  id: string;
  name: string;
  role: Role;
  pin_hash: string;
  branch_id: string;
  active: number;
}

export function toSummary(row: { id: string; name: string; role: Role }): StaffSummary {
  return { id: row.id, name: row.name, role: row.role, maxLineDiscountBp: maxLineDiscountBp(row.role) };
}

/** Lock length after `failures` consecutive failures: 30 s at the 5th, doubling, capped at 1 h. */
export function lockDurationMs(failures: number): number {
  if (failures < MAX_FAILURES_BEFORE_LOCK) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** (failures - MAX_FAILURES_BEFORE_LOCK), MAX_LOCK_MS);
}

export function listStaff(ctx: CoreContext): StaffSummary[] {
  const device = findDeviceRow(ctx);
  if (device === undefined) return []; // not paired yet: nobody can log in here
  const rows = stmt(ctx.db, /* sql */ `SELECT id, name, role FROM staff WHERE branch_id = ? AND active = 1 ORDER BY CASE role WHEN 'cashier' THEN 0 WHEN 'pharmacist' THEN 1 ELSE 2 END, name`)
    .all(device.branch_id) as { id: string; name: string; role: Role }[];
  return rows.map(toSummary);
}

/**
 * Checks a staff member's PIN with persistent lockout. A locked staff member is answered at once,
 * without running scrypt, so a lock also stops the CPU cost of guessing.
 */
export function checkPin(ctx: CoreContext, staffId: string, pin: string): Promise<ApiResult<StaffSummary>> {
  // One attempt per staff member at a time: a burst of parallel guesses cannot all slip in before
  // the fifth failure sets the lock, because each waits for the previous verdict.
  let queues = pinQueues.get(ctx);
  if (queues === undefined) pinQueues.set(ctx, (queues = new Map()));
  const previous = queues.get(staffId) ?? Promise.resolve();
  const attempt = previous.then(() => checkPinNow(ctx, staffId, pin));
  const settled = attempt.then(
    () => undefined,
    () => undefined,
  );
  queues.set(staffId, settled);
  void settled.then(() => {
    if (queues.get(staffId) === settled) queues.delete(staffId);
  });
  return attempt;
}

const pinQueues = new WeakMap<CoreContext, Map<string, Promise<void>>>();

async function checkPinNow(ctx: CoreContext, staffId: string, pin: string): Promise<ApiResult<StaffSummary>> {
  const device = findDeviceRow(ctx);
  if (device === undefined) return fail('device.unpaired', 'This counter is not paired with a sync server yet.');
  const staff = stmt(ctx.db, /* sql */ `SELECT id, name, role, pin_hash, branch_id, active FROM staff WHERE id = ?`).get(staffId) as StaffRow | undefined;
  if (staff === undefined || staff.active !== 1 || staff.branch_id !== device.branch_id) {
    return fail('auth.staff_unknown', 'That staff member is not known at this branch.');
  }
  const state = stmt(ctx.db, /* sql */ `SELECT failed_count, locked_until_ms FROM staff_login_state WHERE staff_id = ?`).get(staffId) as
    | { failed_count: number; locked_until_ms: number | null }
    | undefined;
  const now = ctx.now();
  if (state?.locked_until_ms != null && state.locked_until_ms > now) {
    const retryAfterSeconds = Math.ceil((state.locked_until_ms - now) / 1000);
    return fail('auth.pin_locked', `Too many wrong PINs. ${staff.name} can try again in ${retryAfterSeconds} s, or a manager can help.`, { retryAfterSeconds });
  }
  if (!/^\d{4,8}$/.test(pin) || !(await verifyPin(pin, staff.pin_hash))) {
    const { failed_count: failures } = stmt(ctx.db, /* sql */ `INSERT INTO staff_login_state (staff_id, failed_count, locked_until_ms) VALUES (?, 1, NULL)
        ON CONFLICT (staff_id) DO UPDATE SET failed_count = failed_count + 1 RETURNING failed_count`).get(staffId) as { failed_count: number };
    const lockMs = lockDurationMs(failures);
    if (lockMs > 0) {
      stmt(ctx.db, /* sql */ `UPDATE staff_login_state SET locked_until_ms = ? WHERE staff_id = ?`).run(ctx.now() + lockMs, staffId);
      const retryAfterSeconds = Math.ceil(lockMs / 1000);
      return fail('auth.pin_locked', `Wrong PIN. ${staff.name} is locked for ${retryAfterSeconds} s after ${failures} failed attempts.`, { retryAfterSeconds });
    }
    const attemptsLeft = MAX_FAILURES_BEFORE_LOCK - failures;
    return fail('auth.pin_invalid', `Wrong PIN. ${attemptsLeft} ${attemptsLeft === 1 ? 'attempt' : 'attempts'} left before a lock.`, { attemptsLeft });
  }
  stmt(ctx.db, /* sql */ `DELETE FROM staff_login_state WHERE staff_id = ?`).run(staffId);
  return ok(toSummary(staff));
}

interface Session {
  staff: StaffSummary;
  lastUsedMs: number;
}

/** In-memory sessions: a restart logs everyone out, which is the safe default at a counter. */
export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly ctx: CoreContext) {}

  open(staff: StaffSummary): string {
    const token = bytesToHex(this.ctx.randomBytes(32));
    this.sessions.set(token, { staff, lastUsedMs: this.ctx.now() });
    return token;
  }

  resolve(token: string | null | undefined): StaffSummary | null {
    if (typeof token !== 'string') return null;
    const session = this.sessions.get(token);
    if (session === undefined) return null;
    const now = this.ctx.now();
    if (now - session.lastUsedMs > SESSION_IDLE_MS) {
      this.sessions.delete(token);
      return null;
    }
    session.lastUsedMs = now;
    return session.staff;
  }

  close(token: string | null | undefined): void {
    if (typeof token === 'string') this.sessions.delete(token);
  }
}
