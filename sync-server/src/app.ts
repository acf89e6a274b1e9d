import { stockOfficeRoutes } from './routes/stock-office-routes.js';
import { stocktakeRoutes } from './routes/stocktake-routes.js';
import { transfersRoutes } from './routes/transfers-routes.js';
import { returnsRoutes } from './routes/returns-routes.js';
import { shiftsRoutes } from './routes/shifts-routes.js';
import { customersRoutes } from './routes/customers-routes.js';
import { schemesRoutes } from './routes/schemes-routes.js';
import { importsRoutes } from './routes/imports-routes.js';
import { createHash, randomUUID } from 'node:crypto';
import { constants as zlibConstants } from 'node:zlib';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ServerConfig } from './config.js';
import type { Db } from './db/db.js';
import { HttpError, installErrorHandlers } from './http/errors.js';
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
import { metricsRoutes } from './routes/metrics.js';
import { reportRoutes } from './routes/reports.js';
import { createMetrics, instrumentHttp } from './http/metrics.js';

export type App = FastifyInstance & { services: Services };

/** Who a request counts against for rate limits: its token (hashed) when it has one, else its address. */
function rateKey(request: FastifyRequest): string {
  const auth = request.headers.authorization;
  return typeof auth === 'string' && auth.length > 0 ? `t:${createHash('sha256').update(auth).digest('base64url').slice(0, 22)}` : `a:${request.ip}`;
}

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
  const config = options.config;
  const app = Fastify({
    // pino, one JSON line per event, with the request id (reqId) on every line of a request.
    logger: options.logger ?? false,
    bodyLimit: 8 * 1024 * 1024,
    schemaErrorFormatter: formatSchemaErrors,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  installErrorHandlers(app);
  const metrics = createMetrics(services.db);
  services.metrics = metrics;
  instrumentHttp(app, metrics.registry);
  // Echo the request id so a client's report can be matched with the server's log lines.
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Similia sync server', version: '1', description: 'Device sync (push/pull), pairing, tokens and office administration. See docs/sync-protocol.md.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  // CORS only for the origins configured (CORS_ORIGINS); none configured = no CORS headers at all.
  await app.register(cors, { origin: config.corsOrigins.length === 0 ? false : [...config.corsOrigins], credentials: false });
  // Fast settings: a first sync is tens of MB of JSON; on a shop's LAN or Wi-Fi compressing it pays,
  // at brotli quality 4 / gzip level 4 without costing more CPU than it saves in transfer.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip', 'deflate'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 4 },
  });
  // Every route is rate limited per token (or address); login has its own, stricter limits.
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: rateKey,
    allowList: (request) => ['/health', '/ready', '/metrics'].includes(request.routeOptions.url ?? ''),
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, 'rate.limited', `Too many requests: at most ${context.max} a minute; try again in ${Math.ceil(context.ttl / 1000)} s.`),
  });
  await app.register(healthRoutes, { services });
  await app.register(authRoutes, { services });
  await app.register(branchRoutes, { services });
  await app.register(deviceRoutes, { services });
  await app.register(userRoutes, { services });
  await app.register(syncPushRoutes, { services });
  await app.register(syncPullRoutes, { services });
  await app.register(adminOutboxRoutes, { services });
  await app.register(metricsRoutes, { services });
  await app.register(reportRoutes, { services });
  await app.register(stockOfficeRoutes, { services });
  await app.register(stocktakeRoutes, { services });
  await app.register(transfersRoutes, { services });
  await app.register(returnsRoutes, { services });
  await app.register(shiftsRoutes, { services });
  await app.register(customersRoutes, { services });
  await app.register(schemesRoutes, { services });
  await app.register(importsRoutes, { services });
  // The publisher runs with the app: started once it is ready, stopped after in-flight requests on
  // close, finishing the batch it is publishing (graceful shutdown).
  const outbox = services.outbox;
  if (outbox !== undefined) {
    outbox.onPublished = (_event, latencyMs) => metrics.publishLatency.observe(latencyMs / 1000);
    app.addHook('onReady', async () => outbox.start());
    app.addHook('onClose', async () => outbox.stop());
  }
  await app.ready();
  return Object.assign(app, { services }) as unknown as App;
}
