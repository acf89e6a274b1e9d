import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIENCE_API, AUDIENCE_DEVICE, ISSUER, TokenService } from './tokens.js';
import { BACKENDS } from '../test-support/test-db.js';
import { call, createBranch, pairDevice, startTestServer, type TestServer } from '../test-support/test-app.js';

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('TokenService', () => {
  it('refuses to be configured with an access lifetime over 15 minutes', () => {
    expect(() => new TokenService({} as never, 15 * 60 + 1)).toThrow(RangeError);
  });
});

describe.each(BACKENDS)('access token verification on %s', (kind) => {
  let server: TestServer;
  let kid: string;
  let secret: Buffer;
  let adminId: string;

  beforeAll(async () => {
    server = await startTestServer(kind, { keyReloadIntervalMs: 200 });
    const key = server.app.services.keys.signingKey();
    kid = key.kid;
    secret = key.secret;
    adminId = (jwt.decode(server.adminToken) as { sub: string }).sub;
  });
  afterAll(() => server.close());

  const now = (): number => Math.floor(Date.now() / 1000);
  /** A token exactly like the server's, with any part overridden. */
  const forge = (claims: Record<string, unknown> = {}, options: jwt.SignOptions = {}, key: jwt.Secret = secret): string =>
    jwt.sign({ role: 'admin', sub: adminId, iss: ISSUER, aud: AUDIENCE_API, iat: now(), exp: now() + 600, ...claims }, key, {
      algorithm: 'HS256',
      keyid: kid,
      ...options,
    });

  it('issues access tokens that carry a kid, use HS256 and live at most 15 minutes', () => {
    const decoded = jwt.decode(server.adminToken, { complete: true });
    expect(decoded?.header).toMatchObject({ alg: 'HS256', kid });
    const payload = decoded?.payload as jwt.JwtPayload;
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBeLessThanOrEqual(15 * 60);
  });

  it('accepts a well-formed token signed with the current key', async () => {
    expect((await call(server.app, 'GET', '/v1/branches', undefined, forge())).statusCode).toBe(200);
  });

  const { privateKey: rsaKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rejected: [string, () => string][] = [
    ['alg none', () => `${b64({ alg: 'none', typ: 'JWT', kid })}.${b64({ role: 'admin', sub: adminId, iss: ISSUER, aud: AUDIENCE_API, iat: now(), exp: now() + 600 })}.`],
    ['a swapped algorithm (HS512 with the same secret)', () => forge({}, { algorithm: 'HS512' })],
    ['a swapped algorithm (RS256)', () => forge({}, { algorithm: 'RS256' }, rsaKey.export({ type: 'pkcs1', format: 'pem' }))],
    ['an unknown kid', () => forge({}, { keyid: 'no-such-key' })],
    ['no kid at all', () => jwt.sign({ role: 'admin', sub: adminId, iss: ISSUER, aud: AUDIENCE_API }, secret, { algorithm: 'HS256', expiresIn: 600 })],
    ['a wrong issuer', () => forge({ iss: 'someone-else' })],
    ['a wrong audience (a device token on the staff API)', () => forge({ aud: AUDIENCE_DEVICE })],
    ['an expired token', () => forge({ iat: now() - 1200, exp: now() - 600 })],
    ['a lifetime over 15 minutes', () => forge({ exp: now() + 3600 })],
    ['a signature made with another secret', () => forge({}, {}, Buffer.alloc(32, 7))],
    ['a tampered payload', () => {
      const [h, , s] = forge({ role: 'cashier' }).split('.');
      return `${h}.${b64({ role: 'admin', sub: adminId, iss: ISSUER, aud: AUDIENCE_API, iat: now(), exp: now() + 600 })}.${s}`;
    }],
    ['garbage', () => 'not-a-jwt'],
  ];

  it.each(rejected)('rejects %s with 401 auth.token_invalid', async (_label, make) => {
    const res = await call(server.app, 'GET', '/v1/branches', undefined, make());
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'auth.token_invalid' } });
  });

  it('answers 401 auth.required when no token is sent', async () => {
    const res = await call(server.app, 'GET', '/v1/branches');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'auth.required', message: expect.any(String) } });
  });

  it('does not accept a staff token where a device token is required, nor the reverse', async () => {
    const branchId = await createBranch(server);
    const device = await pairDevice(server, branchId);
    expect((await call(server.app, 'GET', '/v1/devices/me', undefined, server.adminToken)).statusCode).toBe(401);
    expect((await call(server.app, 'GET', '/v1/branches', undefined, device.accessToken)).statusCode).toBe(401);
    expect((await call(server.app, 'GET', '/v1/devices/me', undefined, device.accessToken)).statusCode).toBe(200);
  });

  it('verifies a token signed with a key another instance added after this one started', async () => {
    const newSecret = Buffer.alloc(32, 9);
    await server.db.query(`INSERT INTO signing_keys (kid, alg, secret, created_at) VALUES ('rotated-key', 'HS256', $1, now())`, [
      newSecret.toString('base64'),
    ]);
    // The key cache re-reads at most once per keyReloadIntervalMs; wait past that window.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const token = forge({}, { keyid: 'rotated-key' }, newSecret);
    expect((await call(server.app, 'GET', '/v1/branches', undefined, token)).statusCode).toBe(200);
  });
});
