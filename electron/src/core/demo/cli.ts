/** `tsx electron/src/core/demo/cli.ts --db FILE [--today YYYY-MM-DD] [--skus N]`: a demo store for trying things out. */
import { businessDateOf } from '../../../../shared/src/dates.js';
import { openStore } from '../store/open-store.js';
import { generateDemo } from './generate-demo.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function usage(problem: string): never {
  console.error(`${problem}\nusage: tsx electron/src/core/demo/cli.ts --db FILE [--today YYYY-MM-DD] [--skus N]`);
  process.exit(2);
}

const file = arg('db') ?? usage('--db is required.');
const today = arg('today') ?? businessDateOf(Date.now());
if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) usage(`--today must be YYYY-MM-DD, not ${today}.`);
const skuCount = Number(arg('skus') ?? 6000);
if (!Number.isSafeInteger(skuCount) || skuCount < 1) usage('--skus must be a positive whole number.');

const db = openStore(file);
const started = Date.now();
try {
  const result = await generateDemo(db, { today, skuCount, onProgress: (m) => console.log(m) });
  console.log(`${result.products} products, ${result.batches} batches in ${Date.now() - started} ms → ${file}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  db.close();
}
