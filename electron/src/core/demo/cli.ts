import { businessDateOf } from '../../../../shared/src/dates.js';
import { openStore } from '../store/open-store.js';
import { generateDemo } from './generate-demo.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const file = arg('db');
if (file === undefined) {
  console.error('usage: tsx electron/src/core/demo/cli.ts --db FILE [--today YYYY-MM-DD] [--skus N]');
  process.exit(2);
}
const db = openStore(file);
const started = Date.now();
const result = await generateDemo(db, {
  today: arg('today') ?? businessDateOf(Date.now()),
  skuCount: Number(arg('skus') ?? 6000),
  onProgress: (m) => console.log(m),
});
db.close();
console.log(`${result.products} products, ${result.batches} batches in ${Date.now() - started} ms → ${file}`);
