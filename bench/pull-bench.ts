/**
 * The device's sync client against the real sync server (Fastify on a private Postgres database,
 * over HTTP on loopback; both in this process), with a real SQLite store:
 *
 * - initial_pull_rows_per_s / initial_sync_<N>k_products_s: a fresh install paired with
 *   `sync.pair`, timed until `app.info` answers (the first sync is done), on a catalogue of N
 *   products, each with one batch and a stock level at the device's branch (3 feed rows each).
 *   Baseline: a raw SELECT of the same feed rows from Postgres plus raw batched INSERTs of them
 *   into an empty store (same schema, same tables the client writes, FTS rows included).
 * - offline_week_catchup_s: the same device reopened with sync off sells S sales (1–5 lines,
 *   through `sale.quote` + `sale.complete`), then is reopened with sync on (client defaults:
 *   pushBatch 200, pullLimit 2000), timed until nothing is pending, every movement is confirmed by
 *   a pulled server level, and the server has every sale. Baseline: the same sales' rows written by
 *   raw batched SQL into the same Postgres database (200 sales per transaction, as the client pushes).
 *
 * The bulk-loaded tables are ANALYZEd before the pull (steady state; `analyze: false` shows a
 * server right after an import). Server, device and the benchmark share one Node process, so
 * the pull's server and device halves run one after the other, as the client's loop does anyway.
 * Server statements and device requests are timed as they run (bench/sync-probe.ts), so each
 * figure comes with where its time went.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppCore, type AppCore } from '../electron/src/core/app-core.js';
import { productSearchText } from '../electron/src/core/services/catalog-service.js';
import { openStore, type Db as Store } from '../electron/src/core/store/open-store.js';
import { ServerApi } from '../electron/src/core/sync/server-api.js';
import { businessDateOf } from '../shared/src/dates.js';
import { generateDemoData } from '../shared/src/demo/demo-data.js';
import { priceInvoice } from '../shared/src/gst.js';
import { paise } from '../shared/src/money.js';
import { buildApp } from '../sync-server/src/app.js';
import type { Db, Queryable } from '../sync-server/src/db/db.js';
import { newUuid } from '../sync-server/src/test-support/catalogue.js';
import { ADMIN_PASSWORD, call, createBranch, createStaff, testConfig, type TestServer } from '../sync-server/src/test-support/test-app.js';
import { createTestDatabase, settleFeed } from '../sync-server/src/test-support/test-db.js';
import type { Figure } from './counter-bench.js';
import { HttpProbe, SqlProbe } from './sync-probe.js';
import { seededRandom as rng } from '../shared/src/seeded-random.js';

export interface PullBenchOptions {
  products: number;
  sales: number;
  /** ANALYZE after the bulk set-up (default true), as autovacuum would on a running server. */
  analyze?: boolean;
  /** Client pull page size / push batch; default: the client's defaults (2000 / 200). */
  pullLimit?: number;
  pushBatch?: number;
  log?: (line: string) => void;
}

/** Rows per raw SQLite transaction in the pull baseline: the client's default page size. */
const PAGE = 2000;
/** Sales per raw Postgres transaction in the catch-up baseline: the client's default push batch. */
const PUSH_BATCH = 200;
const OPENING_QTY = 100_000;

type Row = Record<string, unknown>;
export interface FeedRow {
  table_name: string;
  op: 'upsert' | 'delete';
  row: Row;
  xid: string;
  seq: string;
}


const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 5): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`pull bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

type Result<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
async function must<T>(core: AppCore, method: string, args: Record<string, unknown> = {}, sessionToken: string | null = null): Promise<T> {
  const r = (await core.dispatch({ method, args, sessionToken })) as Result<T>;
  if (!r.ok) throw new Error(`pull bench: ${method} failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** Catalogue of `count` demo products, one batch and one stock level each at `branchId`, by bulk SQL. */
