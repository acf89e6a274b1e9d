import type { ReplicaAppliers } from './replica-appliers.js';

/** Pulled tables of Customer search, history, loyalty points, B2B, applied to the local store by table name. */
export const CUSTOMERS_REPLICA: ReplicaAppliers = {};
