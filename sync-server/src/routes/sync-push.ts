import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../services.js';
import { requireDevice } from '../http/guards.js';
import { AUTH_ERRORS } from '../http/schemas.js';
import { PushBody } from '../sync/mutation-schemas.js';
import { pushMutations } from '../sync/push.js';

const PushReply = Type.Object({
  results: Type.Array(
    Type.Object({
      id: Type.String(),
      status: Type.Union([Type.Literal('applied'), Type.Literal('duplicate'), Type.Literal('rejected')]),
      code: Type.Optional(Type.String()),
      message: Type.Optional(Type.String()),
      pos: Type.Optional(Type.String()),
    }),
  ),
});

/** `POST /v1/sync/push`: a device's queued mutations, at most 500, answered in request order.
 * The answer is small (one short result per mutation) and not compressed: on loopback or a LAN
 * compressing it costs more time than it saves (bench/push-bench.ts).
 */
export const syncPushRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.post('/v1/sync/push', { compress: false, schema: { body: PushBody, response: { 200: PushReply, ...AUTH_ERRORS } } }, async (request) => {
    const device = await requireDevice(services, request);
    const results = await pushMutations(services.db, { deviceId: device.deviceId, branchId: device.branchId }, request.body.mutations);
    for (const r of results) services.metrics?.pushResults.inc({ status: r.status });
    return { results };
  });
};
