import type { ReplicaAppliers } from './replica-appliers.js';

/** Pulled tables of Schemes and campaigns from the office, applied to the local store by table name. */
export const SCHEMES_REPLICA: ReplicaAppliers = {};
