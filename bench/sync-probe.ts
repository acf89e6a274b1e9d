/**
 * Cheap instruments for the sync benchmarks: a `Db` wrapper that times every statement the sync
 * server runs (grouped by statement text), and a `fetch` for the device's ServerApi that times each
 * request to its response headers and to its last body byte. Two `performance.now()` calls per
 * query or request: nothing measurable next to a round trip.
 */
import type { FetchLike } from '../electron/src/core/sync/server-api.js';
import type { Db, Queryable, QueryResult } from '../sync-server/src/db/db.js';

interface Tally {
  n: number;
  ms: number;
  bytes: number;
  maxMs: number;
}

function add(map: Map<string, Tally>, key: string, ms: number, bytes = 0): void {
  const t = map.get(key) ?? { n: 0, ms: 0, bytes: 0, maxMs: 0 };
  t.n += 1;
  t.ms += ms;
  t.maxMs = Math.max(t.maxMs, ms);
  t.bytes += bytes;
  map.set(key, t);
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;

/** Times every statement run through the wrapped Db, and every transaction as a whole. */
export class SqlProbe {
  readonly statements = new Map<string, Tally>();
  transactions: Tally = { n: 0, ms: 0, bytes: 0, maxMs: 0 };
  /** Statements slower than `slowMs`, with when they started (ms since the last reset). */
  readonly slow: { startedMs: number; ms: number; sql: string }[] = [];
  /** Statements in flight at a reset belong to the phase before it and are not counted. */
  private epoch = 0;
  private since = performance.now();

  constructor(private readonly slowMs = 500) {}

  reset(): void {
    this.statements.clear();
    this.transactions = { n: 0, ms: 0, bytes: 0, maxMs: 0 };
    this.slow.length = 0;
    this.epoch += 1;
    this.since = performance.now();
  }

  get statementMs(): number {
    let ms = 0;
    for (const t of this.statements.values()) ms += t.ms;
    return ms;
  }

  wrap(db: Db): Db {
    const timed = (target: Queryable): Queryable => ({
      query: async <T extends object>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> => {
        const t = performance.now();
        const epoch = this.epoch;
        try {
          return await target.query<T>(sql, params);
        } finally {
          const ms = performance.now() - t;
          const key = sql.replace(/\s+/g, ' ').trim().slice(0, 90);
          if (epoch === this.epoch) {
            add(this.statements, key, ms);
            if (ms > this.slowMs) this.slow.push({ startedMs: t - this.since, ms, sql: key });
          }
        }
      },
      exec: (sql: string) => target.exec(sql),
    });
    const base = timed(db);
    return {
      ...db, // kind, close, and whatever else the adapter offers (LISTEN), untimed
      query: base.query,
      exec: base.exec,
      transaction: async <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => {
        const t = performance.now();
        const epoch = this.epoch;
        try {
          return await db.transaction((tx) => fn(timed(tx)));
        } finally {
          if (epoch === this.epoch) {
            this.transactions.n += 1;
            this.transactions.ms += performance.now() - t;
            this.transactions.maxMs = Math.max(this.transactions.maxMs, performance.now() - t);
          }
        }
      },
    };
  }

  /** The `top` statements by total time, one line each. */
  report(top = 8): string[] {
    return [...this.statements]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, top)
      .map(([sql, t]) => `${fmt(t.ms).padStart(9)}  ×${String(t.n).padEnd(4)} max ${t.maxMs.toFixed(0).padStart(4)} ms  ${sql}`);
  }
}

/** Times each request the device makes: to the response headers (server work) and to the end of the body. */
export class HttpProbe {
  readonly calls = new Map<string, Tally & { headersMs: number; encodings: Set<string> }>();

  reset(): void {
    this.calls.clear();
  }

  readonly fetch: FetchLike = async (input, init) => {
    const key = `${init.method ?? 'GET'} ${new URL(input).pathname}`;
    const t = performance.now();
    const res = await fetch(input, init);
    const headersMs = performance.now() - t;
    const text = res.text.bind(res);
    // Own property on this instance only: the client's `response.text()` is timed to its last byte.
    res.text = async () => {
      const body = await text();
      const tally = this.calls.get(key) ?? { n: 0, ms: 0, bytes: 0, maxMs: 0, headersMs: 0, encodings: new Set<string>() };
      tally.encodings.add(res.headers.get('content-encoding') ?? 'identity');
      tally.n += 1;
      tally.ms += performance.now() - t;
      tally.maxMs = Math.max(tally.maxMs, performance.now() - t);
      tally.headersMs += headersMs;
      tally.bytes += Buffer.byteLength(body);
      this.calls.set(key, tally);
      return body;
    };
    return res;
  };

  total(prefix: string): Tally & { headersMs: number } {
    const sum = { n: 0, ms: 0, bytes: 0, maxMs: 0, headersMs: 0 };
    for (const [key, t] of this.calls) {
      if (!key.startsWith(prefix)) continue;
      sum.n += t.n;
      sum.ms += t.ms;
      sum.bytes += t.bytes;
      sum.headersMs += t.headersMs;
      sum.maxMs = Math.max(sum.maxMs, t.maxMs);
    }
    return sum;
  }

  report(): string[] {
    return [...this.calls].map(
      ([key, t]) => `${key}: ×${t.n}, ${fmt(t.headersMs)} to headers, ${fmt(t.ms)} to last byte (max ${t.maxMs.toFixed(0)} ms), ${(t.bytes / 1e6).toFixed(1)} MB decoded (${[...t.encodings].join(', ')})`,
    );
  }
}
