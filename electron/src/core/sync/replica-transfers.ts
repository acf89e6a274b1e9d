import type { ReplicaAppliers } from './replica-appliers.js';

/** Pulled tables of Transfers between branches, applied to the local store by table name. */
export const TRANSFERS_REPLICA: ReplicaAppliers = {};
