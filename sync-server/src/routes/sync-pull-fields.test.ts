import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-db.js';
import { CHANGE_ROW_FIELDS } from './sync-pull.js';

// The pull reply's serialiser drops any field its schema does not list. A table put on the feed
// with a column missing there reaches the devices without it (this happened to customer_ledger's
// delta): every column of every feed table must be a listed field.
describe('the pull reply schema', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    db = await database.open();
    await migrate(db);
  }, 120_000);
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  it('lists every column of every table on the change feed', async () => {
    const tables = await db.query<{ table_name: string; columns: string }>(`SELECT table_name, columns FROM feed_tables ORDER BY table_name`);
    expect(tables.rows.length).toBeGreaterThan(9);
    const missing: string[] = [];
    for (const t of tables.rows) {
      const view = `feed_shape_${t.table_name}`;
      await db.query(`CREATE TEMP VIEW ${view} AS SELECT ${t.columns} FROM ${t.table_name} r`);
      const cols = await db.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = $1`, [view]);
      expect(cols.rows.length).toBeGreaterThan(0);
      for (const c of cols.rows) if (!CHANGE_ROW_FIELDS.includes(c.column_name)) missing.push(`${t.table_name}.${c.column_name}`);
    }
    expect(missing).toEqual([]);
  });
});
