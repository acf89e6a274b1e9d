import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppCore } from '../electron/src/core/app-core.js';
import { generateDemo } from '../electron/src/core/demo/generate-demo.js';
import { createContext, newId } from '../electron/src/core/services/context.js';
import { CatalogService } from '../electron/src/core/services/catalog-service.js';
import { openStore, writeTx, type Db } from '../electron/src/core/store/open-store.js';
import { businessDateOf } from '../shared/src/dates.js';
import { parseProductQuery } from '../shared/src/search.js';
import { percentile } from './stats.js';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baselineName: string;
  baseline: number;
  target: string;
  met: boolean;
}

const SEARCHES = ['arnica 30', 'nux v 200', 'ars alb 6x', 'calc carb 1m', 'bell 30', 'rhus tox 200', 'puls 30', 'sulph 1m', 'kali phos 6x', 'arnica q',
  'sbl arnica', 'thuja 200', 'lyc 30', 'nat mur 6x', 'bryonia 30', 'gels 200', 'ignatia', 'sepia 1m', 'merc sol 30', 'hepar sulph 200'];

/** Stocks a few products deeply so hundreds of benchmark sales never run short. */
function deepStock(db: Db, productIds: string[]): void {
  const ctx = createContext(db);
  writeTx(db, () => {
    for (const productId of productIds) {
      const batchId = newId(ctx);
      db.prepare(/* sql */ `INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise) SELECT ?, id, 'BENCH1', '2031-12-31', 5000, mrp_paise FROM products WHERE id = ?`).run(batchId, productId);
      db.prepare(/* sql */ `INSERT INTO stock_movements (id, batch_id, product_id, kind, qty, ref_id, at) VALUES (?, ?, ?, 'receipt', 1000000, 'bench', ?)`).run(newId(ctx), batchId, productId, new Date().toISOString());
      db.prepare(/* sql */ `INSERT INTO batch_stock (batch_id, product_id, qty) VALUES (?, ?, 1000000)`).run(batchId, productId);
    }
  });
}