export async function loadCatalogue(db: Db, branchId: string, count: number): Promise<string[]> {
  const data = generateDemoData({ today: businessDateOf(Date.now()), skuCount: count });
  const batches = data.products.map((p, i) => ({ id: newUuid(), productId: p.id, batchNo: `BN${String(i).padStart(6, '0')}`, costPaise: Math.round(p.mrpPaise * 0.6), mrpPaise: p.mrpPaise }));
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO products (id, sku, name, remedy, potency, form, pack_size, brand, hsn, tax_category, mrp_paise, barcode)
       SELECT id, sku, name, remedy, potency, form, "packSize", brand, hsn, "taxCategory", "mrpPaise", barcode FROM jsonb_to_recordset($1::jsonb)
         AS x(id uuid, sku text, name text, remedy text, potency text, form text, "packSize" text, brand text, hsn text, "taxCategory" text, "mrpPaise" bigint, barcode text)`,
      [JSON.stringify(data.products)],
    );
    await tx.query(
      `INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise)
       SELECT id, "productId", "batchNo", '2030-12-31', "costPaise", "mrpPaise" FROM jsonb_to_recordset($1::jsonb)
         AS x(id uuid, "productId" uuid, "batchNo" text, "costPaise" bigint, "mrpPaise" bigint)`,
      [JSON.stringify(batches)],
    );
    await tx.query(`INSERT INTO stock_movements (branch_id, batch_id, product_id, kind, qty, at) SELECT $1, id, product_id, 'receipt', $2, now() FROM batches`, [branchId, OPENING_QTY]);
    await tx.query(`INSERT INTO stock_levels (branch_id, batch_id, product_id, qty) SELECT $1, id, product_id, $2 FROM batches`, [branchId, OPENING_QTY]);
  });
  return data.products.map((p) => p.id);
}

/**
 * The pull floor on the device: the feed rows written into the tables the client writes (products
 * and their FTS row, batches, server_stock and batch_stock, branches, tax rates, staff), one
 * transaction per PAGE rows, foreign keys off (as the client applies pages), prepared statements.
 */
export function rawApply(store: Store, rows: readonly FeedRow[], pageSize = PAGE): void {
  const s = {
    branch: store.prepare(`INSERT OR REPLACE INTO branches (id, code, name, state_code, gstin, address, phone) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    tax: store.prepare(`INSERT OR REPLACE INTO tax_rates (id, hsn_prefix, category, rate_bp, effective_from, effective_to) VALUES (?, ?, ?, ?, ?, ?)`),
    staff: store.prepare(`INSERT OR REPLACE INTO staff (id, branch_id, name, role, pin_hash, active) VALUES (?, ?, ?, ?, ?, ?)`),
    product: store.prepare(`INSERT INTO products (id, sku, name, remedy, potency, form, pack_size, brand, hsn, tax_category, mrp_paise, barcode, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    fts: store.prepare(`INSERT INTO products_fts (rowid, search_text, potency) VALUES (?, ?, ?)`),
    batch: store.prepare(`INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise) VALUES (?, ?, ?, ?, ?, ?)`),
    level: store.prepare(`INSERT INTO server_stock (id, batch_id, product_id, qty, pos_xid, pos_seq) VALUES (?, ?, ?, ?, ?, ?)`),
    shown: store.prepare(`INSERT INTO batch_stock (batch_id, product_id, qty) VALUES (?, ?, ?)`),
  };
  const page = store.transaction((chunk: readonly FeedRow[]) => {
    for (const { table_name: table, row: r, xid, seq } of chunk) {
      switch (table) {
        case 'branches':
          s.branch.run(r.id, r.code, r.name, r.stateCode, r.gstin ?? null, r.address, r.phone);
          break;
        case 'tax_rates':
          s.tax.run(r.id, r.hsnPrefix, r.category, r.rateBp, r.effectiveFrom, r.effectiveTo ?? null);
          break;
        case 'users':
          s.staff.run(r.id, r.branchId, r.name, r.role, r.pinHash ?? '!', r.active === false ? 0 : 1);
          break;
        case 'products': {
          const info = s.product.run(r.id, r.sku, r.name, r.remedy, r.potency, r.form, r.packSize, r.brand, r.hsn, r.taxCategory, r.mrpPaise, r.barcode ?? null, r.active === false ? 0 : 1);
          const p = r as { remedy: string; name: string; brand: string; form: string; packSize: string; potency: string };
          s.fts.run(info.lastInsertRowid, productSearchText(p), p.potency.toLowerCase());
          break;
        }
        case 'batches':
          s.batch.run(r.id, r.productId, r.batchNo, r.expiry, r.costPaise, r.mrpPaise);
          break;
        case 'stock_levels':
          s.level.run(r.id, r.batchId, r.productId, r.qty, Number(xid), Number(seq));
          s.shown.run(r.batchId, r.productId, r.qty);
          break;
        default:
          break;
      }
    }
  });
  store.pragma('foreign_keys = OFF');
  try {
    for (let i = 0; i < rows.length; i += pageSize) page.immediate(rows.slice(i, i + pageSize));
  } finally {
    store.pragma('foreign_keys = ON');
  }
}

export interface QueuedSale {
  id: string;
  seq: number;
  at: string;
  actorId: string;
  payload: {
    saleId: string;
    invoiceNo: string;
    businessDate: string;
    lines: { productId: string; batchId: string; qty: number; unitPricePaise: number; discountPaise: number }[];
    payments: { method: string; amountPaise: number }[];
    totals: { totalPaise: number; taxablePaise: number; cgstPaise: number; sgstPaise: number; igstPaise: number; roundOffPaise: number };
  };
}

/** Column arrays of one batch of sales, computed before the clock starts (the baseline is SQL only). */
export function rawColumns(sales: readonly QueuedSale[]) {
  const fresh = sales.map((m) => ({ m, mutationId: newUuid(), saleId: newUuid() }));
  const lines = fresh.flatMap(({ m, mutationId, saleId }) => {
    const priced = priceInvoice({
      lines: m.payload.lines.map((l, i) => ({ key: String(i), hsn: '30049014', rateBp: 500, qty: l.qty, unitPricePaise: paise(l.unitPricePaise), discountPaise: paise(l.discountPaise) })),
      supplierStateCode: '29',
      buyerStateCode: null,
    }).lines;
    return m.payload.lines.map((l, i) => ({ l, i, mutationId, saleId, at: m.at, actorId: m.actorId, t: priced[i] }));
  });
  const perBatch = new Map<string, { productId: string; qty: number }>();
  for (const { l } of lines) perBatch.set(l.batchId, { productId: l.productId, qty: (perBatch.get(l.batchId)?.qty ?? 0) + l.qty });
  const levels = [...perBatch].sort(([a], [b]) => (a < b ? -1 : 1));
  return { fresh, lines, levels };
}

/** The rows a pushed sale leaves on the server, written the plain fastest way: one multi-row INSERT per table. */
export async function rawSaleBatch(tx: Queryable, ctx: { branchId: string; deviceId: string }, c: ReturnType<typeof rawColumns>): Promise<void> {
  const { fresh, lines, levels } = c;
  const tot = fresh.map((f) => f.m.payload.totals);
  await tx.query(
    `INSERT INTO applied_mutations (id, device_id, branch_id, seq, type, actor_id, at)
     SELECT id, $2::uuid, $3::uuid, seq, 'sale.completed', actor, at FROM unnest($1::uuid[], $4::bigint[], $5::uuid[], $6::timestamptz[]) AS x(id, seq, actor, at)`,
    [fresh.map((f) => f.mutationId), ctx.deviceId, ctx.branchId, fresh.map((f) => f.m.seq), fresh.map((f) => f.m.actorId), fresh.map((f) => f.m.at)],
  );
  await tx.query(
    `INSERT INTO sales (id, branch_id, device_id, staff_id, invoice_no, business_date, at, place_of_supply, inter_state, gross_paise, discount_paise,
       taxable_paise, cgst_paise, sgst_paise, igst_paise, exact_total_paise, round_off_paise, total_paise, mutation_id)
     SELECT id, $2::uuid, $3::uuid, staff, inv, bdate, at, '29', false, taxable + cgst + sgst, 0, taxable, cgst, sgst, igst, total - ro, ro, total, mid
       FROM unnest($1::uuid[], $4::uuid[], $5::text[], $6::text[], $7::timestamptz[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[], $14::uuid[])
         AS x(id, staff, inv, bdate, at, taxable, cgst, sgst, igst, total, ro, mid)`,
    [
      fresh.map((f) => f.saleId), ctx.branchId, ctx.deviceId, fresh.map((f) => f.m.actorId), fresh.map((f) => f.m.payload.invoiceNo), fresh.map((f) => f.m.payload.businessDate),
      fresh.map((f) => f.m.at), tot.map((t) => t.taxablePaise), tot.map((t) => t.cgstPaise), tot.map((t) => t.sgstPaise), tot.map((t) => t.igstPaise), tot.map((t) => t.totalPaise),
      tot.map((t) => t.roundOffPaise), fresh.map((f) => f.mutationId),
    ],
  );
  const col = <T>(f: (x: (typeof lines)[number]) => T): T[] => lines.map(f);
  await tx.query(
    `INSERT INTO sale_lines (sale_id, branch_id, line_no, product_id, batch_id, name, potency, form, pack_size, brand, hsn, batch_no, expiry,
       qty, unit_price_paise, discount_paise, rate_bp, taxable_paise, cgst_paise, sgst_paise, igst_paise, net_paise)
     SELECT sale, $2::uuid, no, product, batch, 'Arnica Montana 30C Dilution 30 ml', '30C', 'dilution', '30 ml', 'SBL', '30049014', 'BN000000', '2030-12-31',
            qty, price, 0, 500, taxable, cgst, sgst, 0, net
       FROM unnest($1::uuid[], $3::int[], $4::uuid[], $5::uuid[], $6::int[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[])
         AS x(sale, no, product, batch, qty, price, taxable, cgst, sgst, net)`,
    [
      col((x) => x.saleId), ctx.branchId, col((x) => x.i + 1), col((x) => x.l.productId), col((x) => x.l.batchId), col((x) => x.l.qty), col((x) => x.l.unitPricePaise),
      col((x) => x.t?.taxablePaise), col((x) => x.t?.cgstPaise), col((x) => x.t?.sgstPaise), col((x) => x.t?.netPaise),
    ],
  );
  const pays = fresh.flatMap((f) => f.m.payload.payments.map((p) => ({ saleId: f.saleId, ...p })));
  await tx.query(
    `INSERT INTO sale_payments (sale_id, branch_id, method, amount_paise) SELECT sale, $2::uuid, method, amount FROM unnest($1::uuid[], $3::text[], $4::bigint[]) AS x(sale, method, amount)`,
    [pays.map((p) => p.saleId), ctx.branchId, pays.map((p) => p.method), pays.map((p) => p.amountPaise)],
  );
  await tx.query(
    `INSERT INTO stock_movements (branch_id, batch_id, product_id, kind, qty, ref_id, mutation_id, staff_id, at)
     SELECT $2::uuid, batch, product, 'sale', -qty, sale, mid, staff, at
       FROM unnest($1::uuid[], $3::uuid[], $4::int[], $5::uuid[], $6::uuid[], $7::uuid[], $8::timestamptz[]) AS x(batch, product, qty, sale, mid, staff, at)`,
    [col((x) => x.l.batchId), ctx.branchId, col((x) => x.l.productId), col((x) => x.l.qty), col((x) => x.saleId), col((x) => x.mutationId), col((x) => x.actorId), col((x) => x.at)],
  );
  await tx.query(
    `INSERT INTO stock_levels (branch_id, batch_id, product_id, qty) SELECT $1::uuid, batch, product, -qty FROM unnest($2::uuid[], $3::uuid[], $4::int[]) AS x(batch, product, qty)
     ON CONFLICT (branch_id, batch_id) DO UPDATE SET qty = stock_levels.qty + EXCLUDED.qty`,
    [ctx.branchId, levels.map(([b]) => b), levels.map(([, v]) => v.productId), levels.map(([, v]) => v.qty)],
  );
  await tx.query(
    `INSERT INTO outbox (type, aggregate_id, branch_id, payload) SELECT 'sale.completed', sale, $2::uuid, jsonb_build_object('saleId', sale, 'totalPaise', total)
       FROM unnest($1::uuid[], $3::bigint[]) AS x(sale, total)`,
    [fresh.map((f) => f.saleId), ctx.branchId, tot.map((t) => t.totalPaise)],
  );
}

/** Runs both sync figures on one server and one device; returns three figures. */
export async function benchPullSync(options: PullBenchOptions): Promise<Figure[]> {
  const log = options.log ?? ((line: string) => process.stdout.write(`  ${line}\n`));
  const pageSize = options.pullLimit ?? PAGE;
  const pushBatch = options.pushBatch ?? PUSH_BATCH;
  const client = { ...(options.pullLimit === undefined ? {} : { pullLimit: options.pullLimit }), ...(options.pushBatch === undefined ? {} : { pushBatch: options.pushBatch }) };
  const dir = mkdtempSync(join(tmpdir(), 'similia-bench-pull-'));
  const database = await createTestDatabase('postgres');
  const rawDb = await database.open().catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const sql = new SqlProbe();
  const http = new HttpProbe();
  const cores: AppCore[] = [];
  let server: TestServer | undefined;
  try {
    const app = await buildApp({ db: sql.wrap(rawDb), config: testConfig() });
    const login = await call(app, 'POST', '/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    const adminToken = (login.json() as { accessToken: string }).accessToken;
    server = { app, db: rawDb, database, adminToken, close: async () => undefined };
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    const branchId = await createBranch(server, 'BENCH-PULL');
    await createStaff(server, { username: 'bench-cashier', role: 'cashier', branchIds: [branchId] });
    let t = performance.now();
    const productIds = await loadCatalogue(rawDb, branchId, options.products);
    await settleFeed(rawDb);
    // Steady state: on a server that has been up a minute autovacuum has analysed the bulk load.
    // Without statistics the feed query plans a full bitmap scan + sort per page (see the report).
    // Only the loaded tables: an ANALYZE of the still empty sales tables would record them as
    // empty, and plans cached on that (foreign-key checks) would then scan them as they fill.
    if (options.analyze !== false) await rawDb.query('ANALYZE changes, products, batches, stock_levels, stock_movements');
    const inScope = Number((await rawDb.query<{ n: string }>(`SELECT count(*) AS n FROM changes WHERE scope IN ('*', $1)`, [branchId])).rows[0]?.n);
    log(`server: ${options.products} products, batches and levels loaded in ${seconds(performance.now() - t)}${options.analyze === false ? ' (not analysed)' : ', analysed'}; ${inScope} feed rows in the device's scope`);

    // ---- initial pull -------------------------------------------------------------------------
    const dbPath = join(dir, 'device.db');
    const api = new ServerApi(http.fetch);
    const device = createAppCore({ dbPath, sync: { api, ...client } });
    cores.push(device);
    const code = ((await call(app, 'POST', `/v1/branches/${branchId}/pairing-codes`, undefined, adminToken)).json() as { code: string }).code;
    sql.reset();
    http.reset();
    let lastLog = performance.now();
    t = performance.now();
    await must(device, 'sync.pair', { serverUrl: url, code });
    await until(
      'the first sync',
      async () => {
        if ((await device.dispatch({ method: 'app.info', args: {} })).ok) return true;
        if (performance.now() - lastLog > 1000) {
          lastLog = performance.now();
          const p = (await must<{ progress: { receivedRows: number; totalRows: number | null } | null }>(device, 'sync.status')).progress;
          log(`initial sync: ${p?.receivedRows ?? 0} / ${p?.totalRows ?? '?'} rows after ${seconds(performance.now() - t)}`);
        }
        return false;
      },
      600_000,
    );
    const pullMs = performance.now() - t;
    const pullSql = { ms: sql.statementMs, top: sql.report(5), slow: [...sql.slow] };
    const pullHttp = http.total('GET /v1/sync/pull');
    const pullCalls = http.report();
    const allHttpMs = http.total('').ms;
    const status = await must<{ progress: unknown; pendingCount: number }>(device, 'sync.status');
    if (status.progress !== null) throw new Error(`pull bench: first sync done but progress is ${JSON.stringify(status.progress)}`);
    const reader = openStore(dbPath, { readonly: true });
    const received = (reader.prepare(`SELECT rows_received AS n FROM sync_link`).get() as { n: number }).n;
    const local = reader.prepare(`SELECT (SELECT count(*) FROM products) AS p, (SELECT count(*) FROM batches) AS b, (SELECT count(*) FROM server_stock) AS s`).get() as { p: number; b: number; s: number };
    reader.close();
    if (local.p !== options.products || local.b !== options.products || local.s !== options.products) throw new Error(`pull bench: device has ${JSON.stringify(local)} after the first sync`);
    log(`initial sync: ${received} rows in ${seconds(pullMs)} (${Math.round(received / (pullMs / 1000))} rows/s)`);
    log(`  pulls ×${pullHttp.n}: server to headers ${seconds(pullHttp.headersMs)} (of it SQL ${seconds(pullSql.ms)}), body ${seconds(pullHttp.ms - pullHttp.headersMs)}, ` +
      `${(pullHttp.bytes / 1e6).toFixed(1)} MB; device parse + apply + commit ≈ ${seconds(pullMs - allHttpMs)}`);
    for (const line of pullSql.top) log(`  sql ${line}`);
    for (const q of pullSql.slow) log(`  slow statement: ${q.ms.toFixed(0)} ms, started at ${seconds(q.startedMs)}: ${q.sql}`);
    for (const line of pullCalls) log(`  http ${line}`);

    // Baseline: the same feed rows by raw SELECT, then raw INSERTs into an empty store.
    t = performance.now();
    const feed = (await rawDb.query<FeedRow>(`SELECT table_name, op, row, xid::text AS xid, seq::text AS seq FROM changes WHERE scope IN ('*', $1) ORDER BY changes.xid, changes.seq`, [branchId])).rows;
    const selectMs = performance.now() - t;
    const empty = openStore(join(dir, 'baseline.db'));
    t = performance.now();
    rawApply(empty, feed, pageSize);
    const insertMs = performance.now() - t;
    empty.close();
    const baseMs = selectMs + insertMs;
    log(`baseline: SELECT ${feed.length} feed rows ${seconds(selectMs)} + raw SQLite INSERTs ${seconds(insertMs)} = ${seconds(baseMs)}`);

    // ---- a week offline -----------------------------------------------------------------------
    await device.close();
    const offline = createAppCore({ dbPath, sync: false });
    cores.push(offline);
    const staff = await must<{ id: string; name: string }[]>(offline, 'auth.staffList');
    const cashier = staff.find((s) => s.name === 'bench-cashier');
    if (cashier === undefined) throw new Error(`pull bench: the cashier did not sync down: ${JSON.stringify(staff)}`);
    const session = (await must<{ sessionToken: string }>(offline, 'auth.login', { staffId: cashier.id, pin: '1234' })).sessionToken;
    const random = rng(42);
    t = performance.now();
    for (let i = 0; i < options.sales; i += 1) {
      const count = 1 + Math.floor(random() * 5);
      const lines = Array.from({ length: count }, (_, l) => ({ lineId: `l${l}`, productId: productIds[Math.floor(random() * productIds.length)], qty: 1 + Math.floor(random() * 3), discountPaise: 0 }));
      const quote = await must<{ sellable: boolean; totals: { totalPaise: number } }>(offline, 'sale.quote', { lines }, session);
      if (!quote.sellable) throw new Error(`pull bench: sale ${i} is not sellable`);
      await must(offline, 'sale.complete', { clientRequestId: `week-${i}`, lines, payments: [{ method: 'cash', amountPaise: quote.totals.totalPaise }] }, session);
      if ((i + 1) % 1000 === 0) log(`offline: ${i + 1} / ${options.sales} sales after ${seconds(performance.now() - t)}`);
    }
    log(`offline: ${options.sales} sales completed at the counter in ${seconds(performance.now() - t)} (not part of the figure)`);
    await offline.close();
    const ro = openStore(dbPath, { readonly: true });
    const queued = (ro.prepare(`SELECT id, seq, at, actor_id AS actorId, payload FROM sync_queue WHERE status = 'pending' ORDER BY seq`).all() as (Omit<QueuedSale, 'payload'> & { payload: string })[])
      .map((q) => ({ ...q, payload: JSON.parse(q.payload) as QueuedSale['payload'] }));
    const lineCount = queued.reduce((n, q) => n + q.payload.lines.length, 0);
    ro.close();
    if (queued.length !== options.sales) throw new Error(`pull bench: ${queued.length} mutations queued for ${options.sales} sales`);

    sql.reset();
    http.reset();
    t = performance.now();
    const online = createAppCore({ dbPath, sync: { api, ...client } });
    cores.push(online);
    const watch = openStore(dbPath, { readonly: true });
    // Cheap checks while polling (EXISTS stops at the first row); counts only for the progress line.
    const busy = watch.prepare(`SELECT EXISTS (SELECT 1 FROM sync_queue WHERE status = 'pending') AS pending, EXISTS (SELECT 1 FROM sync_queue WHERE status = 'rejected') AS rejected,
      EXISTS (SELECT 1 FROM stock_movements WHERE unconfirmed = 1) AS unconfirmed`);
    const counts = watch.prepare(`SELECT (SELECT count(*) FROM sync_queue WHERE status = 'pending') AS pending, (SELECT count(*) FROM stock_movements WHERE unconfirmed = 1) AS unconfirmed`);
    let pushedMs: number | null = null;
    lastLog = performance.now();
    await until(
      'the catch-up',
      () => {
        const s = busy.get() as { pending: number; rejected: number; unconfirmed: number };
        if (s.rejected === 1) throw new Error(`pull bench: the server refused sales: ${JSON.stringify((online.sync?.status().problems ?? []).slice(0, 2))}`);
        if (s.pending === 0 && pushedMs === null) pushedMs = performance.now() - t;
        if (performance.now() - lastLog > 1000) {
          lastLog = performance.now();
          const c = counts.get() as { pending: number; unconfirmed: number };
          log(`catch-up: ${c.pending} pending, ${c.unconfirmed} movements unconfirmed after ${seconds(performance.now() - t)}`);
        }
        return s.pending === 0 && s.unconfirmed === 0;
      },
      600_000,
      10,
    );
    const catchUpMs = performance.now() - t;
    const weekSql = { ms: sql.statementMs, txN: sql.transactions.n, txMs: sql.transactions.ms, top: sql.report(6), slow: [...sql.slow] };
    const pushHttp = http.total('POST /v1/sync/push');
    const backHttp = http.total('GET /v1/sync/pull');
    const weekCalls = http.report();
    const weekHttpMs = http.total('').ms;
    const onServer = Number((await rawDb.query<{ n: string }>(`SELECT count(*) AS n FROM sales WHERE branch_id = $1`, [branchId])).rows[0]?.n);
    if (onServer !== options.sales) throw new Error(`pull bench: the server has ${onServer} of ${options.sales} sales after the catch-up`);
    const mismatch = (watch.prepare(`SELECT count(*) AS n FROM batch_stock b JOIN server_stock s USING (batch_id) WHERE b.qty <> s.qty`).get() as { n: number }).n;
    const shownSum = (watch.prepare(`SELECT sum(qty) AS n FROM batch_stock`).get() as { n: number }).n;
    watch.close();
    const serverSum = Number((await rawDb.query<{ n: string }>(`SELECT sum(qty) AS n FROM stock_levels WHERE branch_id = $1`, [branchId])).rows[0]?.n);
    if (mismatch !== 0 || shownSum !== serverSum) throw new Error(`pull bench: shown stock differs from the server's (${mismatch} batches, ${shownSum} vs ${serverSum})`);
    log(`catch-up: ${options.sales} sales (${lineCount} lines) pushed in ${seconds(pushedMs ?? catchUpMs)}, confirmed in ${seconds(catchUpMs)}`);
    log(`  pushes ×${pushHttp.n}: ${seconds(pushHttp.ms)}; pulls ×${backHttp.n}: ${seconds(backHttp.ms)} (${(backHttp.bytes / 1e6).toFixed(1)} MB); server SQL ${seconds(weekSql.ms)} ` +
      `(push transactions ×${weekSql.txN}: ${seconds(weekSql.txMs)}); device ≈ ${seconds(catchUpMs - weekHttpMs)}`);
    for (const line of weekSql.top) log(`  sql ${line}`);
    for (const q of weekSql.slow) log(`  slow statement: ${q.ms.toFixed(0)} ms, started at ${seconds(q.startedMs)}: ${q.sql}`);
    for (const line of weekCalls) log(`  http ${line}`);
    await online.close();

    // Baseline: the same sales' rows by raw batched SQL, one transaction per push batch.
    const deviceId = (await rawDb.query<{ id: string }>(`SELECT id FROM devices WHERE branch_id = $1`, [branchId])).rows[0]?.id as string;
    const batches: ReturnType<typeof rawColumns>[] = [];
    for (let i = 0; i < queued.length; i += pushBatch) batches.push(rawColumns(queued.slice(i, i + pushBatch)));
    const rawSql = new SqlProbe();
    const rawTimed = rawSql.wrap(rawDb);
    t = performance.now();
    for (const b of batches) await rawTimed.transaction((tx) => rawSaleBatch(tx, { branchId, deviceId }, b));
    const rawWeekMs = performance.now() - t;
    log(`baseline: the same ${queued.length} sales by raw batched INSERTs in ${seconds(rawWeekMs)}`);
    for (const line of rawSql.report(4)) log(`  sql ${line}`);

    const scale = options.products / 50_000;
    const k = `${Math.round(options.products / 1000)}k`;
    const rowsPerS = received / (pullMs / 1000);
    const weekScale = options.sales / 5000;
    return [
      {
        name: 'initial_pull_rows_per_s',
        value: rowsPerS,
        unit: 'rows/s',
        baselineName: `raw SELECT of the same ${feed.length} feed rows from Postgres + raw batched INSERTs into an empty store (${pageSize} rows/transaction, FTS rows included)`,
        baseline: received / (baseMs / 1000),
        target: '≥ 30000 rows/s (150k rows of 50k products in 5 s)',
        met: rowsPerS >= 30_000,
      },
      {
        name: `initial_sync_${k}_products_s`,
        value: pullMs / 1000,
        unit: 's',
        baselineName: `raw SELECT + raw SQLite INSERTs of the same rows (${options.products} products, batches, levels)`,
        baseline: baseMs / 1000,
        target: scale === 1 ? '< 5 s' : `< ${5 * scale} s (5 s per 50k, scaled)`,
        met: pullMs / 1000 < 5 * scale,
      },
      {
        name: 'offline_week_catchup_s',
        value: catchUpMs / 1000,
        unit: 's',
        baselineName: `the same ${options.sales} sales (${lineCount} lines) by raw batched INSERTs into Postgres, ${pushBatch} per transaction, no HTTP, no pull back`,
        baseline: rawWeekMs / 1000,
        target: weekScale === 1 ? '< 10 s' : `< ${10 * weekScale} s (10 s per 5000 sales, scaled)`,
        met: catchUpMs / 1000 < 10 * weekScale,
      },
    ];
  } finally {
    for (const core of cores) {
      try {
        await core.close(); // a second close of a closed store is harmless
      } catch {
        // already closed
      }
    }
    if (server !== undefined) {
      server.app.server.closeAllConnections();
      await server.app.close();
    }
    await rawDb.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
