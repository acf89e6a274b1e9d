import type { ReplicaAppliers } from './replica-appliers.js';

/** Pulled tables of Goods receipt screen, adjustments with approval, stock alerts, applied to the local store by table name. */
export const STOCK_OFFICE_REPLICA: ReplicaAppliers = {};
