/**
 * `npm run server`: the sync server. PGlite under SIMILIA_SERVER_DATA unless DATABASE_URL names
 * a Postgres. Stops cleanly on SIGINT/SIGTERM.
 */
import { buildApp } from './app.js';
import { configFromEnv } from './config.js';
import type { Db } from './db/db.js';
import { openPgDb } from './db/pg-db.js';
import { openPgliteDb } from './db/pglite-db.js';

async function main(): Promise<void> {
  const config = configFromEnv(process.env);
  const db: Db = config.databaseUrl !== undefined ? openPgDb(config.databaseUrl) : await openPgliteDb(config.dataDir);
  const app = await buildApp({ db, config, logger: true });
  await app.listen({ port: config.port, host: config.host });
  const stop = async (): Promise<void> => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
