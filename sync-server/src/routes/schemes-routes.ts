import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services.js';

/** REST routes of Schemes and campaigns from the office. */
export const schemesRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async () => {};
