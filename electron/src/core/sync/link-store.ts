/**
 * The sync client's rows in the local store: the link to the server (credentials, cursor,
 * progress) and the queue reads and writes the loop needs. Every write that belongs together is
 * one transaction: a new refresh token is stored before it is ever used.
 */
import type { Mutation, MutationType } from '../../../../shared/src/sync-protocol.js';
import { stmt, writeTx, type Db } from '../store/open-store.js';
import { acknowledgeMovements, positionOf } from './replica.js';
import type { PushResult } from './server-api.js';

export interface LinkRow {
  server_url: string;
  device_id: string;
  branch_id: string;
  invoice_prefix: string;
  device_name: string;
  refresh_token: string;
  access_token: string | null;
  access_expires_ms: number | null;
  rotation_id: string | null;
  cursor: string | null;
  initial_done: number;
  rows_received: number;
  rows_total: number | null;
  last_sync_at: string | null;
  broken_code: string | null;
  broken_message: string | null;
}

export function readLink(db: Db): LinkRow | undefined {
  return stmt(db, /* sql */ `SELECT * FROM sync_link`).get() as LinkRow | undefined;
}

export function saveTokens(db: Db, tokens: { accessToken: string; refreshToken: string; accessExpiresMs: number }): void {
  stmt(db, /* sql */ `UPDATE sync_link SET access_token = ?, refresh_token = ?, access_expires_ms = ?, rotation_id = NULL`).run(tokens.accessToken, tokens.refreshToken, tokens.accessExpiresMs);
}

/** The rotation id for the next refresh: the pending one (a retry), or a new one stored first. */
export function rotationIdFor(db: Db, fresh: () => string): string {
  const pending = (stmt(db, /* sql */ `SELECT rotation_id FROM sync_link`).get() as { rotation_id: string | null } | undefined)?.rotation_id ?? null;
  if (pending !== null) return pending;
  const id = fresh();
  stmt(db, /* sql */ `UPDATE sync_link SET rotation_id = ?`).run(id);
  return id;
}

export function dropAccessToken(db: Db): void {
  stmt(db, /* sql */ `UPDATE sync_link SET access_token = NULL, access_expires_ms = NULL`).run();
}

export function markBroken(db: Db, code: string, message: string): void {
  stmt(db, /* sql */ `UPDATE sync_link SET broken_code = ?, broken_message = ?, access_token = NULL`).run(code, message);
}

export function markSynced(db: Db, at: string): void {
  stmt(db, /* sql */ `UPDATE sync_link SET last_sync_at = ?`).run(at);
}

interface QueueRow {
  id: string;
  seq: number;
  type: MutationType;
  at: string;
  actor_id: string;
  payload: string;
}

/** The oldest `limit` mutations still waiting, in seq order, as the wire format. */
export function pendingMutations(db: Db, limit: number): Mutation[] {
  const rows = stmt(db, /* sql */ `SELECT id, seq, type, at, actor_id, payload FROM sync_queue WHERE status = 'pending' ORDER BY seq LIMIT ?`).all(limit) as QueueRow[];
  return rows.map((r) => ({ id: r.id, seq: r.seq, type: r.type, at: r.at, actorId: r.actor_id, payload: JSON.parse(r.payload) as unknown }));
}

/**
 * Records the server's answers in one transaction: applied and duplicate mutations leave the
 * queue (their movements wait for the server level that includes them); rejected ones stay,
 * visible with the reason, until someone retries them.
 */
export function recordPushResults(db: Db, sent: readonly Mutation[], results: readonly PushResult[]): { done: number; rejected: number } {
  if (results.length !== sent.length || results.some((r, i) => r.id !== sent[i]?.id)) {
    throw new Error(`the sync server answered ${results.length} results for ${sent.length} mutations, or out of order`);
  }
  let done = 0;
  let rejected = 0;
  writeTx(db, () => {
    for (const r of results) {
      if (r.status === 'rejected') {
        rejected += 1;
        stmt(db, /* sql */ `UPDATE sync_queue SET status = 'rejected', attempts = attempts + 1, last_error_code = ?, last_error_message = ? WHERE id = ?`)
          .run(r.code ?? 'unknown', r.message ?? 'The server refused this change without a reason.', r.id);
        continue;
      }
      done += 1;
      stmt(db, /* sql */ `DELETE FROM sync_queue WHERE id = ?`).run(r.id);
      acknowledgeMovements(db, r.id, positionOf(r.pos));
    }
  });
  return { done, rejected };
}

export function queueCounts(db: Db): { pending: number; oldestPendingAt: string | null } {
  const row = stmt(db, /* sql */ `SELECT COUNT(*) AS n, MIN(at) AS oldest FROM sync_queue WHERE status = 'pending'`).get() as { n: number; oldest: string | null };
  return { pending: row.n, oldestPendingAt: row.oldest };
}

export function rejectedMutations(db: Db): { id: string; type: string; at: string; last_error_code: string | null; last_error_message: string | null }[] {
  return stmt(db, /* sql */ `SELECT id, type, at, last_error_code, last_error_message FROM sync_queue WHERE status = 'rejected' ORDER BY seq`).all() as {
    id: string;
    type: string;
    at: string;
    last_error_code: string | null;
    last_error_message: string | null;
  }[];
}

/** Puts a rejected mutation back in line (its cause was fixed on the server). False if none. */
export function requeueRejected(db: Db, mutationId: string): boolean {
  return stmt(db, /* sql */ `UPDATE sync_queue SET status = 'pending', last_error_code = NULL, last_error_message = NULL WHERE id = ? AND status = 'rejected'`).run(mutationId).changes === 1;
}

/** Expiry of a JWT from its payload (no verification: the server checks it; this only plans refreshes). */
export function jwtExpiryMs(token: string): number | null {
  const part = token.split('.')[1];
  if (part === undefined) return null;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}
