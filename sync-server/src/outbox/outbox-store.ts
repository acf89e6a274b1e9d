/**
 * The outbox table's operations: claim a due batch under a lease, mark published, retry later,
 * dead-letter, replay, list. Every write after the claim names the lease (`claimed_by`), so a
 * publisher whose lease ran out (and whose events another publisher took) changes nothing.
 */
import type { Queryable } from '../db/db.js';

export type OutboxStatus = 'pending' | 'published' | 'dead';

export interface ClaimedEvent {
  id: string;
  type: string;
  aggregateId: string;
  branchId: string | null;
  branchCode: string | null;
  payload: unknown;
  /** ISO instant the event was committed with its mutation. */
  createdAt: string;
  /** Including this one. */
  attempts: number;
}

interface ClaimRow {
  id: string;
  seq: string;
  type: string;
  aggregate_id: string;
  branch_id: string | null;
  branch_code: string | null;
  payload: unknown;
  created_at: Date | string;
  attempts: number;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

export async function claimDue(db: Queryable, options: { publisherId: string; limit: number; leaseMs: number }): Promise<ClaimedEvent[]> {
  const result = await db.query<ClaimRow>(
    /* sql */ `WITH due AS (
       SELECT id FROM outbox
        WHERE status = 'pending' AND next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
        ORDER BY seq
        LIMIT $1
        FOR UPDATE SKIP LOCKED)
     UPDATE outbox o
        SET claimed_by = $2, claimed_until = now() + make_interval(secs => $3::double precision / 1000),
            attempts = o.attempts + 1, first_attempt_at = COALESCE(o.first_attempt_at, now()), last_attempt_at = now()
       FROM due
      WHERE o.id = due.id
     RETURNING o.id, o.seq, o.type, o.aggregate_id, o.branch_id, (SELECT b.code FROM branches b WHERE b.id = o.branch_id) AS branch_code,
               o.payload, o.created_at, o.attempts`,
    [options.limit, options.publisherId, options.leaseMs],
  );
  return result.rows
    .sort((a, b) => Number(a.seq) - Number(b.seq))
    .map((r) => ({
      id: r.id,
      type: r.type,
      aggregateId: r.aggregate_id,
      branchId: r.branch_id,
      branchCode: r.branch_code,
      payload: r.payload,
      createdAt: iso(r.created_at) as string,
      attempts: r.attempts,
    }));
}

export async function markPublished(db: Queryable, publisherId: string, acks: readonly { id: string; seq: number; duplicate: boolean }[]): Promise<void> {
  await db.query(
    /* sql */ `UPDATE outbox o
        SET status = 'published', published_at = now(), stream_seq = a.seq, claimed_by = NULL, claimed_until = NULL, last_error = NULL,
            broker_answer = jsonb_build_object('stream', 'SIMILIA', 'seq', a.seq, 'duplicate', a.dup)
       FROM unnest($1::uuid[], $2::bigint[], $3::boolean[]) AS a(id, seq, dup)
      WHERE o.id = a.id AND o.claimed_by = $4`,
    [acks.map((a) => a.id), acks.map((a) => a.seq), acks.map((a) => a.duplicate), publisherId],
  );
}

export async function scheduleRetry(db: Queryable, publisherId: string, id: string, delayMs: number, error: string, answer: Record<string, unknown> | null): Promise<void> {
  await db.query(
    /* sql */ `UPDATE outbox SET next_attempt_at = now() + make_interval(secs => $3::double precision / 1000), claimed_by = NULL, claimed_until = NULL,
            last_error = $4, broker_answer = $5
      WHERE id = $1 AND claimed_by = $2 AND status = 'pending'`,
    [id, publisherId, delayMs, error.slice(0, 2000), answer === null ? null : JSON.stringify(answer)],
  );
}

export async function markDead(db: Queryable, publisherId: string, id: string, error: string, answer: Record<string, unknown> | null): Promise<void> {
  await db.query(
    /* sql */ `UPDATE outbox SET status = 'dead', claimed_by = NULL, claimed_until = NULL, last_error = $3, broker_answer = $4
      WHERE id = $1 AND claimed_by = $2 AND status = 'pending'`,
    [id, publisherId, error.slice(0, 2000), answer === null ? null : JSON.stringify(answer)],
  );
}

/** Puts a dead (or stuck pending) event back in line under the same id; false when unknown or already published. */
export async function replay(db: Queryable, id: string): Promise<OutboxEntry | null> {
  const result = await db.query<EntryRow>(
    /* sql */ `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = now(), claimed_by = NULL, claimed_until = NULL
      WHERE id = $1 AND status IN ('pending', 'dead')
     RETURNING ${ENTRY_COLUMNS}`,
    [id],
  );
  const row = result.rows[0];
  return row === undefined ? null : toEntry(row);
}

export interface OutboxEntry {
  id: string;
  type: string;
  aggregateId: string;
  branchId: string | null;
  status: OutboxStatus;
  attempts: number;
  createdAt: string;
  firstAttemptAt: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  lastError: string | null;
  brokerAnswer: unknown;
  publishedAt: string | null;
  streamSeq: number | null;
}

interface EntryRow {
  id: string;
  type: string;
  aggregate_id: string;
  branch_id: string | null;
  status: OutboxStatus;
  attempts: number;
  created_at: Date | string;
  first_attempt_at: Date | string | null;
  last_attempt_at: Date | string | null;
  next_attempt_at: Date | string | null;
  last_error: string | null;
  broker_answer: unknown;
  published_at: Date | string | null;
  stream_seq: string | number | null;
}

const ENTRY_COLUMNS = 'id, type, aggregate_id, branch_id, status, attempts, created_at, first_attempt_at, last_attempt_at, next_attempt_at, last_error, broker_answer, published_at, stream_seq';

function toEntry(r: EntryRow): OutboxEntry {
  return {
    id: r.id,
    type: r.type,
    aggregateId: r.aggregate_id,
    branchId: r.branch_id,
    status: r.status,
    attempts: r.attempts,
    createdAt: iso(r.created_at) as string,
    firstAttemptAt: iso(r.first_attempt_at),
    lastAttemptAt: iso(r.last_attempt_at),
    nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
    lastError: r.last_error,
    brokerAnswer: r.broker_answer,
    publishedAt: iso(r.published_at),
    streamSeq: r.stream_seq === null ? null : Number(r.stream_seq),
  };
}

export async function listOutbox(db: Queryable, status: OutboxStatus, limit: number): Promise<{ entries: OutboxEntry[]; total: number }> {
  const [rows, count] = await Promise.all([
    db.query<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM outbox WHERE status = $1 ORDER BY seq DESC LIMIT $2`, [status, limit]),
    db.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE status = $1', [status]),
  ]);
  return { entries: rows.rows.map(toEntry), total: Number(count.rows[0]?.n ?? 0) };
}

export async function outboxCounts(db: Queryable): Promise<Record<OutboxStatus, number>> {
  const result = await db.query<{ status: OutboxStatus; n: string }>(`SELECT status, count(*) AS n FROM outbox WHERE status IN ('pending', 'dead') GROUP BY status`);
  const counts: Record<OutboxStatus, number> = { pending: 0, published: 0, dead: 0 };
  for (const r of result.rows) counts[r.status] = Number(r.n);
  return counts;
}
