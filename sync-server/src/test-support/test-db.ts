/**
 * Test databases for both backends: PGlite in a temp dir, and a uniquely named database on the
 * real Postgres at 127.0.0.1:5432 (user postgres, trust auth), dropped afterwards.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../db/db.js';
import { openPgDb } from '../db/pg-db.js';
import { openPgliteDb } from '../db/pglite-db.js';

export type BackendKind = 'pglite' | 'postgres';
export const BACKENDS: readonly BackendKind[] = ['pglite', 'postgres'];

const PG_HOST = process.env.SIMILIA_TEST_PG_HOST ?? '127.0.0.1';
const PG_ADMIN_URL = `postgres://postgres@${PG_HOST}:5432/postgres`;

export interface TestDatabase {
  kind: BackendKind;
  /** Opens a handle. Postgres allows several at once (several "instances"); PGlite one at a time. */
  open(): Promise<Db>;
  /** Removes the database (Postgres: DROP … WITH (FORCE); PGlite: the temp dir). */
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(kind: BackendKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'similia-server-'));
    cpSync(await pgliteTemplate(), dir, { recursive: true });
    return {
      kind,
      open: () => openPgliteDb(dir),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `similia_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return {
    kind,
    open: async () => openPgDb(`postgres://postgres@${PG_HOST}:5432/${name}`, { max: 4 }),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/**
 * Waits until every transaction that committed before this call is below the feed's horizon.
 * xids are cluster-wide, so another suite's transaction in flight on the same Postgres may hold
 * the change feed back for a moment; tests that expect to see their own writes call this first.
 */
export async function settleFeed(db: Db): Promise<void> {
  const mark = await db.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x');
  const x = mark.rows[0]?.x ?? '0';
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const passed = await db.query<{ ok: boolean }>('SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 AS ok', [x]);
    if (passed.rows[0]?.ok === true) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the change feed did not settle within 10 s');
}

/**
 * A freshly initialised, unmigrated PGlite data directory, made once per PGlite version and
 * machine and copied for every test database: creating one costs about 5 s of initdb under WASM,
 * copying and opening the copy under 1 s. Test files run in separate processes, so the template
 * lives in the temp dir; it is built aside and renamed into place, so concurrent first users
 * never see a half-written one.
 */
async function pgliteTemplate(): Promise<string> {
  const manifest = new URL('../../../node_modules/@electric-sql/pglite/package.json', import.meta.url);
  const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  const template = join(tmpdir(), `similia-pglite-template-${version}`);
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  const building = mkdtempSync(join(tmpdir(), 'similia-pglite-building-'));
  const db = await openPgliteDb(building);
  await db.close();
  try {
    renameSync(building, template);
  } catch {
    // Another process put its template in place first: use that one.
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}
