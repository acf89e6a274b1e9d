import pg from 'pg';
import type { Db, Queryable, QueryResult } from './db.js';

function wrap(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const result = await target.query(sql, [...params]);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      await target.query(sql);
    },
  };
}

/** Real Postgres through a connection pool (`DATABASE_URL`). */
export function openPgDb(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: 5_000 });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const base = wrap(pool);
  return {
    kind: 'postgres',
    query: base.query,
    exec: base.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const value = await fn(wrap(client));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        // A connection whose ROLLBACK failed is in an unknown state: destroy it rather than reuse it.
        client.release(broken);
      }
    },
    listen: (channel, onNotify) => listenOn(connectionString, channel, onNotify),
    close: () => pool.end(),
  };
}

/** A dedicated client for LISTEN, reconnecting (with a pause) whenever it drops. */
async function listenOn(connectionString: string, channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let stopped = false;
  let client: pg.Client | null = null;
  const connect = async (): Promise<void> => {
    while (!stopped) {
      const next = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
      try {
        await next.connect();
        next.on('notification', (message) => {
          if (message.channel === channel) onNotify(message.payload ?? '');
        });
        next.on('error', () => {
          if (client === next) client = null;
          void next.end().catch(() => undefined);
          if (!stopped) setTimeout(() => void connect(), 1_000);
        });
        await next.query(`LISTEN ${channel}`);
        client = next;
        return;
      } catch {
        await next.end().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  };
  await connect();
  return async () => {
    stopped = true;
    const current = client;
    client = null;
    await current?.end().catch(() => undefined);
  };
}
