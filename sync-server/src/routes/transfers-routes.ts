/**
 * `GET /v1/transfers`: the office's view of transfers between branches (docs/transfers.md) with
 * what was sent, what arrived and the difference per line. Admins see every branch; a manager
 * sees transfers from or to the branches they belong to; other roles are refused.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireUser } from '../http/guards.js';
import { AUTH_ERRORS, Uuid } from '../http/schemas.js';
import type { Services } from '../services.js';

const Status = Type.Union([Type.Literal('in_transit'), Type.Literal('received'), Type.Literal('received_with_difference')]);

const TransfersQuery = Type.Object(
  {
    status: Type.Optional(Status),
    branchId: Type.Optional(Uuid),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

const nullableString = Type.Union([Type.String(), Type.Null()]);
const nullableInt = Type.Union([Type.Integer(), Type.Null()]);

const TransferLine = Type.Object({
  lineNo: Type.Integer(), productId: Type.String(), batchId: Type.String(), batchNo: Type.String(), expiry: Type.String(),
  costPaise: Type.Integer(), mrpPaise: Type.Integer(), qty: Type.Integer(), receivedQty: nullableInt, differenceQty: nullableInt,
});

const Transfer = Type.Object({
  id: Type.String(), status: Status, note: Type.String(),
  fromBranchId: Type.String(), fromBranchCode: Type.String(), toBranchId: Type.String(), toBranchCode: Type.String(),
  sentAt: Type.String(), sentBy: Type.String(), receivedAt: nullableString, receivedBy: nullableString, receivedNote: nullableString,
  lines: Type.Array(TransferLine),
});

const TransfersReply = Type.Object({ transfers: Type.Array(Transfer) });

/** REST routes of Transfers between branches. */
export const transfersRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get('/v1/transfers', { schema: { querystring: TransfersQuery, response: { 200: TransfersReply, ...AUTH_ERRORS } } }, async (request) => {
    const user = await requireUser(services, request, ['admin', 'manager']);
    const { status = null, branchId = null, limit = 100 } = request.query;
    const found = await services.db.query<Record<string, unknown>>(
      /* sql */ `SELECT t.id, t.status, t.note, t.from_branch_id AS "fromBranchId", f.code AS "fromBranchCode", t.to_branch_id AS "toBranchId", d.code AS "toBranchCode",
              iso_utc(t.sent_at) AS "sentAt", t.sent_by AS "sentBy", iso_utc(t.received_at) AS "receivedAt", t.received_by AS "receivedBy", t.received_note AS "receivedNote",
              (SELECT jsonb_agg(jsonb_build_object('lineNo', l.line_no, 'productId', l.product_id, 'batchId', l.batch_id, 'batchNo', l.batch_no, 'expiry', l.expiry,
                        'costPaise', l.cost_paise, 'mrpPaise', l.mrp_paise, 'qty', l.qty, 'receivedQty', l.received_qty, 'differenceQty', l.qty - l.received_qty) ORDER BY l.line_no)
                 FROM stock_transfer_lines l WHERE l.transfer_id = t.id) AS lines
         FROM stock_transfers t JOIN branches f ON f.id = t.from_branch_id JOIN branches d ON d.id = t.to_branch_id
        WHERE ($1::text IS NULL OR t.status = $1)
          AND ($2::uuid IS NULL OR $2 IN (t.from_branch_id, t.to_branch_id))
          AND ($3 OR EXISTS (SELECT 1 FROM user_branches ub WHERE ub.user_id = $4 AND ub.branch_id IN (t.from_branch_id, t.to_branch_id)))
        ORDER BY t.sent_at DESC, t.id DESC
        LIMIT $5`,
      [status, branchId, user.role === 'admin', user.userId, limit],
    );
    return { transfers: found.rows as never };
  });
};
