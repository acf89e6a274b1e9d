import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { HttpError } from '../http/errors.js';
import { requireBranchManager, requireUser } from '../http/guards.js';
import { AUTH_ERRORS, IdParams } from '../http/schemas.js';
import type { Services } from '../services.js';

const Instant = Type.String({ format: 'date-time' });
const Money = Type.Union([Type.Integer(), Type.Null()]);

const ShiftSchema = Type.Object({
  id: Type.String(),
  deviceId: Type.String(),
  shiftNo: Type.Integer(),
  staffId: Type.String(),
  staffName: Type.Union([Type.String(), Type.Null()]),
  openedAt: Type.String(),
  closedAt: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  floatPaise: Type.Integer(),
  expectedPaise: Money,
  countedPaise: Money,
  variancePaise: Money,
  approvedBy: Type.Union([Type.String(), Type.Null()]),
  reported: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
  server: Type.Union([Type.Object({ salesCount: Type.Integer(), salesTotalPaise: Type.Integer(), cashSalesPaise: Type.Integer() }), Type.Null()]),
  anomalies: Type.Array(Type.String()),
});

interface Row {
  id: string;
  device_id: string;
  shift_no: number;
  staff_id: string;
  staff_name: string | null;
  opened_at: string;
  closed_at: string | null;
  status: string;
  float_paise: string;
  expected_paise: string | null;
  counted_paise: string | null;
  variance_paise: string | null;
  approved_by: string | null;
  reported: Record<string, unknown> | null;
  server_sales_count: number | null;
  server_sales_paise: string | null;
  server_cash_paise: string | null;
  anomalies: string[];
}

const num = (v: string | null): number | null => (v === null ? null : Number(v));

/** REST routes of Shifts: a branch's shifts with the device's Z figures, the server's recount and anomalies (managers of the branch, admins). */
export const shiftsRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/v1/branches/:id/shifts',
    {
      schema: {
        params: IdParams,
        querystring: Type.Object({ from: Instant, to: Instant }, { additionalProperties: false }),
        response: { 200: Type.Object({ shifts: Type.Array(ShiftSchema) }), ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const user = await requireUser(services, request, ['manager', 'admin']);
      await requireBranchManager(services, user, request.params.id);
      if (Date.parse(request.query.from) > Date.parse(request.query.to)) throw new HttpError(400, 'input.invalid', 'from is after to.');
      const found = await services.db.query<Row>(
        /* sql */ `SELECT s.id, s.device_id, s.shift_no, s.staff_id, u.name AS staff_name, iso_utc(s.opened_at) AS opened_at, iso_utc(s.closed_at) AS closed_at, s.status,
                s.float_paise::text, s.expected_paise::text, s.counted_paise::text, s.variance_paise::text, s.approved_by, s.reported,
                s.server_sales_count, s.server_sales_paise::text, s.server_cash_paise::text,
                COALESCE((SELECT array_agg(a.kind ORDER BY a.kind) FROM anomalies a WHERE a.ref_id = s.id), '{}') AS anomalies
           FROM shifts s LEFT JOIN users u ON u.id = s.staff_id
          WHERE s.branch_id = $1 AND s.opened_at >= $2 AND s.opened_at <= $3
          ORDER BY s.opened_at DESC LIMIT 500`,
        [request.params.id, request.query.from, request.query.to],
      );
      return {
        shifts: found.rows.map((r) => ({
          id: r.id,
          deviceId: r.device_id,
          shiftNo: r.shift_no,
          staffId: r.staff_id,
          staffName: r.staff_name,
          openedAt: r.opened_at,
          closedAt: r.closed_at,
          status: r.status,
          floatPaise: Number(r.float_paise),
          expectedPaise: num(r.expected_paise),
          countedPaise: num(r.counted_paise),
          variancePaise: num(r.variance_paise),
          approvedBy: r.approved_by,
          reported: r.reported,
          server: r.server_sales_count === null ? null : { salesCount: r.server_sales_count, salesTotalPaise: Number(r.server_sales_paise), cashSalesPaise: Number(r.server_cash_paise) },
          anomalies: r.anomalies,
        })),
      };
    },
  );
};