/** sale_commit_p99_ms: the real 5-line sale through the core vs raw inserts of the same rows. */
export async function benchSaleCommit(iterations: number): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), 'similia-bench-'));
  const template = join(dir, 'template.db');
  const db = openStore(template);
  await generateDemo(db, { today: businessDateOf(Date.now()), skuCount: 2000 });
  const productIds = (db.prepare(/* sql */ `SELECT id FROM products ORDER BY sku LIMIT 5`).all() as { id: string }[]).map((r) => r.id);
  deepStock(db, productIds);
  db.close();
  copyFileSync(template, join(dir, 'real.db'));
  copyFileSync(template, join(dir, 'raw.db'));

  const core = createAppCore({ dbPath: join(dir, 'real.db') });
  const staff = (await core.dispatch({ method: 'auth.staffList', args: {} })) as { ok: true; value: { id: string; role: string }[] };
  const cashier = staff.value.find((s) => s.role === 'manager') ?? staff.value[0];
  const login = (await core.dispatch({ method: 'auth.login', args: { staffId: cashier?.id, pin: '9999' } })) as { ok: boolean; value: { sessionToken: string } };
  if (!login.ok) throw new Error('bench login failed');
  const token = login.value.sessionToken;
  const lines = productIds.map((productId, i) => ({ lineId: `l${i}`, productId, qty: 1 + (i % 2), discountPaise: 0 }));
  const quote = (await core.dispatch({ method: 'sale.quote', args: { lines }, sessionToken: token })) as { ok: true; value: { totals: { totalPaise: number } } };
  const total = quote.value.totals.totalPaise;

  const raw = openStore(join(dir, 'raw.db'));
  const rawCtx = createContext(raw);
  const batchOf = new Map(productIds.map((p) => [p, (raw.prepare(/* sql */ `SELECT batch_id FROM batch_stock WHERE product_id = ? AND qty > 1000`).get(p) as { batch_id: string }).batch_id]));
  const staffId = cashier?.id ?? '';
  const ins = {
    sale: raw.prepare(/* sql */ `INSERT INTO sales (id, client_request_id, invoice_no, fy_label, seq, business_date, at, device_id, branch_id, staff_id, customer_id, place_of_supply, inter_state,
      gross_paise, discount_paise, taxable_paise, cgst_paise, sgst_paise, igst_paise, exact_total_paise, round_off_paise, total_paise, change_paise)
      SELECT ?, ?, ?, '2627', ?, '2026-11-24', ?, d.id, d.branch_id, ?, NULL, '29', 0, ?, 0, ?, ?, ?, 0, ?, 0, ?, 0 FROM device d`),
    line: raw.prepare(/* sql */ `INSERT INTO sale_lines (id, sale_id, line_no, product_id, batch_id, name, potency, form, pack_size, brand, hsn, batch_no, expiry, qty, unit_price_paise,
      discount_paise, rate_bp, taxable_paise, cgst_paise, sgst_paise, igst_paise, net_paise) VALUES (?, ?, ?, ?, ?, 'x', '30C', 'dilution', '30 ml', 'SBL', '30049014', 'BENCH1', '2031-12-31', ?, 100, 0, 500, 95, 3, 2, 0, 100)`),
    pay: raw.prepare(/* sql */ `INSERT INTO sale_payments (id, sale_id, method, amount_paise, tendered_paise, reference) VALUES (?, ?, 'cash', ?, NULL, NULL)`),
    move: raw.prepare(/* sql */ `INSERT INTO stock_movements (id, batch_id, product_id, kind, qty, ref_id, at, staff_id) VALUES (?, ?, ?, 'sale', ?, ?, ?, ?)`),
    level: raw.prepare(/* sql */ `UPDATE batch_stock SET qty = qty - ? WHERE batch_id = ?`),
    series: raw.prepare(/* sql */ `INSERT INTO invoice_series (prefix, fy_label, last_seq) VALUES ('RAW', '2627', 1) ON CONFLICT (prefix) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`),
    seq: raw.prepare(/* sql */ `UPDATE counters SET value = value + 1 WHERE name = 'sync_seq' RETURNING value`),
    queue: raw.prepare(/* sql */ `INSERT INTO sync_queue (id, seq, type, at, actor_id, payload) VALUES (?, ?, 'sale.completed', ?, ?, ?)`),
  };
  const rawSale = (n: number): void =>
    writeTx(raw, () => {
      const saleId = newId(rawCtx);
      const at = new Date().toISOString();
      const { last_seq: seq } = ins.series.get() as { last_seq: number };
      ins.sale.run(saleId, `raw-${n}`, `RAW/2627/${String(seq).padStart(6, '0')}`, seq, at, staffId, total, total, 0, 0, total, total);
      lines.forEach((l, i) => {
        const batchId = batchOf.get(l.productId) as string;
        ins.line.run(newId(rawCtx), saleId, i + 1, l.productId, batchId, l.qty);
        ins.move.run(newId(rawCtx), batchId, l.productId, -l.qty, saleId, at, staffId);
        ins.level.run(l.qty, batchId);
      });
      ins.pay.run(newId(rawCtx), saleId, total);
      const { value } = ins.seq.get() as { value: number };
      ins.queue.run(newId(rawCtx), value, at, staffId, JSON.stringify({ saleId, lines }));
    });

  const real: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < iterations + 20; i += 1) {
    // Interleaved so disk and CPU drift hit both sides alike; the first 20 of each warm up.
    let t = performance.now();
    const result = (await core.dispatch({ method: 'sale.complete', args: { clientRequestId: `bench-${i}`, lines, payments: [{ method: 'cash', amountPaise: total }] }, sessionToken: token })) as { ok: boolean };
    if (!result.ok) throw new Error(`bench sale failed: ${JSON.stringify(result)}`);
    if (i >= 20) real.push(performance.now() - t);
    t = performance.now();
    rawSale(i);
    if (i >= 20) base.push(performance.now() - t);
  }
  core.close();
  raw.close();
  const p99 = percentile(real, 99);
  const baseP99 = percentile(base, 99);
  return { name: 'sale_commit_p99_ms', value: p99, unit: 'ms', baselineName: 'raw better-sqlite3 inserts, same rows, synchronous=FULL', baseline: baseP99, target: '< 5 ms and ≤ 1.5× baseline', met: p99 < 5 && p99 <= 1.5 * baseP99 };
}

/** search_p99_ms over a 50,000-SKU catalogue vs the raw FTS query it wraps. */
export async function benchSearch(skuCount: number, rounds: number): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), 'similia-bench-search-'));
  const db = openStore(join(dir, 'search.db'));
  await generateDemo(db, { today: businessDateOf(Date.now()), skuCount });
  const catalog = new CatalogService(createContext(db));
  const rawStmt = db.prepare(/* sql */ `SELECT rowid FROM products_fts WHERE products_fts MATCH ? ORDER BY rank LIMIT 20`);
  const matchOf = (q: string): string => parseProductQuery(q).terms.map((t) => `"${t.replace(/[^\p{L}\p{N}]+/gu, '')}"*`).join(' ');
  const real: number[] = [];
  const base: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    for (const q of SEARCHES) {
      let t = performance.now();
      const hits = catalog.search(q, 20);
      const elapsed = performance.now() - t;
      if (hits.length === 0) throw new Error(`bench search '${q}' found nothing`);
      t = performance.now();
      rawStmt.all(matchOf(q));
      const rawElapsed = performance.now() - t;
      if (r > 0) {
        real.push(elapsed);
        base.push(rawElapsed);
      }
    }
  }
  db.close();
  const p99 = percentile(real, 99);
  return { name: 'search_p99_ms', value: p99, unit: 'ms', baselineName: `raw FTS5 MATCH … ORDER BY rank LIMIT 20 (${skuCount} SKUs)`, baseline: percentile(base, 99), target: '< 5 ms', met: p99 < 5 };
}
