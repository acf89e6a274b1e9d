import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services.js';

/** REST routes of Customer search, history, loyalty points, B2B. */
export const customersRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async () => {};
