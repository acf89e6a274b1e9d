import type { SyncStatus } from '../../../../shared/src/api-contract.js';
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

/** The sync chip's data. There is no sync client yet (issue 3), so the device is always offline. */
export function syncStatus(ctx: CoreContext): SyncStatus {
  const pending = stmt(ctx.db, /* sql */ `SELECT COUNT(*) AS n, MIN(at) AS oldest FROM sync_queue WHERE status = 'pending'`).get() as { n: number; oldest: string | null };
  const rejected = stmt(ctx.db, /* sql */ `SELECT id, type, at, last_error_code, last_error_message FROM sync_queue WHERE status = 'rejected' ORDER BY seq`)
    .all() as { id: string; type: string; at: string; last_error_code: string | null; last_error_message: string | null }[];
  return {
    paired: false,
    serverUrl: null,
    lastError: null,
    nextAttemptAt: null,
    progress: null,
    online: false,
    pendingCount: pending.n,
    oldestPendingAt: pending.oldest,
    lastSyncAt: null,
    problems: rejected.map((r) => ({ mutationId: r.id, type: r.type, code: r.last_error_code ?? 'unknown', message: r.last_error_message ?? '', at: r.at })),
  };
}
