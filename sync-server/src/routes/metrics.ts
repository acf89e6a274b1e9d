import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { timingSafeEqual } from 'node:crypto';
import type { Services } from '../services.js';
import { HttpError } from '../http/errors.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * `GET /metrics` in Prometheus text format. With METRICS_TOKEN set, the scraper sends it as a
 * bearer token; without it, only loopback may scrape (a sidecar or an SSH tunnel).
 */
export const metricsRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const token = services.config.metricsToken;
    if (token !== undefined) {
      const auth = request.headers.authorization ?? '';
      if (!auth.startsWith('Bearer ') || !sameSecret(auth.slice(7), token)) throw new HttpError(401, 'auth.required', 'Send the metrics token as a bearer token.');
    } else if (!LOOPBACK.has(request.ip)) {
      throw new HttpError(403, 'auth.forbidden', 'Metrics are served to loopback only unless METRICS_TOKEN is set.');
    }
    const registry = services.metrics?.registry;
    if (registry === undefined) throw new HttpError(404, 'resource.not_found', 'Metrics are off.');
    return reply.type(registry.contentType).send(await registry.metrics());
  });
};
