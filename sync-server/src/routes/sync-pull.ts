import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { setTimeout as sleep } from 'node:timers/promises';
import { Type, type TSchema } from 'typebox';
import type { Services } from '../services.js';
import { HttpError } from '../http/errors.js';
import { requireDevice } from '../http/guards.js';
import { AUTH_ERRORS } from '../http/schemas.js';
import { decodeCursor, DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, readChanges, START, type ChangePage } from '../sync/change-feed.js';

export const MAX_WAIT_S = 30;

const PullQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PULL_LIMIT, default: DEFAULT_PULL_LIMIT })),
    wait: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_WAIT_S, default: 0 })),
  },
  { additionalProperties: false },
);

const nullable = (type: 'string' | 'integer'): TSchema => Type.Unsafe<string | number | null>({ type: [type, 'null'] } as unknown as TSchema);
const S = Type.String();
const I = Type.Integer();
const B = Type.Boolean();

/**
 * Every field any table's row may carry, nothing else: serialisation drops whatever is not listed
 * here, so a hash or internal column that slipped into the feed would still never leave.
 */
const ChangeRow = Type.Partial(
  Type.Object({
    id: S, code: S, name: S, stateCode: nullable('string'), gstin: nullable('string'), address: S, phone: S,
    hsnPrefix: S, category: S, rateBp: I, effectiveFrom: S, effectiveTo: nullable('string'),
    sku: S, remedy: S, potency: S, form: S, packSize: S, brand: S, hsn: S, taxCategory: S, mrpPaise: I, barcode: nullable('string'), active: B,
    productId: S, batchId: S, batchNo: S, expiry: S, costPaise: I,
    branchId: S, username: S, role: S, pinHash: nullable('string'), hlc: S, qty: I,
    deviceId: S, staffId: S, customerId: nullable('string'), invoiceNo: S, businessDate: S, at: S, placeOfSupply: S, interState: B,
    grossPaise: I, discountPaise: I, taxablePaise: I, cgstPaise: I, sgstPaise: I, igstPaise: I, exactTotalPaise: I, roundOffPaise: I,
    totalPaise: I, status: S, saleId: S, lineNo: I, unitPricePaise: I, netPaise: I, method: S,
    // schemes (migrations/021_schemes.sql); amountPaise is also sale_payments'.
    amountPaise: nullable('integer'), kind: S, targetType: S, targetValue: S, percentBp: nullable('integer'), buyQty: nullable('integer'), freeQty: nullable('integer'),
    minBillPaise: I, validFrom: S, validTo: nullable('string'), capBp: nullable('integer'), updatedAt: S,
    branchIds: Type.Unsafe<string[] | null>({ type: ['array', 'null'], items: { type: 'string' } }),
    // stock_transfer_parties (migrations/017_transfers.sql): the transfer document as built by the feed.
    transferId: S, side: S, transfer: Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true }),
    // sale_returns, sale_return_lines (migrations/018_returns.sql).
    returnId: S, creditNoteNo: S, approvedBy: nullable('string'), refundMethod: S, reason: S,
    // customer_ledger (migrations/018_returns.sql): points and store credit entries.
    delta: I, sourceType: S, sourceId: S,
    // shifts (migrations/019_shifts.sql): open until closedAt and the drawer figures are set.
    shiftNo: I, openedAt: S, floatPaise: I, closedAt: nullable('string'), closedBy: nullable('string'),
    expectedPaise: nullable('integer'), countedPaise: nullable('integer'), variancePaise: nullable('integer'),
  }),
);

/** The field names a pulled row may carry (sync-pull-fields.test.ts checks every feed table's columns are among them). */
export const CHANGE_ROW_FIELDS: readonly string[] = Object.keys(ChangeRow.properties);

const PullReply = Type.Object({
  changes: Type.Array(Type.Object({ table: S, op: Type.Union([Type.Literal('upsert'), Type.Literal('delete')]), row: ChangeRow, pos: S })),
  cursor: S,
  hasMore: B,
  remaining: Type.Optional(I),
});

/** `GET /v1/sync/pull`: the device's scope of the change feed, long-polling up to `wait` seconds. */
export const syncPullRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  // Long polls end at once when the server shuts down instead of holding close() for 30 s.
  const closing = new AbortController();
  app.addHook('preClose', async () => closing.abort());

  app.get('/v1/sync/pull', { schema: { querystring: PullQuery, response: { 200: PullReply, ...AUTH_ERRORS } } }, async (request, reply) => {
    const device = await requireDevice(services, request);
    const { cursor, limit = DEFAULT_PULL_LIMIT, wait = 0 } = request.query;
    const from = cursor === undefined ? START : decodeCursor(cursor);
    if (from === undefined) throw new HttpError(400, 'sync.cursor_invalid', 'The cursor was not issued by this server; pull again without one.');
    const deadline = Date.now() + wait * 1000;
    let gone = false;
    // The response closing before we answered means the client went away: stop polling for it.
    reply.raw.once('close', () => (gone = true));
    let page: ChangePage = await readChanges(services.db, device.branchId, from, limit);
    while (page.changes.length === 0 && Date.now() < deadline && !gone && !closing.signal.aborted) {
      try {
        await sleep(Math.min(services.config.pullPollIntervalMs, Math.max(0, deadline - Date.now())), undefined, { signal: closing.signal });
      } catch {
        break; // shutting down
      }
      page = await readChanges(services.db, device.branchId, from, limit);
    }
    services.metrics?.pullBacklog.observe(page.remaining ?? 0);
    return page;
  });
};
