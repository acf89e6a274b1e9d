import type { ReplicaAppliers } from './replica-appliers.js';

/** Pulled tables of Stocktake count sheets, variance, posting, applied to the local store by table name. */
export const STOCKTAKE_REPLICA: ReplicaAppliers = {};
