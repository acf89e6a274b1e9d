/**
 * `npm run outbox`: the outbox publisher on its own (several may run beside the servers; claims
 * never overlap). Needs NATS_URL; DATABASE_URL for Postgres (PGlite cannot be shared between
 * processes, so an embedded server publishes in-process instead).
 */
import { migrate } from '../db/migrate.js';
import { openPgDb } from '../db/pg-db.js';
import { OutboxPublisher } from './publisher.js';

const natsUrl = process.env.NATS_URL;
const databaseUrl = process.env.DATABASE_URL;
if (natsUrl === undefined || natsUrl === '' || databaseUrl === undefined || databaseUrl === '') {
  console.error('npm run outbox needs NATS_URL (e.g. nats://127.0.0.1:4222) and DATABASE_URL (a Postgres URL).');
  process.exit(2);
}
const db = openPgDb(databaseUrl, { max: 4 });
await migrate(db);
const publisher = new OutboxPublisher({ db, natsUrl, log: (message, detail) => console.log(JSON.stringify({ time: new Date().toISOString(), msg: message, ...detail })) });
await publisher.start();
console.log(JSON.stringify({ time: new Date().toISOString(), msg: 'outbox publisher running', publisherId: publisher.publisherId, natsUrl }));
const stop = async (): Promise<void> => {
  await publisher.stop();
  await db.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
