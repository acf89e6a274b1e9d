import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTestDirs, testDir } from '../testing/demo-store.js';
import { assertUpToDate, loadMigrations, migrate, SchemaMismatchError } from './migrator.js';
import { openStore } from './open-store.js';

const fresh = (): string => join(testDir('similia-store-'), 'store.db');
afterAll(removeTestDirs);

describe('opening the local store', () => {
  it('creates the schema on a new file and records every migration once', () => {
    const file = fresh();
    openStore(file).close();
    const db = openStore(file); // reopening applies nothing new
    const applied = db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: number }[];
    expect(applied.map((r) => r.id)).toEqual(loadMigrations().map((m) => m.id));
    db.close();
  });

  it('keeps synchronous=FULL and foreign keys on when an existing WAL database is reopened', () => {
    const file = fresh();
    openStore(file).close();
    // better-sqlite3 on its own reopens a WAL database at NORMAL: our open must not.
    const plain = new Database(file);
    expect(plain.pragma('synchronous', { simple: true })).not.toBe(2);
    plain.close();
    const db = openStore(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a database written by a newer version and leaves it unchanged', () => {
    const file = fresh();
    openStore(file).close();
    const db = new Database(file);
    db.prepare(`INSERT INTO schema_migrations (id, name, applied_at) VALUES (999, 'from_the_future', 'x')`).run();
    db.close();
    const before = readFileSync(file);
    expect(() => openStore(file)).toThrow(/newer than this version/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a foreign database that has tables but no migration history', () => {
    const file = fresh();
    const db = new Database(file);
    db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
    db.close();
    expect(() => openStore(file)).toThrow(SchemaMismatchError);
    const check = new Database(file);
    expect(check.prepare(`SELECT COUNT(*) AS n FROM sqlite_schema WHERE name = 'sales'`).get()).toEqual({ n: 0 });
    check.close();
  });

  it('refuses a history whose migration names differ from the files', () => {
    const db = new Database(':memory:');
    migrate(db, [{ id: 1, name: 'initial', sql: 'CREATE TABLE a (x INTEGER)' }]);
    expect(() => migrate(db, [{ id: 1, name: 'something_else', sql: 'CREATE TABLE b (x INTEGER)' }])).toThrow(/written by other software/);
    db.close();
  });

  it('opens a reader that cannot write, and refuses to read a file that is not a current Similia store', () => {
    const file = fresh();
    openStore(file).close();
    const reader = openStore(file, { readonly: true });
    expect(reader.pragma('synchronous', { simple: true })).toBe(2);
    expect(reader.prepare('SELECT COUNT(*) AS n FROM sales').get()).toEqual({ n: 0 });
    expect(() => reader.prepare(`INSERT INTO counters (name, value) VALUES ('x', 1)`).run()).toThrow(/readonly/);
    const next = { id: loadMigrations().length + 1, name: 'next', sql: '' };
    expect(() => assertUpToDate(reader, [...loadMigrations(), next])).toThrow(/open it once for writing/);
    reader.close();
    expect(() => openStore(fresh(), { readonly: true })).toThrow(); // never creates a file
    const foreign = fresh();
    const other = new Database(foreign);
    other.pragma('journal_mode = WAL');
    other.exec('CREATE TABLE t (x INTEGER)');
    other.close();
    expect(() => openStore(foreign, { readonly: true })).toThrow(SchemaMismatchError);
  });
});
