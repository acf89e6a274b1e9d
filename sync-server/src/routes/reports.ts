import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { businessDateOf, daysBetween } from '../../../shared/src/dates.js';
import type { Services } from '../services.js';
import { HttpError } from '../http/errors.js';
import { requireUser } from '../http/guards.js';
import { AUTH_ERRORS, Uuid } from '../http/schemas.js';
import { customerSegments } from '../reports/customer-reports.js';
import { gstSummary, paymentMix, salesTrend, topBrands, topProducts, type ReportRange } from '../reports/sales-reports.js';
import { expiringStock, reorderSuggestions, slowMovers, stockValuation } from '../reports/stock-reports.js';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Business date (IST), YYYY-MM-DD' });
const MAX_RANGE_DAYS = 3 * 366;

function query<P extends Record<string, TSchema>>(extra: P) {
  return Type.Object({ from: Day, to: Day, branchId: Type.Optional(Uuid), ...extra }, { additionalProperties: false });
}
function asOfQuery<P extends Record<string, TSchema>>(extra: P) {
  return Type.Object({ asOf: Type.Optional(Day), branchId: Type.Optional(Uuid), ...extra }, { additionalProperties: false });
}
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 }));
// Report bodies are plain data built here from SQL; their shapes are documented in docs/reports.md.
const Reply = { 200: Type.Unknown(), ...AUTH_ERRORS };

/**
 * The branches a report covers: an admin sees every branch (or the one asked for); a manager only
 * the branches they belong to, and asking for another is refused. Cashiers and pharmacists: 403.
 */
async function scope(services: Services, request: FastifyRequest, branchId: string | undefined): Promise<string[]> {
  const user = await requireUser(services, request, ['admin', 'manager']);
  if (user.role === 'admin') {
    if (branchId === undefined) return (await services.db.query<{ id: string }>('SELECT id FROM branches ORDER BY code')).rows.map((r) => r.id);
    const known = await services.db.query('SELECT 1 FROM branches WHERE id = $1', [branchId]);
    if (known.rows.length === 0) throw new HttpError(404, 'resource.not_found', 'No such branch.');
    return [branchId];
  }
  const mine = (await services.db.query<{ branch_id: string }>('SELECT branch_id FROM user_branches WHERE user_id = $1', [user.userId])).rows.map((r) => r.branch_id);
  if (branchId === undefined) return mine;
  if (!mine.includes(branchId)) throw new HttpError(403, 'auth.forbidden', 'A manager sees reports of their own branches only.');
  return [branchId];
}

async function range(services: Services, request: FastifyRequest, q: { from: string; to: string; branchId?: string }): Promise<ReportRange> {
  if (q.from > q.to) throw new HttpError(400, 'input.invalid', `The range starts (${q.from}) after it ends (${q.to}).`);
  if (daysBetween(q.from, q.to) > MAX_RANGE_DAYS) throw new HttpError(400, 'input.invalid', 'A report covers at most three years.');
  return { branchIds: await scope(services, request, q.branchId), from: q.from, to: q.to };
}

/** `/v1/reports/*`: admins (every branch) and managers (their branches). docs/reports.md. */
export const reportRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const db = services.db;
  const today = (): string => businessDateOf(Date.now());

  app.get('/v1/reports/sales-trend', { schema: { querystring: query({ granularity: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')])) }), response: Reply } }, async (request) => {
    const r = await range(services, request, request.query);
    return { ...r, granularity: request.query.granularity ?? 'day', rows: await salesTrend(db, r, request.query.granularity ?? 'day') };
  });

  app.get('/v1/reports/top-products', { schema: { querystring: query({ by: Type.Optional(Type.Union([Type.Literal('revenue'), Type.Literal('qty')])), limit: Limit }), response: Reply } }, async (request) => {
    const r = await range(services, request, request.query);
    return { ...r, rows: await topProducts(db, r, request.query.by ?? 'revenue', request.query.limit ?? 20) };
  });

  app.get('/v1/reports/top-brands', { schema: { querystring: query({ limit: Limit }), response: Reply } }, async (request) => {
    const r = await range(services, request, request.query);
    return { ...r, rows: await topBrands(db, r, request.query.limit ?? 20) };
  });

  app.get('/v1/reports/payment-mix', { schema: { querystring: query({}), response: Reply } }, async (request) => {
    const r = await range(services, request, request.query);
    return { ...r, rows: await paymentMix(db, r) };
  });

  app.get('/v1/reports/gst-summary', { schema: { querystring: query({}), response: Reply } }, async (request) => {
    const r = await range(services, request, request.query);
    return { ...r, ...(await gstSummary(db, r)) };
  });

  app.get('/v1/reports/customer-segments', { schema: { querystring: query({ limit: Limit }), response: Reply } }, async (request) => {
    const r = await range(services, request, request.query);
    return { ...r, method: 'RFM quintiles', ...(await customerSegments(db, r, request.query.limit ?? 20)) };
  });

  app.get('/v1/reports/stock-valuation', { schema: { querystring: Type.Object({ branchId: Type.Optional(Uuid) }, { additionalProperties: false }), response: Reply } }, async (request) => {
    const branchIds = await scope(services, request, request.query.branchId);
    return { branchIds, ...(await stockValuation(db, branchIds)) };
  });

  app.get('/v1/reports/expiring', { schema: { querystring: asOfQuery({}), response: Reply } }, async (request) => {
    const branchIds = await scope(services, request, request.query.branchId);
    return { branchIds, ...(await expiringStock(db, branchIds, request.query.asOf ?? today())) };
  });

  app.get('/v1/reports/slow-movers', { schema: { querystring: asOfQuery({ days: Type.Optional(Type.Integer({ minimum: 7, maximum: 365 })), maxSold: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })), limit: Limit }), response: Reply } }, async (request) => {
    const branchIds = await scope(services, request, request.query.branchId);
    const { asOf = today(), days = 90, maxSold = 0, limit = 20 } = request.query;
    return { branchIds, asOf, days, maxSold, rows: await slowMovers(db, branchIds, asOf, days, maxSold, limit) };
  });

  app.get('/v1/reports/reorder', {
    schema: {
      querystring: asOfQuery({
        historyDays: Type.Optional(Type.Integer({ minimum: 14, maximum: 365 })),
        leadDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 90 })),
        coverDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 180 })),
        limit: Limit,
      }),
      response: Reply,
    },
  }, async (request) => {
    const branchIds = await scope(services, request, request.query.branchId);
    const { asOf = today(), historyDays = 90, leadDays = 7, coverDays = 14, limit = 50 } = request.query;
    return { branchIds, asOf, historyDays, leadDays, coverDays, ...(await reorderSuggestions(db, branchIds, { asOf, historyDays, leadDays, coverDays, alpha: 0.1, limit })) };
  });
};
