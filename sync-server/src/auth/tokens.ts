import jwt from 'jsonwebtoken';
import type { Role } from '../../../shared/src/domain.js';
import { SIGNING_ALG, type KeyStore } from './keys.js';

export const ISSUER = 'similia-sync';
/** Staff/admin tokens for the REST API and device tokens for sync are not interchangeable. */
export const AUDIENCE_API = 'similia-api';
export const AUDIENCE_DEVICE = 'similia-device';
/** Upper bound the verifier enforces whatever a token claims (issue 3: at most 15 minutes). */
export const MAX_ACCESS_TTL_S = 15 * 60;

export interface UserClaims {
  kind: 'user';
  userId: string;
  role: Role;
}

export interface DeviceClaims {
  kind: 'device';
  deviceId: string;
  branchId: string;
  familyId: string;
}

export type VerifyResult<C> = { ok: true; claims: C } | { ok: false; reason: string };

const ROLES: readonly string[] = ['cashier', 'pharmacist', 'manager', 'admin'];

/** Signs and verifies access JWTs with the database-held keys; the algorithm is pinned. */
export class TokenService {
  constructor(
    private readonly keys: KeyStore,
    private readonly ttlSeconds: number,
  ) {
    if (ttlSeconds <= 0 || ttlSeconds > MAX_ACCESS_TTL_S) throw new RangeError(`access TTL must be 1..${MAX_ACCESS_TTL_S}s`);
  }

  private sign(payload: Record<string, string>, audience: string, subject: string): string {
    const key = this.keys.signingKey();
    return jwt.sign(payload, key.secret, {
      algorithm: SIGNING_ALG,
      keyid: key.kid,
      expiresIn: this.ttlSeconds,
      issuer: ISSUER,
      audience,
      subject,
    });
  }

  signUser(claims: Omit<UserClaims, 'kind'>): string {
    return this.sign({ role: claims.role }, AUDIENCE_API, claims.userId);
  }

  signDevice(claims: Omit<DeviceClaims, 'kind'>): string {
    return this.sign({ branch: claims.branchId, fam: claims.familyId }, AUDIENCE_DEVICE, claims.deviceId);
  }

  /** Header checks first (alg, kid), then signature, issuer, audience, expiry and lifetime. */
  private async verify(token: string, audience: string): Promise<VerifyResult<jwt.JwtPayload>> {
    const decoded = jwt.decode(token, { complete: true });
    if (decoded === null || typeof decoded.payload === 'string') return { ok: false, reason: 'malformed token' };
    if (decoded.header.alg !== SIGNING_ALG) return { ok: false, reason: `algorithm ${decoded.header.alg} not accepted` };
    const kid = decoded.header.kid;
    if (typeof kid !== 'string') return { ok: false, reason: 'token has no kid' };
    const key = await this.keys.find(kid);
    if (key === undefined) return { ok: false, reason: 'unknown kid' };
    let payload: jwt.JwtPayload;
    try {
      const verified = jwt.verify(token, key.secret, { algorithms: [SIGNING_ALG], issuer: ISSUER, audience });
      if (typeof verified === 'string') return { ok: false, reason: 'malformed token' };
      payload = verified;
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : 'invalid token' };
    }
    if (typeof payload.iat !== 'number' || typeof payload.exp !== 'number' || payload.exp - payload.iat > MAX_ACCESS_TTL_S) {
      return { ok: false, reason: 'token lifetime exceeds 15 minutes' };
    }
    if (typeof payload.sub !== 'string') return { ok: false, reason: 'token has no subject' };
    return { ok: true, claims: payload };
  }

  async verifyUser(token: string): Promise<VerifyResult<UserClaims>> {
    const result = await this.verify(token, AUDIENCE_API);
    if (!result.ok) return result;
    const { sub, role } = result.claims;
    if (typeof role !== 'string' || !ROLES.includes(role)) return { ok: false, reason: 'token has no valid role' };
    return { ok: true, claims: { kind: 'user', userId: sub ?? '', role: role as Role } };
  }

  async verifyDevice(token: string): Promise<VerifyResult<DeviceClaims>> {
    const result = await this.verify(token, AUDIENCE_DEVICE);
    if (!result.ok) return result;
    const { sub, branch, fam } = result.claims;
    if (typeof branch !== 'string' || typeof fam !== 'string') return { ok: false, reason: 'token has no device scope' };
    return { ok: true, claims: { kind: 'device', deviceId: sub ?? '', branchId: branch, familyId: fam } };
  }
}
