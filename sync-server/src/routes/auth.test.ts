import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../test-support/test-db.js';
import { ADMIN_PASSWORD, call, startTestServer, type TestServer } from '../test-support/test-app.js';

describe.each(BACKENDS)('POST /v1/auth/login on %s', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind, { loginRateMax: 3 });
  });
  afterAll(() => server.close());

  const login = (body: unknown, ip = '10.0.0.1') => server.app.inject({ method: 'POST', url: '/v1/auth/login', payload: body as object, remoteAddress: ip });

  it('returns an access token and the user for the right password', async () => {
    const res = await login({ username: 'admin', password: ADMIN_PASSWORD }, '10.0.0.2');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { accessToken: string; user: Record<string, unknown> };
    expect(body.user).toEqual({ id: expect.any(String), username: 'admin', role: 'admin' });
    expect(jwt.decode(body.accessToken)).toMatchObject({ sub: body.user.id, role: 'admin' });
    expect((await call(server.app, 'GET', '/v1/branches', undefined, body.accessToken)).statusCode).toBe(200);
  });

  it('matches the username case-insensitively', async () => {
    expect((await login({ username: 'ADMIN', password: ADMIN_PASSWORD }, '10.0.0.3')).statusCode).toBe(200);
  });

  it('gives the same 401 for a wrong password and an unknown user, so usernames cannot be probed', async () => {
    const wrong = await login({ username: 'admin', password: 'wrong' }, '10.0.0.4');
    const unknown = await login({ username: 'nobody', password: 'wrong' }, '10.0.0.4');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toMatchObject({ error: { code: 'auth.credentials_invalid' } });
  });

  it('names the unknown property instead of silently dropping it', async () => {
    const res = await login({ username: 'admin', password: ADMIN_PASSWORD, remember: true }, '10.0.0.6');
    expect(res.json()).toEqual({ error: { code: 'input.invalid', message: 'Invalid request: body has an unknown property "remember".' } });
  });

  it.each([
    ['an unknown property', { username: 'admin', password: ADMIN_PASSWORD, remember: true }],
    ['a missing password', { username: 'admin' }],
    ['an empty username', { username: '', password: 'x' }],
  ])('refuses a body with %s with 400 input.invalid', async (_label, body) => {
    const res = await login(body, '10.0.0.5');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'input.invalid', message: expect.stringContaining('body') } });
  });

  it('rate-limits attempts per username and address with 429 auth.rate_limited', async () => {
    const attempt = (username: string, ip: string) => login({ username, password: 'guess' }, ip);
    for (let i = 0; i < 3; i++) expect((await attempt('admin', '10.0.1.1')).statusCode).toBe(401);
    const limited = await attempt('admin', '10.0.1.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'auth.rate_limited' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right password waits out the window from that address…
    expect((await login({ username: 'admin', password: ADMIN_PASSWORD }, '10.0.1.1')).statusCode).toBe(429);
    // …while the same user from another address, and another user from this one, still get through.
    expect((await login({ username: 'admin', password: ADMIN_PASSWORD }, '10.0.1.2')).statusCode).toBe(200);
    expect((await attempt('someone', '10.0.1.1')).statusCode).toBe(401);
  });

  it('rate-limits one address trying many usernames', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push((await login({ username: `user${i}`, password: 'guess' }, '10.0.2.1')).statusCode);
    expect(statuses.slice(0, 15).every((s) => s === 401)).toBe(true);
    expect(statuses[15]).toBe(429);
  });
});
