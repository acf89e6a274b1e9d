/**
 * The server side of the fault suite: a private Postgres database, the real sync server in a
 * child process that can be SIGKILLed and restarted on the same port, organisation set-up over
 * the REST API, and the server-side invariants checked after every session.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const PG_HOST = process.env.SIMILIA_TEST_PG_HOST ?? '127.0.0.1';
const ADMIN_URL = `postgres://postgres@${PG_HOST}:5432/postgres`;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ADMIN_PASSWORD = 'fault-suite-admin-1';

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Cluster {
  databaseUrl: string;
  port: number;
  /** A pool on the cluster's database for checks (not used by the server). */
  pool: pg.Pool;
  /** Starts the server (again) on the same port; resolves once it listens. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown hooks, in-flight requests die with it. */
  kill(): Promise<void>;
  running(): boolean;
  restarts: number;
  close(): Promise<void>;
}

export async function startCluster(): Promise<Cluster> {
  const name = `similia_fault_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const databaseUrl = `postgres://postgres@${PG_HOST}:5432/${name}`;
  const port = await freePort();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  // DROP DATABASE … WITH (FORCE) terminates connections: an idle client's error must not escape.
  pool.on('error', () => undefined);
  let child: ChildProcess | null = null;

  const start = async (): Promise<void> => {
    if (child !== null) return;
    const proc = spawn(process.execPath, ['--import', 'tsx', 'integration/fault/server-child.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), SIMILIA_ADMIN_PASSWORD: ADMIN_PASSWORD },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`sync server did not start within 30 s: ${stderr}`)), 30_000);
      proc.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('READY')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`sync server exited with ${code} before listening: ${stderr}`));
      });
    });
    proc.once('exit', () => {
      if (child === proc) child = null;
    });
  };

  const kill = async (): Promise<void> => {
    const proc = child;
    if (proc === null) return;
    child = null;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  };

  try {
    await start();
  } catch (error) {
    await pool.end();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw error;
  }
  const cluster: Cluster = {
    databaseUrl,
    port,
    pool,
    start: async () => {
      if (child !== null) return;
      await start();
      cluster.restarts += 1;
    },
    kill,
    running: () => child !== null,
    restarts: 0,
    close: async () => {
      await kill();
      await pool.end();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
  return cluster;
}

/** A tiny REST client for organisation set-up (the admin API, not the device API). */
export async function api<T>(port: number, method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export async function adminToken(port: number): Promise<string> {
  return (await api<{ accessToken: string }>(port, 'POST', '/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).accessToken;
}

/**
 * A small catalogue shared by every session (the feed is organisation-wide, so every device pulls
 * it): `count` classical products with one long-dated batch each. Inserted as the office's data
 * load would be; the change-feed triggers publish it.
 */
export async function seedCatalogue(pool: pg.Pool, count: number): Promise<{ productId: string; batchId: string; mrpPaise: number }[]> {
  const items = Array.from({ length: count }, (_, i) => ({
    productId: crypto.randomUUID(),
    batchId: crypto.randomUUID(),
    mrpPaise: 5_000 + i * 250,
    i,
  }));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const item of items) {
      await client.query(
        `INSERT INTO products (id, sku, name, remedy, potency, form, pack_size, brand, hsn, tax_category, mrp_paise, barcode)
         VALUES ($1, $2, $3, 'Arnica montana', '30C', 'dilution', '30 ml', 'SBL', '30049014', 'classical', $4, $5)`,
        [item.productId, `FAULT-${item.i}`, `Arnica montana 30C #${item.i}`, item.mrpPaise, `89012345${String(item.i).padStart(5, '0')}`],
      );
      await client.query(`INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise) VALUES ($1, $2, $3, '2031-03-31', $4, $5)`, [
        item.batchId,
        item.productId,
        `FB${item.i}`,
        Math.round(item.mrpPaise / 2),
        item.mrpPaise,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  return items.map(({ productId, batchId, mrpPaise }) => ({ productId, batchId, mrpPaise }));
}

/**
 * Opening stock of `items` at a branch, as the office's stock load would record it: one `receipt`
 * movement (no mutation, no ref) per batch and the level it implies, in one transaction, so
 * level = sum of movements holds from the start.
 */
export async function recordOpeningStock(pool: pg.Pool, branchId: string, items: readonly { productId: string; batchId: string; qty: number }[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const item of items) {
      await client.query(`INSERT INTO stock_movements (branch_id, batch_id, product_id, kind, qty, at) VALUES ($1, $2, $3, 'receipt', $4, now())`, [
        branchId,
        item.batchId,
        item.productId,
        item.qty,
      ]);
      await client.query(
        `INSERT INTO stock_levels (branch_id, product_id, batch_id, qty) VALUES ($1, $2, $3, $4)
         ON CONFLICT (branch_id, batch_id) DO UPDATE SET qty = stock_levels.qty + EXCLUDED.qty`,
        [branchId, item.productId, item.batchId, item.qty],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** Problems with the server's own books: each is a sentence naming the offending rows. */
export async function serverInvariantProblems(pool: pg.Pool, branchIds: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  const levels = await pool.query<{ branch_id: string; batch_id: string; qty: number; sum: string }>(
    `SELECT l.branch_id, l.batch_id, l.qty, COALESCE((SELECT SUM(m.qty) FROM stock_movements m WHERE m.branch_id = l.branch_id AND m.batch_id = l.batch_id), 0) AS sum
     FROM stock_levels l WHERE l.branch_id = ANY($1::uuid[])`,
    [branchIds],
  );
  for (const l of levels.rows) if (Number(l.sum) !== Number(l.qty)) problems.push(`stock level ${l.qty} ≠ sum of movements ${l.sum} for batch ${l.batch_id} at branch ${l.branch_id}`);
  const orphanMovements = await pool.query<{ n: string }>(
    `SELECT COUNT(*) AS n FROM stock_movements m WHERE m.branch_id = ANY($1::uuid[])
       AND NOT EXISTS (SELECT 1 FROM stock_levels l WHERE l.branch_id = m.branch_id AND l.batch_id = m.batch_id)`,
    [branchIds],
  );
  if (Number(orphanMovements.rows[0]?.n) > 0) problems.push(`${orphanMovements.rows[0]?.n} movements have no stock level`);
  // A sale's stock moved exactly once: one 'sale' movement per line.
  const doubleMoved = await pool.query<{ id: string; lines: string; moves: string }>(
    `SELECT s.id, (SELECT COUNT(*) FROM sale_lines sl WHERE sl.sale_id = s.id) AS lines,
            (SELECT COUNT(*) FROM stock_movements m WHERE m.ref_id = s.id AND m.kind = 'sale') AS moves
     FROM sales s WHERE s.branch_id = ANY($1::uuid[])`,
    [branchIds],
  );
  for (const s of doubleMoved.rows) if (s.lines !== s.moves) problems.push(`sale ${s.id} has ${s.lines} lines but ${s.moves} sale movements`);
  return problems;
}
