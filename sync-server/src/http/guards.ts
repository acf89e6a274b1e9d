import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../shared/src/domain.js';
import type { DeviceClaims, UserClaims } from '../auth/tokens.js';
import type { Services } from '../services.js';
import { HttpError } from './errors.js';

function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header === undefined || header === '') throw new HttpError(401, 'auth.required', 'Send an access token: Authorization: Bearer <token>.');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (match?.[1] === undefined) throw new HttpError(401, 'auth.token_invalid', 'Authorization header must be "Bearer <token>".');
  return match[1];
}

/**
 * Authenticates a staff/admin access token and re-reads the user, so deactivation and role
 * changes take effect at once rather than when the token expires. `roles` limits who may pass.
 */
export async function requireUser(services: Services, request: FastifyRequest, roles?: readonly Role[]): Promise<UserClaims> {
  const result = await services.tokens.verifyUser(bearer(request));
  if (!result.ok) throw new HttpError(401, 'auth.token_invalid', `Access token rejected: ${result.reason}.`);
  const found = await services.db.query<{ role: Role; active: boolean }>('SELECT role, active FROM users WHERE id = $1', [
    result.claims.userId,
  ]);
  const user = found.rows[0];
  if (user === undefined || !user.active) throw new HttpError(401, 'auth.token_invalid', 'Access token rejected: the user is not active.');
  if (roles !== undefined && !roles.includes(user.role)) {
    throw new HttpError(403, 'auth.forbidden', `This needs the role ${roles.join(' or ')}.`);
  }
  return { kind: 'user', userId: result.claims.userId, role: user.role };
}

/** Authenticates a device access token; a revoked device or token family is refused at once. */
export async function requireDevice(services: Services, request: FastifyRequest): Promise<DeviceClaims> {
  const result = await services.tokens.verifyDevice(bearer(request));
  if (!result.ok) throw new HttpError(401, 'auth.token_invalid', `Access token rejected: ${result.reason}.`);
  const { deviceId, familyId } = result.claims;
  const found = await services.db.query<{ device_revoked: Date | null; family_revoked: Date | null }>(
    `SELECT d.revoked_at AS device_revoked, f.revoked_at AS family_revoked
       FROM devices d JOIN token_families f ON f.device_id = d.id
      WHERE d.id = $1 AND f.id = $2`,
    [deviceId, familyId],
  );
  const row = found.rows[0];
  if (row === undefined) throw new HttpError(401, 'auth.token_invalid', 'Access token rejected: unknown device.');
  if (row.device_revoked !== null) throw new HttpError(401, 'device.revoked', 'This device has been revoked; pair it again.');
  if (row.family_revoked !== null) throw new HttpError(401, 'auth.refresh_reused', 'This device’s tokens were revoked; pair it again.');
  return result.claims;
}

/** Admins may act on any branch; managers only on branches they belong to. */
export async function requireBranchManager(services: Services, user: UserClaims, branchId: string): Promise<void> {
  if (user.role === 'admin') return;
  if (user.role === 'manager') {
    const member = await services.db.query('SELECT 1 FROM user_branches WHERE user_id = $1 AND branch_id = $2', [user.userId, branchId]);
    if (member.rows.length > 0) return;
  }
  throw new HttpError(403, 'auth.forbidden', 'Only an admin or a manager of this branch may do this.');
}
