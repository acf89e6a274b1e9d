import type { ReplicaAppliers } from './replica-appliers.js';

/**
 * Pulled tables of Returns. None is applied to a table of its own: `sale_returns` and
 * `sale_return_lines` (every counter's returns of the branch) land in `replica_rows` as pulled,
 * where the returns lookup reads them (services/return-lookup.ts) and counts this counter's own
 * returns once, by id, against its local credit notes.
 */
export const RETURNS_REPLICA: ReplicaAppliers = {};
