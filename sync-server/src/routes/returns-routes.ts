import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services.js';

/** REST routes of Returns against an invoice, credit notes, refunds, store credit. */
export const returnsRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async () => {};
