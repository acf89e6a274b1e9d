/**
 * Reading the change feed (table `changes`, kept by triggers; see migrations/002_sync.sql).
 *
 * Why not "max id seen": sequence values are taken before commit, so a transaction holding id 7
 * can commit after one holding id 8 was pulled, and a cursor at 8 would skip 7 forever. Here every
 * entry carries the xid8 of the transaction that wrote it, entries are ordered by (xid, seq), and a
 * pull only hands out entries whose xid is below the oldest transaction still running
 * (`pg_snapshot_xmin(pg_current_snapshot())`), evaluated in the same statement, hence the same
 * snapshot, as the scan. Every transaction that can still commit has an xid ≥ that bound, or gets
 * one later that is larger still, so nothing at or below a handed-out cursor can appear afterwards.
 */
import type { Queryable } from '../db/db.js';

export const DEFAULT_PULL_LIMIT = 1000;
export const MAX_PULL_LIMIT = 5000;

export interface FeedPosition {
  /** xid8 as decimal text (it exceeds 2^53 in principle). */
  xid: string;
  /** change_seq value as decimal text. */
  seq: string;
}

export interface Change {
  table: string;
  op: 'upsert' | 'delete';
  row: Record<string, unknown>;
  /**
   * Extension: `<xid>:<seq>`, the entry's feed position (xid8 of the transaction that last wrote it,
   * and the sequence value it took). See PushResult.pos for what a device compares it with.
   */
  pos: string;
}

export interface ChangePage {
  changes: Change[];
  cursor: string;
  hasMore: boolean;
  /** Extension, only on the first page of a pull from the beginning with more to come: entries in scope after it (a progress bar). */
  remaining?: number;
}

export const START: FeedPosition = { xid: '0', seq: '0' };
const CURSOR_RE = /^v1:(\d{1,20}):(\d{1,20})$/;

/** Cursors are opaque to clients: base64url of `v1:<xid>:<seq>`. */
export function encodeCursor(p: FeedPosition): string {
  return Buffer.from(`v1:${p.xid}:${p.seq}`).toString('base64url');
}

/** Undefined for anything this server did not hand out. */
export function decodeCursor(cursor: string): FeedPosition | undefined {
  const match = CURSOR_RE.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { xid: match[1], seq: match[2] };
}

/**
 * Parents before children inside a page, so a client can apply a page with foreign keys on as
 * far as the page goes (deletes go last, children first). Across pages a row may still arrive
 * before a parent that was edited later (its entry moved on): see docs/sync-protocol.md.
 */
const TABLE_RANK: Readonly<Record<string, number>> = {
  branches: 0,
  tax_rates: 1,
  products: 2,
  batches: 3,
  users: 4,
  customers: 5,
  stock_levels: 6,
  sales: 7,
  sale_lines: 8,
  sale_payments: 9,
};

function pageOrder(a: Change, b: Change): number {
  if (a.op !== b.op) return a.op === 'upsert' ? -1 : 1;
  const rank = (TABLE_RANK[a.table] ?? 99) - (TABLE_RANK[b.table] ?? 99);
  return a.op === 'upsert' ? rank : -rank;
}

interface ChangeRow {
  table_name: string;
  op: 'upsert' | 'delete';
  row: Record<string, unknown>;
  xid: string;
  seq: string;
}

/**
 * One page of what the device of `branchId` may see after `from`: organisation-wide rows
 * (catalogue, tax rates, customers, branches) and its own branch's rows (stock, sales, staff).
 */
export async function readChanges(db: Queryable, branchId: string, from: FeedPosition, limit: number): Promise<ChangePage> {
  const result = await db.query<ChangeRow>(
    `SELECT table_name, op, row, xid::text AS xid, seq::text AS seq
       FROM changes
      WHERE (xid, seq) > ($1::xid8, $2::bigint)
        AND xid < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
        AND scope IN ('*', $3)
      ORDER BY changes.xid, changes.seq
      LIMIT $4`,
    [from.xid, from.seq, branchId, limit + 1],
  );
  const rows = result.rows.slice(0, limit);
  const last = rows[rows.length - 1];
  const end = last === undefined ? from : { xid: last.xid, seq: last.seq };
  const hasMore = result.rows.length > limit;
  const page: ChangePage = {
    changes: rows.map((r) => ({ table: r.table_name, op: r.op, row: r.row, pos: `${r.xid}:${r.seq}` })).sort(pageOrder),
    cursor: encodeCursor(end),
    hasMore,
  };
  if (hasMore && from.xid === START.xid && from.seq === START.seq) {
    // Only on a first sync's first page: counting what follows every page would cost a range scan
    // per page (quadratic in the catalogue); the client keeps this total for its progress bar.
    const count = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM changes WHERE (xid, seq) > ($1::xid8, $2::bigint) AND scope IN ('*', $3)`,
      [end.xid, end.seq, branchId],
    );
    page.remaining = Number(count.rows[0]?.n ?? 0);
  }
  return page;
}
