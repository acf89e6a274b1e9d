import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { GST_STATES, validateGstin } from '../../../shared/src/gstin.js';
import type { Services } from '../services.js';
import { newId, normalisePairingCode, randomPairingCode, sha256 } from '../auth/secrets.js';
import { HttpError } from '../http/errors.js';
import { requireBranchManager, requireUser } from '../http/guards.js';
import { AUTH_ERRORS, ErrorSchema, IdParams, Uuid } from '../http/schemas.js';

const CreateBranchBody = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z0-9-]{1,16}$', description: 'Short branch code, e.g. BLR-1' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    stateCode: Type.String({ pattern: '^[0-9]{2}$' }),
    gstin: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  },
  { additionalProperties: false },
);

export const BranchSchema = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  stateCode: Type.String(),
  gstin: Type.Union([Type.String(), Type.Null()]),
});

const PairingCodeReply = Type.Object({ code: Type.String(), expiresAt: Type.String({ format: 'date-time' }) });

interface BranchRow {
  id: string;
  code: string;
  name: string;
  state_code: string;
  gstin: string | null;
}

const toBranch = (r: BranchRow) => ({ id: r.id, code: r.code, name: r.name, stateCode: r.state_code, gstin: r.gstin });

/** Branch administration and pairing codes. */
export const branchRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { db } = services;

  app.post(
    '/v1/branches',
    { schema: { body: CreateBranchBody, response: { 201: BranchSchema, ...AUTH_ERRORS, 409: ErrorSchema } } },
    async (request, reply) => {
      await requireUser(services, request, ['admin']);
      const { code, name, stateCode } = request.body;
      const gstin = request.body.gstin ?? null;
      if (GST_STATES[stateCode] === undefined) throw new HttpError(400, 'input.invalid', `Unknown GST state code ${stateCode}.`);
      if (gstin !== null) {
        const check = validateGstin(gstin);
        if (check.kind === 'invalid') throw new HttpError(400, 'customer.gstin_invalid', `GSTIN: ${check.reason}`);
        if (check.stateCode !== stateCode) throw new HttpError(400, 'input.invalid', 'The GSTIN belongs to a different state.');
      }
      const exists = await db.query('SELECT 1 FROM branches WHERE code = $1', [code]);
      if (exists.rows.length > 0) throw new HttpError(409, 'resource.conflict', `A branch with code ${code} exists.`);
      const inserted = await db.query<BranchRow>(
        `INSERT INTO branches (id, code, name, state_code, gstin) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, code, name, state_code, gstin`,
        [newId(), code, name, stateCode, gstin],
      );
      return reply.status(201).send(toBranch(inserted.rows[0] as BranchRow));
    },
  );

  app.get(
    '/v1/branches',
    { schema: { response: { 200: Type.Object({ branches: Type.Array(BranchSchema) }), ...AUTH_ERRORS } } },
    async (request) => {
      const user = await requireUser(services, request);
      // Admins see every branch; staff see the branches they belong to.
      const result =
        user.role === 'admin'
          ? await db.query<BranchRow>('SELECT id, code, name, state_code, gstin FROM branches ORDER BY code')
          : await db.query<BranchRow>(
              `SELECT b.id, b.code, b.name, b.state_code, b.gstin FROM branches b
                 JOIN user_branches ub ON ub.branch_id = b.id WHERE ub.user_id = $1 ORDER BY b.code`,
              [user.userId],
            );
      return { branches: result.rows.map(toBranch) };
    },
  );

  app.post(
    '/v1/branches/:id/pairing-codes',
    { schema: { params: IdParams, response: { 201: PairingCodeReply, ...AUTH_ERRORS } } },
    async (request, reply) => {
      const user = await requireUser(services, request);
      const branchId = request.params.id;
      const branch = await db.query('SELECT 1 FROM branches WHERE id = $1', [branchId]);
      if (branch.rows.length === 0) throw new HttpError(404, 'resource.not_found', 'No such branch.');
      await requireBranchManager(services, user, branchId);
      const code = randomPairingCode();
      const expiresAt = new Date(Date.now() + services.config.pairingCodeTtlSeconds * 1000);
      await db.query('INSERT INTO pairing_codes (code_hash, branch_id, created_by, expires_at) VALUES ($1, $2, $3, $4)', [
        sha256(normalisePairingCode(code)),
        branchId,
        user.userId,
        expiresAt,
      ]);
      return reply.status(201).send({ code, expiresAt: expiresAt.toISOString() });
    },
  );
};
