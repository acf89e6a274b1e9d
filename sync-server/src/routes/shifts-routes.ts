import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services.js';

/** REST routes of Shifts: float, cash in/out, X and Z reports. */
export const shiftsRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async () => {};
