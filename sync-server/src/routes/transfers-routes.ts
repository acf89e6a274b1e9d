import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services.js';

/** REST routes of Transfers between branches. */
export const transfersRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async () => {};
