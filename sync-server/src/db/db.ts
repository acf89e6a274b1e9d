/**
 * The one database seam. Everything above this file speaks plain Postgres SQL through `Db`;
 * the two adapters (embedded PGlite, a pg Pool for real Postgres) differ only in plumbing.
 */

/** Result of one statement; rows are plain objects keyed by column name. */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** Something statements can run on: the database itself or an open transaction. */
export interface Queryable {
  /** One statement with `$1…` parameters. */
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `fn` inside BEGIN … COMMIT on one connection; any throw rolls back and is re-thrown.
   * Return a value (not a throw) when work done inside must still commit.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * LISTEN on `channel`: `onNotify` runs for each NOTIFY. Returns a function that stops listening.
   * On Postgres this holds one dedicated connection and re-listens after it drops; a NOTIFY sent
   * while it was down is missed, so listeners also poll.
   */
  listen?(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
