import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';

/** One numbered migration file, `NNN_name.sql`. */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** Reads the numbered `.sql` files that sit beside this module (the build copies them). */
export function loadMigrations(dir: string = fileURLToPath(new URL('./migrations/', import.meta.url))): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: MIGRATION_FILE.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => ({ id: Number(match[1]), name: match[2] ?? file, sql: readFileSync(`${dir}/${file}`, 'utf8') }))
    .sort((a, b) => a.id - b.id);
  migrations.forEach((m, index) => {
    if (m.id !== index + 1) throw new Error(`Migration files must be numbered 001, 002, … without gaps; found ${String(m.id).padStart(3, '0')}_${m.name}.sql at position ${index + 1}.`);
  });
  return migrations;
}

/** Thrown when the database was written by other code: refusing is safer than guessing. */
export class SchemaMismatchError extends Error {
  override name = 'SchemaMismatchError';
}

/**
 * Applies pending migrations, each in its own immediate transaction. Refuses a database whose
 * applied migrations are not a prefix of `migrations` (a foreign schema, or a newer app's).
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): { applied: number[] } {
  db.exec(/* sql */ `CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const done = appliedMigrations(db);
  if (done.length === 0) refuseForeignTables(db);
  assertKnownHistory(done, migrations);
  const record = db.prepare(/* sql */ `INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)`);
  const applied: number[] = [];
  for (const migration of migrations.slice(done.length)) {
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.id, migration.name, new Date().toISOString());
    }).immediate();
    applied.push(migration.id);
  }
  return { applied };
}

/**
 * For a read-only connection, which cannot migrate: the database must be exactly at the schema
 * this code knows, neither behind nor ahead nor foreign.
 */
export function assertUpToDate(db: Database.Database, migrations: readonly Migration[]): void {
  const hasHistory = db.prepare(/* sql */ `SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).get() !== undefined;
  if (!hasHistory) throw new SchemaMismatchError('This file has no Similia migration history: it is not a Similia store (or was never opened for writing).');
  const done = appliedMigrations(db);
  assertKnownHistory(done, migrations);
  if (done.length < migrations.length) {
    throw new SchemaMismatchError(`This database is at migration ${done.length}, this app needs ${migrations.length}: open it once for writing to migrate it.`);
  }
}

function appliedMigrations(db: Database.Database): { id: number; name: string }[] {
  return db.prepare(/* sql */ `SELECT id, name FROM schema_migrations ORDER BY id`).all() as { id: number; name: string }[];
}

function assertKnownHistory(done: readonly { id: number; name: string }[], migrations: readonly Migration[]): void {
  done.forEach((row, index) => {
    const known = migrations[index];
    if (known === undefined) {
      throw new SchemaMismatchError(
        `This database has migration ${row.id} (${row.name}), newer than this version of Similia knows (latest ${migrations.length}). Update the app; the database was not changed.`,
      );
    }
    if (known.id !== row.id || known.name !== row.name) {
      throw new SchemaMismatchError(
        `This database's migration ${row.id} (${row.name}) does not match this app's (${known.id} ${known.name}): it was written by other software. The database was not changed.`,
      );
    }
  });
}

function refuseForeignTables(db: Database.Database): void {
  const tables = db
    .prepare(/* sql */ `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'`)
    .all() as { name: string }[];
  if (tables.length > 0) {
    throw new SchemaMismatchError(
      `This file already holds tables (${tables.map((t) => t.name).slice(0, 5).join(', ')}) but no Similia migration history: it is not a Similia store. It was not changed.`,
    );
  }
}
