import type { ReplicaAppliers } from './replica-appliers.js';

/** Pulled tables of Returns against an invoice, credit notes, refunds, store credit, applied to the local store by table name. */
export const RETURNS_REPLICA: ReplicaAppliers = {};
