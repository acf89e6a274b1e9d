import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Services } from '../services.js';
import { HttpError } from '../http/errors.js';
import { requireUser } from '../http/guards.js';
import { AUTH_ERRORS, ErrorSchema, Uuid } from '../http/schemas.js';
import { listOutbox, replay } from '../outbox/outbox-store.js';

const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()]);

const OutboxEntrySchema = Type.Object({
  id: Uuid,
  type: Type.String(),
  aggregateId: Type.String(),
  branchId: Nullable(Type.String()),
  status: Type.Union([Type.Literal('pending'), Type.Literal('published'), Type.Literal('dead')]),
  attempts: Type.Integer(),
  createdAt: Type.String(),
  firstAttemptAt: Nullable(Type.String()),
  lastAttemptAt: Nullable(Type.String()),
  nextAttemptAt: Nullable(Type.String()),
  lastError: Nullable(Type.String()),
  brokerAnswer: Type.Unknown(),
  publishedAt: Nullable(Type.String()),
  streamSeq: Type.Union([Type.Integer(), Type.Null()]),
});

const ListQuery = Type.Object(
  {
    status: Type.Union([Type.Literal('pending'), Type.Literal('dead'), Type.Literal('published')], { default: 'pending' }),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  },
  { additionalProperties: false },
);

/** The outbox as an admin sees it: what waits, what died and why; replay of one event (admin only). */
export const adminOutboxRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/v1/admin/outbox',
    { schema: { querystring: ListQuery, response: { 200: Type.Object({ status: Type.String(), total: Type.Integer(), events: Type.Array(OutboxEntrySchema) }), ...AUTH_ERRORS } } },
    async (request) => {
      await requireUser(services, request, ['admin']);
      const { status = 'pending', limit = 100 } = request.query;
      const { entries, total } = await listOutbox(services.db, status, limit);
      return { status, total, events: entries };
    },
  );

  app.post(
    '/v1/admin/outbox/:id/replay',
    { schema: { params: Type.Object({ id: Uuid }, { additionalProperties: false }), response: { 200: OutboxEntrySchema, ...AUTH_ERRORS, 404: ErrorSchema, 409: ErrorSchema } } },
    async (request) => {
      await requireUser(services, request, ['admin']);
      const replayed = await replay(services.db, request.params.id);
      if (replayed !== null) {
        services.outbox?.wake();
        return replayed;
      }
      const known = await services.db.query('SELECT 1 FROM outbox WHERE id = $1', [request.params.id]);
      if (known.rows.length === 0) throw new HttpError(404, 'resource.not_found', 'No outbox event has that id.');
      throw new HttpError(409, 'resource.conflict', 'That event is already published; replaying it would not change anything.');
    },
  );
};
