/**
 * Issue 5's import figures (docs/imports.md), each with a baseline measured in the same run:
 * - import_opening_stock_20k_ms: a 20,000-row opening-stock CSV through the core as the screen
 *   sends it (parts of 131,072 characters: read, check, preview) plus the commit (one SQLite
 *   transaction: batches, movements, levels, 40 stock.received mutations), on the 6,000-SKU demo
 *   store; baseline: the same rows as 40 goods receipts of 500 lines through StockService.receive.
 * - import_catalogue_20k_ms (Postgres and PGlite): a 20,000-row catalogue CSV through
 *   POST /v1/admin/catalogue/import (JSON body, check, one upsert transaction, change feed);
 *   baseline: a bare unnest INSERT of 20,000 products with no CSV and no checks.
 *
 * Run alone: `node --import tsx bench/imports-bench.ts [--rows N] [--json FILE]`, or call
 * `benchImports(rows)` from bench/run.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createContext } from '../electron/src/core/services/context.js';
import { ImportService } from '../electron/src/core/services/import-service.js';
import { StockService } from '../electron/src/core/services/stock-service.js';
import { openStore } from '../electron/src/core/store/open-store.js';
import { Clock, copyOf, makeTemplate, removeTestDirs } from '../electron/src/core/testing/demo-store.js';
import type { StaffSummary } from '../shared/src/api-contract.js';
import { IMPORT_PART_CHARS } from '../shared/src/api/imports-api.js';
import { paise } from '../shared/src/money.js';
import { newIds } from '../sync-server/src/auth/secrets.js';
import { call, startTestServer } from '../sync-server/src/test-support/test-app.js';
import type { Figure } from './counter-bench.js';
import { round } from './stats.js';

const TARGET_MS = 10_000;

function manager(db: ReturnType<typeof openStore>): StaffSummary {
  const row = db.prepare(`SELECT id, name, role FROM staff WHERE role = 'manager' LIMIT 1`).get() as { id: string; name: string; role: StaffSummary['role'] };
  return { ...row, maxLineDiscountBp: 0 };
}

export async function benchOpeningStock(rows: number): Promise<Figure> {
  const template = await makeTemplate(6000);
  try {
    const db = openStore(copyOf(template));
    const products = db.prepare(`SELECT id, sku FROM products ORDER BY sku`).all() as { id: string; sku: string }[];
    const line = (i: number) => products[i % products.length] as { id: string; sku: string };
    const lines = ['sku,batch no,expiry,qty,cost,mrp'];
    for (let i = 0; i < rows; i += 1) lines.push(`${line(i).sku},OPEN-${i},31/12/2029,${(i % 20) + 1},${10 + (i % 10)}.25,`);
    const text = `${lines.join('\r\n')}\r\n`;

    const imports = new ImportService(createContext(db, { now: new Clock().now }));
    const staff = manager(db);
    const parts = Math.ceil(text.length / IMPORT_PART_CHARS);
    const start = performance.now();
    let uploadId: string | null = null;
    for (let p = 0; p < parts; p += 1) {
      const r = imports.upload(staff, { kind: 'openingStock', uploadId, fileName: 'bench.csv', part: text.slice(p * IMPORT_PART_CHARS, (p + 1) * IMPORT_PART_CHARS), partNo: p + 1, parts });
      if (!r.ok) throw new Error(r.error.message);
      uploadId = r.value.uploadId;
      if (r.value.preview !== null && r.value.preview.errorCount > 0) throw new Error(`bench file has errors: ${JSON.stringify(r.value.preview.errors.slice(0, 3))}`);
    }
    const checkedMs = performance.now() - start;
    const committed = imports.commit(staff, uploadId ?? '');
    if (!committed.ok) throw new Error(committed.error.message);
    const totalMs = performance.now() - start;
    db.close();

    // Baseline: the same rows as goods receipts of 500 lines each, on a fresh copy.
    const raw = openStore(copyOf(template));
    const stock = new StockService(createContext(raw, { now: new Clock().now }));
    const rawStart = performance.now();
    for (let i = 0; i < rows; i += 500) {
      const receiptLines = Array.from({ length: Math.min(500, rows - i) }, (_v, k) => ({
        productId: line(i + k).id, batchNo: `OPEN-${i + k}`, expiry: '2029-12-31', qty: ((i + k) % 20) + 1, freeQty: 0, costPaise: paise(4025), mrpPaise: paise(9000),
      }));
      const r = stock.receive(manager(raw), { supplier: 'Opening stock', supplierInvoiceNo: `B-${i}`, supplierInvoiceDate: '2026-11-24', lines: receiptLines });
      if (!r.ok) throw new Error(r.error.message);
    }
    const rawMs = performance.now() - rawStart;
    raw.close();
    process.stdout.write(`  opening stock: read+check ${round(checkedMs, 0)} ms, commit ${round(totalMs - checkedMs, 0)} ms (${parts} parts, ${Math.ceil(rows / 500)} mutations)\n`);
    return {
      name: `import_opening_stock_${rows / 1000}k_ms`,
      value: totalMs,
      unit: 'ms',
      baselineName: `the same ${rows} rows as goods receipts of 500 lines (StockService.receive)`,
      baseline: rawMs,
      target: `< ${TARGET_MS} ms`,
      met: totalMs < TARGET_MS,
    };
  } finally {
    removeTestDirs();
  }
}

export async function benchCatalogue(rows: number, kind: 'postgres' | 'pglite'): Promise<Figure> {
  const server = await startTestServer(kind);
  try {
    const lines = ['sku,name,remedy,potency,form,pack size,brand,hsn,tax category,mrp,barcode'];
    const potencies = ['6X', '30C', '200C', '1M', 'Q'];
    for (let i = 0; i < rows; i += 1) {
      lines.push(`IMP${String(i).padStart(6, '0')},"Remedy ${i}, 30 ml",Remedy ${i % 400},${potencies[i % 5]},dilution,30 ml,SBL,30049014,classical,${100 + (i % 300)}.50,89${String(i).padStart(11, '0')}`);
    }
    const csv = lines.join('\r\n');
    const start = performance.now();
    const res = await call(server.app, 'POST', '/v1/admin/catalogue/import', { csv }, server.adminToken);
    const ms = performance.now() - start;
    if (res.statusCode !== 200) throw new Error(`catalogue import answered ${res.statusCode}: ${res.body.slice(0, 300)}`);

    const ids = newIds(rows);
    const rawStart = performance.now();
    await server.db.query(
      `INSERT INTO products (id, sku, name, remedy, potency, form, pack_size, brand, hsn, tax_category, mrp_paise, barcode)
       SELECT u.id, 'RAW' || u.n, 'Remedy ' || u.n, 'Remedy', '30C', 'dilution', '30 ml', 'SBL', '30049014', 'classical', 10050, NULL
         FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, n)`,
      [ids],
    );
    const rawMs = performance.now() - rawStart;
    return {
      name: `import_catalogue_${rows / 1000}k_${kind}_ms`,
      value: ms,
      unit: 'ms',
      baselineName: `a bare unnest INSERT of ${rows} products on ${kind} (no CSV, no checks)`,
      baseline: rawMs,
      target: `< ${TARGET_MS} ms`,
      met: ms < TARGET_MS,
    };
  } finally {
    await server.close();
  }
}

export async function benchImports(rows = 20_000): Promise<Figure[]> {
  return [await benchOpeningStock(rows), await benchCatalogue(rows, 'postgres'), await benchCatalogue(rows, 'pglite')];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const rowsAt = args.indexOf('--rows');
  const jsonAt = args.indexOf('--json');
  const rows = rowsAt >= 0 ? Number(args[rowsAt + 1]) : 20_000;
  const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : 'bench-results/imports.json';
  const figures = await benchImports(rows);
  const table = [['figure', 'value', 'baseline', 'ratio', 'target', 'met'], ...figures.map((f) => [f.name, `${round(f.value, 0)} ms`, `${round(f.baseline, 0)} ms`, `${round(f.value / f.baseline, 2)}×`, f.target, f.met ? 'yes' : 'NO'])];
  const widths = (table[0] ?? []).map((_c, c) => Math.max(...table.map((r) => String(r[c]).length)));
  for (const r of table) console.log(r.map((cell, c) => String(cell).padEnd(widths[c] ?? 0)).join('  '));
  for (const f of figures) console.log(`  ${f.name} baseline: ${f.baselineName}`);
  if (jsonFile !== undefined) {
    mkdirSync(dirname(jsonFile), { recursive: true });
    const machine = { node: process.version, platform: process.platform, cpus: (await import('node:os')).cpus().length };
    writeFileSync(jsonFile, JSON.stringify({ at: new Date().toISOString(), machine, figures }, null, 2));
    console.log(`wrote ${jsonFile}`);
  }
}
