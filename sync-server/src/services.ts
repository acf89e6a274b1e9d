import type { ServerConfig } from './config.js';
import type { Db } from './db/db.js';
import { migrate } from './db/migrate.js';
import { KeyStore } from './auth/keys.js';
import { hashSecret, newId } from './auth/secrets.js';
import { TokenService } from './auth/tokens.js';
import { seedTaxRates } from './sync/tax-rates.js';
import { seedDemo } from './demo-seed.js';
import { OutboxPublisher } from './outbox/publisher.js';
import type { Metrics } from './http/metrics.js';

/** What route plugins receive: the database, token machinery and configuration. */
export interface Services {
  db: Db;
  config: ServerConfig;
  keys: KeyStore;
  tokens: TokenService;
  /** The in-process outbox publisher when NATS_URL is set (started and stopped with the app). */
  outbox?: OutboxPublisher;
  /** Set by buildApp: this instance's Prometheus registry and the metrics routes record into. */
  metrics?: Metrics;
}

const BOOTSTRAP_LOCK = 731_245_003;

/**
 * Start-up work in order: migrations (advisory-locked), the statutory tax rates, signing keys (created on first start),
 * then the bootstrap admin when SIMILIA_ADMIN_PASSWORD is set and the database has no users, then
 * the demo organisation when SIMILIA_DEMO=1 and the database has no branches.
 */
export async function createServices(db: Db, config: ServerConfig): Promise<Services> {
  await migrate(db);
  await seedTaxRates(db);
  const keys = new KeyStore(db, config.keyReloadIntervalMs);
  await keys.init();
  const tokens = new TokenService(keys, config.accessTtlSeconds);
  if (config.adminPassword !== undefined) await ensureAdmin(db, config.adminPassword, config.scryptN);
  if (config.demo) await seedDemo(db, { scryptN: config.scryptN });
  const outbox = config.natsUrl === undefined ? undefined : new OutboxPublisher({ db, natsUrl: config.natsUrl });
  return { db, config, keys, tokens, ...(outbox === undefined ? {} : { outbox }) };
}

/** Creates `admin` only on an empty users table; concurrent instances serialise on a lock. */
export async function ensureAdmin(db: Db, password: string, scryptN: number): Promise<boolean> {
  const passwordHash = await hashSecret(password, scryptN);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
    const any = await tx.query('SELECT 1 FROM users LIMIT 1');
    if (any.rows.length > 0) return false;
    await tx.query(
      `INSERT INTO users (id, username, name, role, password_hash) VALUES ($1, 'admin', 'Administrator', 'admin', $2)`,
      [newId(), passwordHash],
    );
    return true;
  });
}
