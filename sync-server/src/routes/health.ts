import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../services.js';
import { ErrorSchema } from '../http/schemas.js';

const READY_TIMEOUT_MS = 2_000;

/** Liveness (process up) and readiness (database answers within 2 s). */
export const healthRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get('/health', { schema: { response: { 200: Type.Object({ status: Type.Literal('ok') }) } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get(
    '/ready',
    { schema: { response: { 200: Type.Object({ status: Type.Literal('ready') }), 503: ErrorSchema } } },
    async (_request, reply) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
      });
      try {
        await Promise.race([services.db.query('SELECT 1'), timeout]);
        return { status: 'ready' as const };
      } catch {
        return reply.status(503).send({ error: { code: 'db.unavailable', message: 'The database does not answer.' } });
      } finally {
        clearTimeout(timer);
      }
    },
  );
};
