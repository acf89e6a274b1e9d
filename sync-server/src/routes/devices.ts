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

async function issueRefreshToken(tx: Queryable, familyId: string, ttlSeconds: number, replacing?: { id: string; rotationHash: string | null }): Promise<string> {
  const token = randomToken();
  const id = newId();
  await tx.query('INSERT INTO refresh_tokens (id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)', [
    id,
    familyId,
    sha256(token),
    new Date(Date.now() + ttlSeconds * 1000),
  ]);
  if (replacing !== undefined) {
    await tx.query('UPDATE refresh_tokens SET used_at = COALESCE(used_at, now()), replaced_by = $2, rotation_hash = $3 WHERE id = $1', [replacing.id, id, replacing.rotationHash]);
  }
  return token;
}

type Rotation =
  | { kind: 'ok'; deviceId: string; branchId: string; familyId: string; refreshToken: string }
  | { kind: 'refused'; error: HttpError };

interface RefreshRow {
  id: string;
  family_id: string;
  expires_at: Date;
  used_at: Date | null;
  /** The successor was never used: the rotation's answer may have been lost on the way. */
  successor_unused: boolean;
  rotation_hash: string | null;
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
        const refreshToken = await issueRefreshToken(tx, familyId, config.refreshTtlSeconds);
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
          `SELECT rt.id, rt.family_id, rt.expires_at, rt.used_at, rt.rotation_hash, f.revoked_at AS family_revoked,
                  (rt.replaced_by IS NOT NULL AND (SELECT s.used_at IS NULL FROM refresh_tokens s WHERE s.id = rt.replaced_by)) AS successor_unused,
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
        const rotationHash = request.body.rotationId === undefined ? null : sha256(request.body.rotationId);
        const retried =
          row.used_at !== null &&
          rotationHash !== null &&
          row.rotation_hash === rotationHash &&
          row.successor_unused &&
          Date.now() - new Date(row.used_at).getTime() < config.refreshRetryGraceSeconds * 1000;
        if (retried) {
          // The same device retrying a rotation whose answer it never got: retire the successor it
          // never saw and rotate again. Without the rotation id, reuse is theft, as before.
          await tx.query('UPDATE refresh_tokens SET used_at = now() WHERE id = (SELECT replaced_by FROM refresh_tokens WHERE id = $1)', [row.id]);
          const refreshToken = await issueRefreshToken(tx, row.family_id, config.refreshTtlSeconds, { id: row.id, rotationHash });
          return { kind: 'ok', deviceId: row.device_id, branchId: row.branch_id, familyId: row.family_id, refreshToken };
        }
        if (row.used_at !== null) {
          // A rotated token came back: someone holds a copy. Kill the whole family.
          await tx.query(`UPDATE token_families SET revoked_at = now(), revoked_reason = 'refresh token reused' WHERE id = $1`, [
            row.family_id,
          ]);
          return refuse('auth.refresh_reused', 'Refresh token reuse detected; every token of this device is revoked. Pair it again.');
        }
        if (new Date(row.expires_at).getTime() <= Date.now()) return refuse('auth.refresh_invalid', 'The refresh token has expired.');
        const refreshToken = await issueRefreshToken(tx, row.family_id, config.refreshTtlSeconds, { id: row.id, rotationHash });
        return { kind: 'ok', deviceId: row.device_id, branchId: row.branch_id, familyId: row.family_id, refreshToken };
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
