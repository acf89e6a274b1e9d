import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { isBusinessDate } from '../../../shared/src/dates.js';
import { checkSchemeDefinition, type Scheme } from '../../../shared/src/schemes.js';
import { newId } from '../auth/secrets.js';
import { HttpError } from '../http/errors.js';
import { requireUser } from '../http/guards.js';
import { AUTH_ERRORS, IdParams, Uuid } from '../http/schemas.js';
import { deactivateScheme, getScheme, insertScheme, listSchemes, updateScheme } from '../schemes/scheme-repo.js';
import type { Services } from '../services.js';

const BusinessDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Business date, YYYY-MM-DD (Asia/Kolkata)' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const SchemeBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    kind: Type.Union([Type.Literal('percent'), Type.Literal('amount'), Type.Literal('free_qty')], { description: 'percent off, amount off (per unit on a line, once on a bill), or buy N get M free' }),
    targetType: Type.Union([Type.Literal('product'), Type.Literal('brand'), Type.Literal('form'), Type.Literal('bill')]),
    targetValue: Type.Optional(Type.String({ maxLength: 200, description: "Product id, brand or form; '' or absent for a bill scheme" })),
    percentBp: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 10_000, description: 'Basis points off: 1000 = 10 %' }))),
    amountPaise: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000_000 }))),
    buyQty: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1000 }))),
    freeQty: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1000 }))),
    minBillPaise: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000_000, description: 'Applies only when the bill gross is at least this' })),
    validFrom: BusinessDate,
    validTo: Type.Optional(Nullable(BusinessDate)),
    branchIds: Type.Optional(Nullable(Type.Array(Uuid, { minItems: 1, maxItems: 500, uniqueItems: true, description: 'null or absent: every branch' }))),
    capBp: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000, description: 'Cap of manual + scheme discount on a line; null: the default 30 %' }))),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
type SchemeBody = Static<typeof SchemeBody>;

export const SchemeSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: Type.String(),
  targetType: Type.String(),
  targetValue: Type.String(),
  percentBp: Nullable(Type.Integer()),
  amountPaise: Nullable(Type.Integer()),
  buyQty: Nullable(Type.Integer()),
  freeQty: Nullable(Type.Integer()),
  minBillPaise: Type.Integer(),
  validFrom: Type.String(),
  validTo: Nullable(Type.String()),
  branchIds: Nullable(Type.Array(Uuid)),
  capBp: Nullable(Type.Integer()),
  active: Type.Boolean(),
  updatedAt: Type.String({ format: 'date-time' }),
});

const ListQuery = Type.Object({ active: Type.Optional(Type.Boolean({ description: 'true: active schemes only' })) }, { additionalProperties: false });

/** Body → scheme, with the rules no schema can say (dates, kind fields, known branches and products); 400 otherwise. */
async function toScheme(services: Services, id: string, b: SchemeBody): Promise<Scheme> {
  for (const [field, date] of [['validFrom', b.validFrom], ['validTo', b.validTo ?? null]] as const) {
    if (date !== null && !isBusinessDate(date)) throw new HttpError(400, 'input.invalid', `${field}: ${date} is not a calendar date.`);
  }
  const scheme: Scheme = {
    id, name: b.name, kind: b.kind, targetType: b.targetType, targetValue: b.targetValue ?? '', percentBp: b.percentBp ?? null, amountPaise: b.amountPaise ?? null,
    buyQty: b.buyQty ?? null, freeQty: b.freeQty ?? null, minBillPaise: b.minBillPaise ?? 0, validFrom: b.validFrom, validTo: b.validTo ?? null,
    branchIds: b.branchIds ?? null, capBp: b.capBp ?? null, active: b.active ?? true,
  };
  const check = checkSchemeDefinition(scheme);
  if (check.kind === 'invalid') throw new HttpError(400, 'scheme.invalid', `${check.field}: ${check.message}`);
  if (scheme.branchIds !== null) {
    const known = await services.db.query('SELECT id FROM branches WHERE id = ANY($1::uuid[])', [scheme.branchIds]);
    if (known.rows.length !== scheme.branchIds.length) throw new HttpError(400, 'input.invalid', 'branchIds: names a branch that does not exist.');
  }
  if (scheme.targetType === 'product') {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(scheme.targetValue);
    const known = uuid ? await services.db.query('SELECT 1 FROM products WHERE id = $1', [scheme.targetValue]) : { rows: [] };
    if (known.rows.length === 0) throw new HttpError(400, 'input.invalid', 'targetValue: no product with that id.');
  }
  return scheme;
}

/**
 * Schemes (campaigns) of the central office: any signed-in user may list them; only admins create,
 * edit and deactivate. Devices receive them on the org-wide feed (table `schemes`).
 */
export const schemesRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { db } = services;
  const tags = ['schemes'];

  app.get(
    '/v1/schemes',
    { schema: { tags, summary: 'List schemes', querystring: ListQuery, response: { 200: Type.Object({ schemes: Type.Array(SchemeSchema) }), ...AUTH_ERRORS } } },
    async (request) => {
      await requireUser(services, request);
      return { schemes: await listSchemes(db, request.query.active === true) };
    },
  );

  app.post(
    '/v1/schemes',
    { schema: { tags, summary: 'Create a scheme (admin)', body: SchemeBody, response: { 201: SchemeSchema, ...AUTH_ERRORS } } },
    async (request, reply) => {
      const user = await requireUser(services, request, ['admin']);
      const scheme = await toScheme(services, newId(), request.body);
      return reply.status(201).send(await insertScheme(db, scheme, user.userId));
    },
  );

  app.put(
    '/v1/schemes/:id',
    { schema: { tags, summary: 'Replace a scheme (admin)', params: IdParams, body: SchemeBody, response: { 200: SchemeSchema, ...AUTH_ERRORS } } },
    async (request) => {
      await requireUser(services, request, ['admin']);
      if ((await getScheme(db, request.params.id)) === null) throw new HttpError(404, 'resource.not_found', 'No such scheme.');
      const updated = await updateScheme(db, await toScheme(services, request.params.id, request.body));
      if (updated === null) throw new HttpError(404, 'resource.not_found', 'No such scheme.');
      return updated;
    },
  );

  app.post(
    '/v1/schemes/:id/deactivate',
    { schema: { tags, summary: 'Deactivate a scheme (admin); schemes are never deleted', params: IdParams, response: { 200: SchemeSchema, ...AUTH_ERRORS } } },
    async (request) => {
      await requireUser(services, request, ['admin']);
      const done = await deactivateScheme(db, request.params.id);
      if (done === null) throw new HttpError(404, 'resource.not_found', 'No such scheme.');
      return done;
    },
  );
};
