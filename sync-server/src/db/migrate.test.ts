import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadMigrations, migrate } from './migrate.js';
import type { Db } from './db.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../test-support/test-db.js';
import { testConfig } from '../test-support/test-app.js';

describe('loadMigrations', () => {
  it('reads numbered files in version order', () => {
    const migrations = loadMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_m, i) => i + 1));
  });

  it('refuses a numbering gap so a missing file cannot go unnoticed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'similia-migrations-'));
    try {
      writeFileSync(join(dir, '001_a.sql'), 'SELECT 1;');
      writeFileSync(join(dir, '003_c.sql'), 'SELECT 1;');
      expect(() => loadMigrations(dir)).toThrow(/expected 2/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(BACKENDS)('migrations on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = await database.open();
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  it('applies every migration once on a fresh database and nothing on the next start', async () => {
    const all = loadMigrations().map((m) => m.version);
    expect(await migrate(db)).toEqual(all);
    expect(await migrate(db)).toEqual([]);
    const recorded = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(recorded.rows.map((r) => Number(r.version))).toEqual(all);
  });

  it('rolls a failing migration back entirely, leaving no half-applied schema', async () => {
    const broken = [...loadMigrations(), { version: 99, name: 'broken', sql: 'CREATE TABLE half_done (x int); SELECT * FROM no_such_table;' }];
    await expect(migrate(db, broken)).rejects.toThrow();
    const table = await db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
    expect(table.rows).toHaveLength(0);
    const recorded = await db.query('SELECT 1 FROM schema_migrations WHERE version = 99');
    expect(recorded.rows).toHaveLength(0);
  });

  it('keeps the signing key across restarts so tokens issued before a restart stay valid', async () => {
    const first = await buildApp({ db, config: testConfig() });
    const kid = first.services.keys.signingKey().kid;
    const token = first.services.tokens.signUser({ userId: '01900000-0000-7000-8000-000000000000', role: 'admin' });
    await first.close();
    const second = await buildApp({ db, config: testConfig() });
    expect(second.services.keys.signingKey().kid).toBe(kid);
    expect((await second.services.tokens.verifyUser(token)).ok).toBe(true);
    await second.close();
    const keys = await db.query('SELECT kid FROM signing_keys');
    expect(keys.rows).toHaveLength(1);
  });
});

describe('two server instances starting at once on one fresh Postgres database', () => {
  it('migrate once, share one signing key and one bootstrap admin, and accept each other’s tokens', async () => {
    const database = await createTestDatabase('postgres');
    const [dbA, dbB] = await Promise.all([database.open(), database.open()]);
    try {
      const [a, b] = await Promise.all([buildApp({ db: dbA, config: testConfig() }), buildApp({ db: dbB, config: testConfig() })]);
      const versions = await dbA.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(versions.rows.map((r) => Number(r.version))).toEqual(loadMigrations().map((m) => m.version));
      expect((await dbA.query('SELECT kid FROM signing_keys')).rows).toHaveLength(1);
      expect((await dbA.query(`SELECT id FROM users WHERE username = 'admin'`)).rows).toHaveLength(1);
      const token = a.services.tokens.signUser({ userId: '01900000-0000-7000-8000-000000000000', role: 'admin' });
      expect((await b.services.tokens.verifyUser(token)).ok).toBe(true);
      expect((await b.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await Promise.all([dbA.close(), dbB.close()]);
      await database.drop();
    }
  });
});
