import Database from 'better-sqlite3';
import { assertUpToDate, loadMigrations, migrate } from './migrator.js';

export type Db = Database.Database;
/** The local store: one better-sqlite3 connection (the single writer, or a read-only reader). */
export type Store = Db;

export interface OpenStoreOptions {
  /** Path of a better-sqlite3 binary built for another ABI (Electron); see docs/native-modules.md. */
  nativeBinding?: string;
  /** A reader (tools, diagnostics): never creates, migrates or writes; the schema must be current. */
  readonly?: boolean;
}

/**
 * Opens (creating when missing) the local store and brings its schema up to date.
 * Durability settings are set on EVERY open and read back: better-sqlite3 silently reopens an
 * existing WAL database at synchronous=NORMAL, which can lose the last committed sale on power loss.
 */
export function openStore(file: string, options: OpenStoreOptions = {}): Store {
  const readonly = options.readonly === true;
  const db = new Database(file, {
    ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
    ...(readonly ? { readonly: true, fileMustExist: true } : {}),
  });
  try {
    // journal_mode is persistent in the file: a reader only checks it, the writer sets it.
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    assertPragma(db, 'journal_mode', 'wal');
    assertPragma(db, 'synchronous', 2);
    assertPragma(db, 'foreign_keys', 1);
    assertPragma(db, 'busy_timeout', 5000);
    if (readonly) assertUpToDate(db, loadMigrations());
    else migrate(db, loadMigrations());
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function assertPragma(db: Db, name: string, expected: string | number): void {
  const actual = db.pragma(name, { simple: true });
  if (actual !== expected) {
    throw new Error(`SQLite pragma ${name} is ${String(actual)}, expected ${String(expected)}; refusing to run without it.`);
  }
}

/** Runs `fn` as one IMMEDIATE transaction (takes the write lock up front: no upgrade deadlocks). */
export function writeTx<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement, compiled once per connection and reused: preparing on every call costs
 * more than the insert itself on the sale path.
 */
export function stmt(db: Db, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (cache === undefined) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let statement = cache.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
