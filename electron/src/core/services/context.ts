import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { businessDateOf } from '../../../../shared/src/dates.js';
import { DEFAULT_NEAR_EXPIRY_DAYS } from '../../../../shared/src/fefo.js';
import { uuidv7 } from '../../../../shared/src/ids.js';
import { stmt, type Db } from '../store/open-store.js';

/** What every service needs: the store, the clock and id source (injected so tests control them). */
export interface CoreContext {
  db: Db;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  nearExpiryDays: number;
  /**
   * Called inside the transaction that queued a mutation (the sync client wakes up; its work runs
   * after the synchronous transaction has committed).
   */
  onMutationQueued: () => void;
}

export function createContext(db: Db, options: { now?: () => number; randomBytes?: (n: number) => Uint8Array; nearExpiryDays?: number } = {}): CoreContext {
  return {
    db,
    now: options.now ?? Date.now,
    randomBytes: options.randomBytes ?? ((n) => new Uint8Array(nodeRandomBytes(n))),
    nearExpiryDays: options.nearExpiryDays ?? DEFAULT_NEAR_EXPIRY_DAYS,
    onMutationQueued: () => undefined,
  };
}

export function newId(ctx: CoreContext): string {
  return uuidv7(ctx.now(), ctx.randomBytes(10));
}

export function nowIso(ctx: CoreContext): string {
  return new Date(ctx.now()).toISOString();
}

export function businessDate(ctx: CoreContext): string {
  return businessDateOf(ctx.now());
}

/** The device row: who this counter is. Present once a store has been provisioned (demo or pairing). */
export interface DeviceRow {
  id: string;
  name: string;
  branch_id: string;
  invoice_prefix: string;
  demo: number;
}

/** Read on every sale, so kept per connection; the statement is cached, the row is small. */
export function deviceRow(ctx: CoreContext): DeviceRow {
  const row = findDeviceRow(ctx);
  if (row === undefined) throw new Error('This store has no device row: provision it (demo data or pairing) before use.');
  return row;
}

/** Undefined on a fresh install until pairing and the first sync have provisioned the store. */
export function findDeviceRow(ctx: CoreContext): DeviceRow | undefined {
  return stmt(ctx.db, /* sql */ `SELECT id, name, branch_id, invoice_prefix, demo FROM device`).get() as DeviceRow | undefined;
}
