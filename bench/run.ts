import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { benchSaleCommit, benchSearch, type Figure } from './counter-bench.js';
import { benchPushSales } from './push-bench.js';
import { benchPullSync } from './pull-bench.js';
import { benchStartup } from './startup-bench.js';
import { benchApi, benchOutbox } from './ops-bench.js';
import { benchImports } from './imports-bench.js';
import { round } from './stats.js';

/**
 * `npm run bench [-- --json FILE] [-- --quick]`: each figure with its baseline measured in the same run.
 * This is a benchmark, not a test: it reports, it does not fail on a missed target.
 */
const args = process.argv.slice(2);
const jsonIndex = args.indexOf('--json');
const jsonFile = jsonIndex >= 0 ? args[jsonIndex + 1] : 'bench-results/latest.json';
const quick = args.includes('--quick');

const figures: Figure[] = [];
const step = async (label: string, run: () => Promise<Figure>): Promise<void> => {
  process.stdout.write(`measuring ${label}…\n`);
  figures.push(await run());
};
await step('sale commit', () => benchSaleCommit(quick ? 100 : 500));
await step('search', () => benchSearch(quick ? 10_000 : 50_000, quick ? 5 : 26));
await step('startup', () => benchStartup(quick ? 3 : 7));
await step('push sales', () => benchPushSales(quick ? 10 : 50));
process.stdout.write('measuring initial pull and offline catch-up…\n');
figures.push(...(await benchPullSync(quick ? { products: 5_000, sales: 500 } : { products: 50_000, sales: 5_000 })));

process.stdout.write('measuring the outbox publisher (private nats-server -js)…\n');
figures.push(...(await benchOutbox(quick ? 5_000 : 50_000)));
process.stdout.write('measuring CSV imports (opening stock on SQLite, catalogue on Postgres and PGlite)…\n');
figures.push(...(await benchImports(quick ? 2_000 : 20_000)));
process.stdout.write('measuring the HTTP API with autocannon (and loading sale lines for the report)…\n');
figures.push(...(await benchApi(quick ? { seconds: 3, saleLines: 100_000 } : { seconds: 10, saleLines: 1_000_000 })));

const rows = figures.map((f) => [f.name, `${round(f.value, 2)} ${f.unit}`, `${round(f.baseline, 2)} ${f.unit}`, f.value / f.baseline, f.target, f.met ? 'yes' : 'NO'] as const);
const header = ['figure', 'value', 'baseline', 'ratio', 'target', 'met'];
const table = [header, ...rows.map((r) => [r[0], r[1], r[2], `${round(r[3], 2)}×`, r[4], r[5]])];
const widths = header.map((_, c) => Math.max(...table.map((r) => String(r[c]).length)));
for (const r of table) console.log(r.map((cell, c) => String(cell).padEnd(widths[c] ?? 0)).join('  '));
for (const f of figures) console.log(`  ${f.name} baseline: ${f.baselineName}`);

if (jsonFile !== undefined) {
  mkdirSync(dirname(jsonFile), { recursive: true });
  const machine = { node: process.version, platform: process.platform, cpus: (await import('node:os')).cpus().length };
  writeFileSync(jsonFile, JSON.stringify({ at: new Date().toISOString(), machine, figures }, null, 2));
  console.log(`wrote ${jsonFile}`);
}
