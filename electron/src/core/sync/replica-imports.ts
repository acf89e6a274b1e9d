import type { ReplicaAppliers } from './replica-appliers.js';

/** Pulled tables of CSV import of the catalogue and opening stock, applied to the local store by table name. */
export const IMPORTS_REPLICA: ReplicaAppliers = {};
