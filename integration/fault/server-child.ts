/**
 * The sync server as the fault suite runs it: the real app on a real Postgres, in its own process
 * so the harness can SIGKILL it mid-request. Cheap scrypt (the cost travels in each hash) and no
 * request log keep hundreds of sessions fast. Prints `READY <port>` once listening.
 * Environment: DATABASE_URL (required), PORT (0 = any free port).
 */
import { buildApp } from '../../sync-server/src/app.js';
import { DEFAULT_CONFIG } from '../../sync-server/src/config.js';
import { openPgDb } from '../../sync-server/src/db/pg-db.js';

const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl === undefined) throw new Error('DATABASE_URL is required');
const db = openPgDb(databaseUrl, { max: 8 });
const app = await buildApp({
  db,
  config: { ...DEFAULT_CONFIG, databaseUrl, adminPassword: process.env.SIMILIA_ADMIN_PASSWORD, scryptN: 2 ** 10, loginRateMax: 1000, pullPollIntervalMs: 50 },
});
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`READY ${typeof address === 'object' && address !== null ? address.port : 0}\n`);
// Never outlive the harness (a test run killed mid-way would leave a server holding its port).
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(1);
}, 500).unref();
process.once('SIGTERM', () => {
  void app.close().then(() => db.close()).then(() => process.exit(0));
});
