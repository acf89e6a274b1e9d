import { DEFAULT_SCRYPT_N } from './auth/secrets.js';

/** Everything the server reads from its environment, resolved once at start-up. */
export interface ServerConfig {
  port: number;
  host: string;
  /** Postgres URL; undefined = embedded PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  adminPassword: string | undefined;
  demo: boolean;
  /** NATS with JetStream for the outbox publisher (`NATS_URL`); unset = events wait in the outbox, reported pending. */
  natsUrl: string | undefined;
  /** Browser origins allowed by CORS (`CORS_ORIGINS`, comma-separated); empty = none. */
  corsOrigins: readonly string[];
  /** Requests a minute per token or address on every route but health, ready and metrics. */
  rateLimitPerMinute: number;
  /** Bearer token a Prometheus scraper sends to /metrics (`METRICS_TOKEN`); unset = loopback only. */
  metricsToken: string | undefined;
  /** Access token lifetime, at most 15 minutes. */
  accessTtlSeconds: number;
  /** Refresh token lifetime; rotation extends it on every use. */
  refreshTtlSeconds: number;
  /** A refresh retried with the same rotationId within this many seconds, its successor unused, is a lost answer, not theft. */
  refreshRetryGraceSeconds: number;
  pairingCodeTtlSeconds: number;
  /** scrypt cost for new password/PIN hashes (tests lower it; the cost travels in the hash). */
  scryptN: number;
  /** Login attempts allowed per username+address per window. */
  loginRateMax: number;
  loginRateWindowMs: number;
  /** Minimum gap between key-table re-reads triggered by an unknown kid. */
  keyReloadIntervalMs: number;
  /** How often a long-polling pull re-reads the change feed. */
  pullPollIntervalMs: number;
}

export const DEFAULT_CONFIG: ServerConfig = {
  port: 3004,
  host: '127.0.0.1',
  databaseUrl: undefined,
  dataDir: '.data/server',
  adminPassword: undefined,
  demo: false,
  natsUrl: undefined,
  corsOrigins: [],
  rateLimitPerMinute: 6_000,
  metricsToken: undefined,
  accessTtlSeconds: 10 * 60,
  refreshTtlSeconds: 30 * 24 * 3600,
  refreshRetryGraceSeconds: 15 * 60,
  pairingCodeTtlSeconds: 15 * 60,
  scryptN: DEFAULT_SCRYPT_N,
  loginRateMax: 10,
  loginRateWindowMs: 60_000,
  keyReloadIntervalMs: 5_000,
  pullPollIntervalMs: 250,
};

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** Reads PORT, HOST, DATABASE_URL, SIMILIA_SERVER_DATA, SIMILIA_ADMIN_PASSWORD, SIMILIA_DEMO, NATS_URL, CORS_ORIGINS, METRICS_TOKEN. */
export function configFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  const port = Number(env.PORT ?? DEFAULT_CONFIG.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be 0..65535, got ${env.PORT}`);
  return {
    ...DEFAULT_CONFIG,
    port,
    host: nonEmpty(env.HOST) ?? DEFAULT_CONFIG.host,
    databaseUrl: nonEmpty(env.DATABASE_URL),
    dataDir: nonEmpty(env.SIMILIA_SERVER_DATA) ?? DEFAULT_CONFIG.dataDir,
    adminPassword: nonEmpty(env.SIMILIA_ADMIN_PASSWORD),
    demo: env.SIMILIA_DEMO === '1',
    natsUrl: nonEmpty(env.NATS_URL),
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter((o) => o !== ''),
    metricsToken: nonEmpty(env.METRICS_TOKEN),
  };
}
