import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Queryable } from '../db/db.js';
import type { Services } from '../services.js';
import { newId, normalisePairingCode, randomToken, sha256 } from '../auth/secrets.js';
import { HttpError } from '../http/errors.js';
import { requireDevice, requireUser } from '../http/guards.js';
import { AUTH_ERRORS, ErrorSchema, IdParams, Uuid } from '../http/schemas.js';

const PairBody = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 32 }), name: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
const PairReply = Type.Object({
  deviceId: Uuid,
  branchId: Uuid,
  invoicePrefix: Type.String(),
  accessToken: Type.String(),
  refreshToken: Type.String(),
});
const TokenBody = Type.Object(
  {
    refreshToken: Type.String({ minLength: 1, maxLength: 512 }),
    /** Extension: a random id the device keeps until it has stored the answer; resending it makes a retry safe. */
    rotationId: Type.Optional(Type.String({ minLength: 16, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' })),
  },
  { additionalProperties: false },
);
const TokenReply = Type.Object({ accessToken: Type.String(), refreshToken: Type.String() });
const RevokeReply = Type.Object({ id: Uuid, revokedAt: Type.String({ format: 'date-time' }) });
const MeReply = Type.Object({ deviceId: Uuid, branchId: Uuid, name: Type.String(), invoicePrefix: Type.String() });

/** Invoice series prefixes C1…CZZZ (1–4 characters, as shared/invoice-number.ts requires). */
function invoicePrefix(n: number): string {
  return `C${n.toString(36).toUpperCase()}`;
}

async function issueRefreshToken(tx: Queryable, familyId: string, ttlSeconds: number, token: string = randomToken()): Promise<{ id: string; token: string }> {
  const id = newId();
  await tx.query('INSERT INTO refresh_tokens (id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)', [
    id,
    familyId,
    sha256(token),
    new Date(Date.now() + ttlSeconds * 1000),
  ]);
  return { id, token };
}

/**
 * The successor of a refresh token rotated with a rotation id: derived from a random salt kept on
 * the old token and the rotation id, so a retry of the same rotation (its answer lost, or the
 * request delivered twice) gets the SAME successor back instead of a new one that would kill the
 * one the device may already hold. Without the rotation id (never sent) nobody can derive it.
 */
function successorToken(salt: string, rotationId: string): string {
  return createHmac('sha256', Buffer.from(salt, 'base64url')).update(`similia-refresh:${rotationId}`).digest('base64url');
}

type Rotation =
  | { kind: 'ok'; deviceId: string; branchId: string; familyId: string; refreshToken: string }
  | { kind: 'refused'; error: HttpError };

interface RefreshRow {
  id: string;
  family_id: string;
  expires_at: Date;
  used_at: Date | null;
  replaced_by: string | null;
  rotation_hash: string | null;
  rotation_salt: string | null;
  family_revoked: Date | null;
  device_id: string;
  branch_id: string;
  device_revoked: Date | null;
}

/** Device pairing, refresh-token rotation with reuse detection, and revocation. */
export const deviceRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { db, config, tokens } = services;

  app.post(
    '/v1/devices/pair',
    { schema: { body: PairBody, response: { 201: PairReply, 400: ErrorSchema, 401: ErrorSchema } } },
    async (request, reply) => {
      const codeHash = sha256(normalisePairingCode(request.body.code));
      const paired = await db.transaction(async (tx) => {
        // Claiming is one conditional UPDATE, so a code can be used once even under concurrency.
        const claimed = await tx.query<{ branch_id: string }>(
          `UPDATE pairing_codes SET used_at = now()
            WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING branch_id`,
          [codeHash],
        );
        const branchId = claimed.rows[0]?.branch_id;
        if (branchId === undefined) throw new HttpError(401, 'pairing.code_invalid', 'The pairing code is unknown, used or expired.');
        const seq = await tx.query<{ n: string | number }>(`SELECT nextval('device_prefix_seq') AS n`);
        const prefix = invoicePrefix(Number(seq.rows[0]?.n));
        const deviceId = newId();
        const familyId = newId();
        await tx.query('INSERT INTO devices (id, branch_id, name, invoice_prefix) VALUES ($1, $2, $3, $4)', [
          deviceId,
          branchId,
          request.body.name,
          prefix,
        ]);
        await tx.query('INSERT INTO token_families (id, device_id) VALUES ($1, $2)', [familyId, deviceId]);
        const { token: refreshToken } = await issueRefreshToken(tx, familyId, config.refreshTtlSeconds);
        return { deviceId, branchId, familyId, invoicePrefix: prefix, refreshToken };
      });
      const accessToken = tokens.signDevice(paired);
      return reply.status(201).send({ ...paired, accessToken });
    },
  );

  app.post(
    '/v1/devices/token',
    { schema: { body: TokenBody, response: { 200: TokenReply, 400: ErrorSchema, 401: ErrorSchema } } },
    async (request) => {
      // Refusals are returned, not thrown, so a family revocation inside the transaction commits.
      const rotation = await db.transaction<Rotation>(async (tx) => {
        const found = await tx.query<RefreshRow>(
          `SELECT rt.id, rt.family_id, rt.expires_at, rt.used_at, rt.replaced_by, rt.rotation_hash, rt.rotation_salt, f.revoked_at AS family_revoked,
                  d.id AS device_id, d.branch_id, d.revoked_at AS device_revoked
             FROM refresh_tokens rt
             JOIN token_families f ON f.id = rt.family_id
             JOIN devices d ON d.id = f.device_id
            WHERE rt.token_hash = $1
            FOR UPDATE OF rt, f`,
          [sha256(request.body.refreshToken)],
        );
        const row = found.rows[0];
        const refuse = (code: 'auth.refresh_invalid' | 'auth.refresh_reused' | 'device.revoked', message: string): Rotation => ({
          kind: 'refused',
          error: new HttpError(401, code, message),
        });
        if (row === undefined) return refuse('auth.refresh_invalid', 'Unknown refresh token.');
        if (row.device_revoked !== null) return refuse('device.revoked', 'This device has been revoked; pair it again.');
        if (row.family_revoked !== null) return refuse('auth.refresh_reused', 'This device’s tokens were revoked; pair it again.');
        const rotationId = request.body.rotationId;
        const rotationHash = rotationId === undefined ? null : sha256(rotationId);
        const ok = (refreshToken: string): Rotation => ({ kind: 'ok', deviceId: row.device_id, branchId: row.branch_id, familyId: row.family_id, refreshToken });
        if (row.used_at !== null) {
          // The same rotation again (answer lost, or the request delivered twice): the same successor,
          // while it is unused and recent. Read in a statement of its own: a copy that waited on the
          // row lock must see the successor the first copy committed.
          if (rotationId !== undefined && row.rotation_hash === rotationHash && row.rotation_salt !== null && row.replaced_by !== null
            && Date.now() - new Date(row.used_at).getTime() < config.refreshRetryGraceSeconds * 1000) {
            const successor = await tx.query<{ token_hash: string; unused: boolean }>('SELECT token_hash, used_at IS NULL AS unused FROM refresh_tokens WHERE id = $1', [row.replaced_by]);
            const again = successorToken(row.rotation_salt, rotationId);
            if (successor.rows[0]?.unused === true && successor.rows[0].token_hash === sha256(again)) return ok(again);
          }
          // Anything else is a copy of a rotated token in someone's hands: kill the whole family.
          await tx.query(`UPDATE token_families SET revoked_at = now(), revoked_reason = 'refresh token reused' WHERE id = $1`, [
            row.family_id,
          ]);
          return refuse('auth.refresh_reused', 'Refresh token reuse detected; every token of this device is revoked. Pair it again.');
        }
        if (new Date(row.expires_at).getTime() <= Date.now()) return refuse('auth.refresh_invalid', 'The refresh token has expired.');
        const salt = rotationId === undefined ? null : randomBytes(32).toString('base64url');
        const successor = await issueRefreshToken(tx, row.family_id, config.refreshTtlSeconds, salt === null || rotationId === undefined ? undefined : successorToken(salt, rotationId));
        await tx.query('UPDATE refresh_tokens SET used_at = now(), replaced_by = $2, rotation_hash = $3, rotation_salt = $4 WHERE id = $1', [row.id, successor.id, rotationHash, salt]);
        return ok(successor.token);
      });
      if (rotation.kind === 'refused') throw rotation.error;
      return { accessToken: tokens.signDevice(rotation), refreshToken: rotation.refreshToken };
    },
  );

  app.post(
    '/v1/devices/:id/revoke',
    { schema: { params: IdParams, response: { 200: RevokeReply, ...AUTH_ERRORS } } },
    async (request) => {
      await requireUser(services, request, ['admin']);
      const revoked = await db.transaction(async (tx) => {
        const result = await tx.query<{ id: string; revoked_at: Date }>(
          'UPDATE devices SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING id, revoked_at',
          [request.params.id],
        );
        await tx.query(
          `UPDATE token_families SET revoked_at = now(), revoked_reason = 'device revoked' WHERE device_id = $1 AND revoked_at IS NULL`,
          [request.params.id],
        );
        return result.rows[0];
      });
      if (revoked === undefined) throw new HttpError(404, 'resource.not_found', 'No such device.');
      return { id: revoked.id, revokedAt: new Date(revoked.revoked_at).toISOString() };
    },
  );

  app.get('/v1/devices/me', { schema: { response: { 200: MeReply, ...AUTH_ERRORS } } }, async (request) => {
    const device = await requireDevice(services, request);
    const found = await db.query<{ name: string; invoice_prefix: string }>('SELECT name, invoice_prefix FROM devices WHERE id = $1', [
      device.deviceId,
    ]);
    const row = found.rows[0];
    if (row === undefined) throw new HttpError(404, 'resource.not_found', 'No such device.');
    return { deviceId: device.deviceId, branchId: device.branchId, name: row.name, invoicePrefix: row.invoice_prefix };
  });
};
