import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services.js';

/** REST routes of Goods receipt screen, adjustments with approval, stock alerts. */
export const stockOfficeRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async () => {};
