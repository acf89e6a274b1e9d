import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { businessDateOf } from '../../../../shared/src/dates.js';
import { createAppCore } from '../app-core.js';
import { generateDemo } from '../demo/generate-demo.js';
import { openStore } from '../store/open-store.js';
import { startBrowserHost } from './host.js';

/**
 * Browser mode entry point (`npm start` where Electron is not installed, and the E2E tests).
 * Environment: SIMILIA_DATA_DIR, SIMILIA_PORT, SIMILIA_HOST, SIMILIA_LAUNCH_KEY, SIMILIA_STATIC_DIR, SIMILIA_TODAY.
 */
const started = performance.now();
const dataDir = resolve(process.env.SIMILIA_DATA_DIR ?? '.data/app');
const dbPath = join(dataDir, 'similia.db');
mkdirSync(dataDir, { recursive: true });

if (!existsSync(dbPath)) {
  console.log(`First run: creating the demo store at ${dbPath}`);
  const db = openStore(dbPath);
  try {
    await generateDemo(db, { today: process.env.SIMILIA_TODAY ?? businessDateOf(Date.now()), onProgress: (m) => console.log(`  ${m}`) });
  } finally {
    db.close();
  }
}

const core = createAppCore({ dbPath });
const host = await startBrowserHost({
  core,
  staticDir: resolve(process.env.SIMILIA_STATIC_DIR ?? 'dist/renderer'),
  host: process.env.SIMILIA_HOST ?? '127.0.0.1',
  port: Number(process.env.SIMILIA_PORT ?? 5180),
  launchKey: process.env.SIMILIA_LAUNCH_KEY ?? randomBytes(24).toString('base64url'),
});
console.log(`Similia (browser mode) ready in ${Math.round(performance.now() - started)} ms: ${host.url}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void host.close().then(() => {
      core.close();
      process.exit(0);
    });
  });
}
