/**
 * SIMILIA_DEMO=1: the same deterministic demo organisation the app loads
 * (shared/src/demo/demo-data.ts, same ids for the same date and seed): branches, staff with
 * their PINs, tax rates, catalogue, batches, and the opening stock at the demo counter's branch.
 */
import { businessDateOf } from '../../shared/src/dates.js';
import { generateDemoData } from '../../shared/src/demo/demo-data.js';
import { seedDemoSchemes } from './schemes/scheme-demo.js';
import type { Db } from './db/db.js';
import { hashSecret } from './auth/secrets.js';

const DEMO_LOCK = 731_245_004;

export interface DemoSeedOptions {
  /** Business date the demo is generated for (ids and expiries depend on it); default: today in India. */
  today?: string;
  skuCount?: number;
  scryptN: number;
}

/** Demo staff log in on a counter with their PIN; their username is their first name, lower-cased. */
export const demoUsername = (name: string): string => (name.split(' ')[0] ?? name).toLowerCase();

/**
 * Loads the demo organisation into a database without branches, in one transaction (concurrent
 * instances serialise on a lock and the second finds branches). Returns false if not empty.
 */
export async function seedDemo(db: Db, options: DemoSeedOptions): Promise<boolean> {
  // Cheap early exit on every later start (generating and hashing costs a second); re-checked under the lock.
  if ((await db.query('SELECT 1 FROM branches LIMIT 1')).rows.length > 0) return false;
  const data = generateDemoData({ today: options.today ?? businessDateOf(Date.now()), ...(options.skuCount === undefined ? {} : { skuCount: options.skuCount }) });
  const pinHashes = await Promise.all(data.staff.map((s) => hashSecret(s.pin, options.scryptN)));
  const loaded = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOCK]);
    if ((await tx.query('SELECT 1 FROM branches LIMIT 1')).rows.length > 0) return false;
    // One statement per table: jsonb_to_recordset keeps thousands of rows to a single round trip.
    const load = (sql: string, rows: readonly object[]) => tx.query(sql, [JSON.stringify(rows)]);
    await load(
      `INSERT INTO branches (id, code, name, state_code, gstin, address, phone)
       SELECT id, code, name, "stateCode", gstin, address, phone FROM jsonb_to_recordset($1::jsonb)
         AS x(id uuid, code text, name text, "stateCode" text, gstin text, address text, phone text)`,
      data.branches,
    );
    await load(
      `INSERT INTO users (id, username, name, role, pin_hash)
       SELECT id, username, name, role, "pinHash" FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, username text, name text, role text, "pinHash" text)`,
      data.staff.map((s, i) => ({ id: s.id, username: demoUsername(s.name), name: s.name, role: s.role, pinHash: pinHashes[i] })),
    );
    await load(
      `INSERT INTO user_branches (user_id, branch_id) SELECT id, "branchId" FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, "branchId" uuid)`,
      data.staff,
    );
    await load(
      `INSERT INTO tax_rates (id, hsn_prefix, category, rate_bp, effective_from, effective_to)
       SELECT id, "hsnPrefix", category, "rateBp", "effectiveFrom", "effectiveTo" FROM jsonb_to_recordset($1::jsonb)
         AS x(id text, "hsnPrefix" text, category text, "rateBp" integer, "effectiveFrom" text, "effectiveTo" text)
       ON CONFLICT (id) DO NOTHING`,
      data.taxRules,
    );
    await load(
      `INSERT INTO products (id, sku, name, remedy, potency, form, pack_size, brand, hsn, tax_category, mrp_paise, barcode)
       SELECT id, sku, name, remedy, potency, form, "packSize", brand, hsn, "taxCategory", "mrpPaise", barcode FROM jsonb_to_recordset($1::jsonb)
         AS x(id uuid, sku text, name text, remedy text, potency text, form text, "packSize" text, brand text, hsn text, "taxCategory" text, "mrpPaise" bigint, barcode text)`,
      data.products,
    );
    await load(
      `INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise)
       SELECT id, "productId", "batchNo", expiry, "costPaise", "mrpPaise" FROM jsonb_to_recordset($1::jsonb)
         AS x(id uuid, "productId" uuid, "batchNo" text, expiry text, "costPaise" bigint, "mrpPaise" bigint)`,
      data.batches,
    );
    // Opening stock: one receipt per batch (the app's movement ids) at the demo counter's branch.
    const stock = data.batches.map((b) => ({ id: b.receiptId, batchId: b.id, productId: b.productId, qty: b.qty }));
    await tx.query(
      `INSERT INTO stock_movements (id, branch_id, batch_id, product_id, kind, qty, at)
       SELECT id, $2, "batchId", "productId", 'receipt', qty, $3 FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, "batchId" uuid, "productId" uuid, qty integer)`,
      [JSON.stringify(stock), data.device.branchId, data.receivedAt],
    );
    await tx.query(
      `INSERT INTO stock_levels (branch_id, batch_id, product_id, qty)
       SELECT $2, "batchId", "productId", qty FROM jsonb_to_recordset($1::jsonb) AS x("batchId" uuid, "productId" uuid, qty integer)`,
      [JSON.stringify(stock), data.device.branchId],
    );
    await seedDemoSchemes(tx, data, options.today ?? businessDateOf(Date.now()));
    return true;
  });
  // Fresh statistics after a bulk load: without them the feed's page query plans a sort of every
  // remaining entry per page (~60 ms a page instead of < 1 ms) until autovacuum gets to it.
  if (loaded) await db.exec('ANALYZE changes; ANALYZE products; ANALYZE batches; ANALYZE stock_levels; ANALYZE sales');
  return loaded;
}
