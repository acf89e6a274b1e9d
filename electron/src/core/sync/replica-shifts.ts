import type { ReplicaAppliers } from './replica-appliers.js';

/** Pulled tables of Shifts: float, cash in/out, X and Z reports, applied to the local store by table name. */
export const SHIFTS_REPLICA: ReplicaAppliers = {};
