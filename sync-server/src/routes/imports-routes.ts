import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services.js';

/** REST routes of CSV import of the catalogue and opening stock. */
export const importsRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async () => {};
