import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-db.js';
import { decodeCursor, encodeCursor, readChanges, START, type FeedPosition } from './change-feed.js';

describe('pull cursor encoding', () => {
  it('round-trips a position and refuses anything it did not produce', () => {
    const p = { xid: '18446744073709551615', seq: '42' };
    expect(decodeCursor(encodeCursor(p))).toEqual(p);
    for (const bad of ['', 'bm9wZQ', Buffer.from('v1:1:').toString('base64url'), Buffer.from('v2:1:2').toString('base64url'), Buffer.from('v1:-1:2').toString('base64url')]) {
      expect(decodeCursor(bad)).toBeUndefined();
    }
  });
});

/** The design this feed replaces: remember the highest sequence value seen. */
async function naivePull(db: Db, afterSeq: number): Promise<{ ids: string[]; last: number }> {
  const result = await db.query<{ row_id: string; seq: string }>(`SELECT row_id, seq::text AS seq FROM changes WHERE table_name = 'branches' AND seq > $1 ORDER BY seq`, [afterSeq]);
  return { ids: result.rows.map((r) => r.row_id), last: Math.max(afterSeq, ...result.rows.map((r) => Number(r.seq))) };
}

describe('the change feed under concurrent transactions on real Postgres', () => {
  let database: TestDatabase;
  let db: Db;
  let url: string;
  let counter = 0;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    db = await database.open();
    await migrate(db);
    url = (await db.query<{ d: string }>('SELECT current_database() AS d')).rows[0]?.d ?? '';
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: `postgres://postgres@${process.env.SIMILIA_TEST_PG_HOST ?? '127.0.0.1'}:5432/${url}` });
    await client.connect();
    return client;
  };
  /** Inserts a branch (an organisation-wide row) in `client`'s open transaction and returns its id. */
  const insertBranch = async (client: pg.Client): Promise<string> => {
    const r = await client.query<{ id: string }>(
      `INSERT INTO branches (id, code, name, state_code) VALUES (gen_random_uuid(), $1, 'Concurrent', '29') RETURNING id`,
      [`C${++counter}-${Math.random().toString(36).slice(2, 8)}`.toUpperCase()],
    );
    return r.rows[0]?.id ?? '';
  };
  const feedIds = async (from: FeedPosition): Promise<{ ids: string[]; cursor: FeedPosition }> => {
    const page = await readChanges(db, '00000000-0000-0000-0000-000000000000', from, 5000);
    return { ids: page.changes.filter((c) => c.table === 'branches').map((c) => String(c.row.id)), cursor: decodeCursor(page.cursor) ?? START };
  };

  /**
   * Pulls until every id in `expected` arrived or 5 s passed. Transactions of other suites running
   * on the same cluster hold the feed back for a moment (xmin is cluster-wide), never forever.
   */
  const drain = async (from: FeedPosition, expected: readonly string[]): Promise<string[]> => {
    const ids: string[] = [];
    const deadline = Date.now() + 5_000;
    let cursor = from;
    do {
      const page = await feedIds(cursor);
      ids.push(...page.ids);
      cursor = page.cursor;
      if (expected.every((id) => ids.includes(id))) break;
      await new Promise((r) => setTimeout(r, 20));
    } while (Date.now() < deadline);
    return ids;
  };

  it('delivers a row whose transaction took the lower sequence value but committed last, which a max-id cursor loses', async () => {
    const startFeed = (await feedIds(START)).cursor;
    const startNaive = (await naivePull(db, 0)).last;
    const [t1, t2] = [await connect(), await connect()];
    try {
      await t1.query('BEGIN');
      const early = await insertBranch(t1); // takes the lower sequence value…
      await t2.query('BEGIN');
      const late = await insertBranch(t2);
      await t2.query('COMMIT'); // …but the other transaction commits first.

      const naiveFirst = await naivePull(db, startNaive);
      const feedFirst = await feedIds(startFeed);
      expect(naiveFirst.ids).toEqual([late]);
      // The feed holds back everything at or above the still-running transaction.
      expect(feedFirst.ids).toEqual([]);

      await t1.query('COMMIT');
      const naiveSecond = await naivePull(db, naiveFirst.last);
      const feedSecond = { ids: await drain(feedFirst.cursor, [early, late]) };
      // The naive design has lost `early` for good: its cursor is already past it.
      expect([...naiveFirst.ids, ...naiveSecond.ids]).not.toContain(early);
      expect([...feedFirst.ids, ...feedSecond.ids].sort()).toEqual([early, late].sort());
    } finally {
      await Promise.all([t1.end(), t2.end()]);
    }
  });

  it('loses nothing while many writers commit in random order under a puller that never stops', async () => {
    const writers = 6;
    const perWriter = 8;
    let seed = 20_250_922;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const written: string[] = [];
    const seen = new Set<string>();
    let cursor = (await feedIds(START)).cursor;
    let writing = true;
    const puller = (async () => {
      while (writing) {
        const page = await feedIds(cursor);
        page.ids.forEach((id) => seen.add(id));
        cursor = page.cursor;
        await new Promise((r) => setTimeout(r, random() * 5));
      }
    })();
    const clients = await Promise.all(Array.from({ length: writers }, () => connect()));
    try {
      await Promise.all(
        clients.map(async (client) => {
          for (let i = 0; i < perWriter; i++) {
            await client.query('BEGIN');
            const id = await insertBranch(client);
            await new Promise((r) => setTimeout(r, random() * 15));
            await client.query('COMMIT');
            written.push(id);
          }
        }),
      );
    } finally {
      writing = false;
      await puller;
      await Promise.all(clients.map((c) => c.end()));
    }
    (await drain(cursor, written.filter((id) => !seen.has(id)))).forEach((id) => seen.add(id));
    expect(written).toHaveLength(writers * perWriter);
    expect(written.filter((id) => !seen.has(id))).toEqual([]);
  });
});
