import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services.js';

/** REST routes of Stocktake count sheets, variance, posting. */
export const stocktakeRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async () => {};
