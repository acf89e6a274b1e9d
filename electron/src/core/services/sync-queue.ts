import type { MutationType } from '../../../../shared/src/sync-protocol.js';
import { newId, nowIso, type CoreContext } from './context.js';
import { stmt } from '../store/open-store.js';

/**
 * Queues a mutation for the sync client. Call it INSIDE the transaction that records the fact,
 * so the fact and its mutation commit together or not at all. `seq` comes from a counter that
 * never goes back, even after acknowledged rows are deleted.
 */
export function enqueueMutation(ctx: CoreContext, type: MutationType, actorId: string, payload: unknown): { id: string; seq: number } {
  const { value: seq } = stmt(ctx.db, /* sql */ `UPDATE counters SET value = value + 1 WHERE name = 'sync_seq' RETURNING value`).get() as { value: number };
  const id = newId(ctx);
  stmt(ctx.db, /* sql */ `INSERT INTO sync_queue (id, seq, type, at, actor_id, payload) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(id, seq, type, nowIso(ctx), actorId, JSON.stringify(payload));
  // The stock movements this transaction recorded belong to this mutation: until the server's
  // level includes them, the shown level adds them to it (electron/src/core/sync/replica.ts).
  stmt(ctx.db, /* sql */ `UPDATE stock_movements SET mutation_id = ? WHERE unconfirmed = 1 AND mutation_id IS NULL`).run(id);
  ctx.onMutationQueued();
  return { id, seq };
}
