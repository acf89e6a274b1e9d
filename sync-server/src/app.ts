import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ServerConfig } from './config.js';
import type { Db } from './db/db.js';
import { installErrorHandlers } from './http/errors.js';
import { formatSchemaErrors, validatorCompiler } from './http/validation.js';
import { createServices, type Services } from './services.js';
import { healthRoutes } from './routes/health.js';
import { authRoutes } from './routes/auth.js';
import { branchRoutes } from './routes/branches.js';
import { deviceRoutes } from './routes/devices.js';
import { userRoutes } from './routes/users.js';
import { syncPushRoutes } from './routes/sync-push.js';
import { syncPullRoutes } from './routes/sync-pull.js';
import { adminOutboxRoutes } from './routes/admin-outbox.js';

export type App = FastifyInstance & { services: Services };

export interface BuildAppOptions {
  db: Db;
  config: ServerConfig;
  /** Fastify logger setting; off in tests. */
  logger?: boolean;
}

/**
 * Builds the server in order: db (given) → services (migrations, keys, bootstrap admin) → routes.
 * Tests drive the result with `inject` or `listen({ port: 0 })`. The caller owns `db`.
 */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const services = await createServices(options.db, options.config);
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 8 * 1024 * 1024,
    schemaErrorFormatter: formatSchemaErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  installErrorHandlers(app);
  await app.register(rateLimit, { global: false });
  await app.register(healthRoutes, { services });
  await app.register(authRoutes, { services });
  await app.register(branchRoutes, { services });
  await app.register(deviceRoutes, { services });
  await app.register(userRoutes, { services });
  await app.register(syncPushRoutes, { services });
  await app.register(syncPullRoutes, { services });
  await app.register(adminOutboxRoutes, { services });
  // The publisher runs with the app: started once it is ready, stopped after in-flight requests on
  // close, finishing the batch it is publishing (graceful shutdown).
  const outbox = services.outbox;
  if (outbox !== undefined) {
    app.addHook('onReady', async () => outbox.start());
    app.addHook('onClose', async () => outbox.stop());
  }
  await app.ready();
  return Object.assign(app, { services }) as unknown as App;
}
