/**
 * Pulled tables that a back-office feature (issue 5) applies itself, by table name. A table with
 * no applier here (and no case in replica.ts) lands in `replica_rows` as JSON.
 */
import type { Db } from '../store/open-store.js';
import type { PulledChange } from './server-api.js';
import { CUSTOMERS_REPLICA } from './replica-customers.js';
import { IMPORTS_REPLICA } from './replica-imports.js';
import { RETURNS_REPLICA } from './replica-returns.js';
import { SCHEMES_REPLICA } from './replica-schemes.js';
import { SHIFTS_REPLICA } from './replica-shifts.js';
import { STOCK_OFFICE_REPLICA } from './replica-stock-office.js';
import { STOCKTAKE_REPLICA } from './replica-stocktake.js';
import { TRANSFERS_REPLICA } from './replica-transfers.js';

/** Applies one pulled change (inside the page's transaction, foreign keys off). `id` is the row's id. */
export type ReplicaApplier = (db: Db, change: PulledChange, id: string, now: string) => void;

export type ReplicaAppliers = Readonly<Record<string, ReplicaApplier>>;

export function featureApplier(table: string): ReplicaApplier | undefined {
  return FEATURE_APPLIERS[table];
}

const FEATURE_APPLIERS: ReplicaAppliers = {
  ...STOCK_OFFICE_REPLICA,
  ...STOCKTAKE_REPLICA,
  ...TRANSFERS_REPLICA,
  ...RETURNS_REPLICA,
  ...SHIFTS_REPLICA,
  ...CUSTOMERS_REPLICA,
  ...SCHEMES_REPLICA,
  ...IMPORTS_REPLICA,
};
