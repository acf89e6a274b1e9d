import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { businessDateOf } from '../../../../shared/src/dates.js';
import { createAppCore, type AppCore } from '../app-core.js';
import { generateDemo } from '../demo/generate-demo.js';
import { openStore } from '../store/open-store.js';
import { startBrowserHost } from './host.js';

/**
 * Browser mode entry point (`npm start` where Electron is not installed, and the E2E tests).
 * Environment: SIMILIA_DATA_DIR, SIMILIA_PORT, SIMILIA_HOST, SIMILIA_LAUNCH_KEY, SIMILIA_STATIC_DIR, SIMILIA_TODAY;
 * SIMILIA_FRESH_INSTALL=1 leaves a new store empty (the app opens on its pairing screen) instead of
 * creating the demo store; SIMILIA_PAIR_SERVER + SIMILIA_PAIR_CODE pair an unpaired store at start
 * (`npm start` passes them for its embedded sync server).
 */
const started = performance.now();
const dataDir = resolve(process.env.SIMILIA_DATA_DIR ?? '.data/app');
const dbPath = join(dataDir, 'similia.db');
const port = Number(process.env.SIMILIA_PORT ?? 5180);
if (!Number.isInteger(port) || port < 0 || port > 65535) stop(`SIMILIA_PORT must be a port number (0 = any free port), not "${process.env.SIMILIA_PORT}".`);
mkdirSync(dataDir, { recursive: true });

// Provisioned means "has a device row", not "the file exists": a first run interrupted before the
// demo data committed leaves an empty store, which the next start fills.
const store = openStore(dbPath);
try {
  if (store.prepare(/* sql */ `SELECT 1 FROM device`).get() === undefined && process.env.SIMILIA_FRESH_INSTALL !== '1') {
    console.log(`First run: creating the demo store at ${dbPath}`);
    await generateDemo(store, { today: process.env.SIMILIA_TODAY ?? businessDateOf(Date.now()), onProgress: (m) => console.log(`  ${m}`) });
  }
} finally {
  store.close();
}

const core = createAppCore({ dbPath, sync: { log: (m) => console.log(`sync: ${m}`) } });
await autoPair(core);
const host = await startBrowserHost({
  core,
  staticDir: resolve(process.env.SIMILIA_STATIC_DIR ?? 'dist/renderer'),
  host: process.env.SIMILIA_HOST ?? '127.0.0.1',
  port,
  launchKey: process.env.SIMILIA_LAUNCH_KEY ?? randomBytes(24).toString('base64url'),
}).catch((error: unknown) => {
  void core.close();
  const code = (error as { code?: string }).code;
  return stop(code === 'EADDRINUSE' ? `Port ${port} is already in use: stop the other Similia or set SIMILIA_PORT (0 = any free port).` : `Could not start the local host: ${String(error)}`);
});
console.log(`Similia (browser mode) ready in ${Math.round(performance.now() - started)} ms: ${host.url}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void host.close().then(async () => {
      await core.close();
      process.exit(0);
    });
  });
}

/** Pairs an unpaired store with the server `npm start` started, once; a failure leaves it offline. */
async function autoPair(app: AppCore): Promise<void> {
  const server = process.env.SIMILIA_PAIR_SERVER;
  const code = process.env.SIMILIA_PAIR_CODE;
  if (server === undefined || code === undefined || app.sync === null || app.sync.paired) return;
  const paired = await app.sync.pair(server, code);
  console.log(paired.ok ? `Paired with the sync server at ${server}.` : `Could not pair with ${server}: ${paired.error.message} The app works offline.`);
}

function stop(message: string): never {
  console.error(message);
  process.exit(1);
}
