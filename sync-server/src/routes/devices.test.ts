import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateInvoicePrefix } from '../../../shared/src/invoice-number.js';
import { BACKENDS } from '../test-support/test-db.js';
import { call, createBranch, createStaff, pairDevice, startTestServer, type TestServer } from '../test-support/test-app.js';

describe.each(BACKENDS)('device pairing, token rotation and revocation on %s', (kind) => {
  let server: TestServer;
  let branchA: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    branchA = await createBranch(server, 'BLR-1');
  });
  afterAll(() => server.close());

  const post = (url: string, body?: unknown, token?: string) => call(server.app, 'POST', url, body, token);
  const newCode = async (): Promise<string> =>
    ((await post(`/v1/branches/${branchA}/pairing-codes`, undefined, server.adminToken)).json() as { code: string }).code;
  const refresh = (refreshToken: string) => post('/v1/devices/token', { refreshToken });
  const me = (accessToken: string) => call(server.app, 'GET', '/v1/devices/me', undefined, accessToken);

  it('pairs a device with a code and hands back its id, branch, invoice prefix and tokens', async () => {
    const res = await post('/v1/devices/pair', { code: await newCode(), name: 'Counter 1' });
    expect(res.statusCode).toBe(201);
    const body = res.json() as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'branchId', 'deviceId', 'invoicePrefix', 'refreshToken']);
    expect(body.branchId).toBe(branchA);
    expect(validateInvoicePrefix(body.invoicePrefix ?? '')).toEqual({ kind: 'ok' });
    expect(jwt.decode(body.accessToken ?? '')).toMatchObject({ sub: body.deviceId, branch: branchA, aud: 'similia-device' });
    const self = await me(body.accessToken ?? '');
    expect(self.json()).toEqual({ deviceId: body.deviceId, branchId: branchA, name: 'Counter 1', invoicePrefix: body.invoicePrefix });
  });

  it('gives every device its own invoice prefix', async () => {
    const devices = await Promise.all([1, 2, 3].map((n) => pairDevice(server, branchA, `Counter ${n}`)));
    expect(new Set(devices.map((d) => d.invoicePrefix)).size).toBe(3);
  });

  it('accepts a code typed in lower case with a dash, and only once', async () => {
    const code = await newCode();
    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4).toLowerCase()}`;
    expect((await post('/v1/devices/pair', { code: typed, name: 'Counter 2' })).statusCode).toBe(201);
    const again = await post('/v1/devices/pair', { code, name: 'Counter 3' });
    expect(again.statusCode).toBe(401);
    expect(again.json()).toMatchObject({ error: { code: 'pairing.code_invalid' } });
  });

  it('lets exactly one of two simultaneous pairings with the same code succeed', async () => {
    const code = await newCode();
    const results = await Promise.all([post('/v1/devices/pair', { code, name: 'A' }), post('/v1/devices/pair', { code, name: 'B' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 401]);
  });

  it('refuses an expired code and an unknown one', async () => {
    const code = await newCode();
    await server.db.query(`UPDATE pairing_codes SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
    expect((await post('/v1/devices/pair', { code, name: 'Late' })).statusCode).toBe(401);
    expect((await post('/v1/devices/pair', { code: 'ZZZZZZZZ', name: 'Guess' })).statusCode).toBe(401);
  });

  it('refuses a pairing body with an unknown property and names it', async () => {
    const res = await post('/v1/devices/pair', { code: await newCode(), name: 'X', branchId: branchA });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'input.invalid', message: expect.stringContaining('"branchId"') } });
  });

  it('rotates refresh tokens: the new pair works and never returns a token hash', async () => {
    const device = await pairDevice(server, branchA);
    const res = await refresh(device.refreshToken);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { accessToken: string; refreshToken: string };
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'refreshToken']);
    expect(body.refreshToken).not.toBe(device.refreshToken);
    expect((await me(body.accessToken)).statusCode).toBe(200);
    expect((await refresh(body.refreshToken)).statusCode).toBe(200);
  });

  it('treats reuse of a rotated refresh token as theft and revokes the whole family', async () => {
    const device = await pairDevice(server, branchA);
    const rotated = (await refresh(device.refreshToken)).json() as { accessToken: string; refreshToken: string };
    const reuse = await refresh(device.refreshToken);
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json()).toMatchObject({ error: { code: 'auth.refresh_reused' } });
    // The legitimate-looking newest token and the live access token die with the family.
    expect((await refresh(rotated.refreshToken)).statusCode).toBe(401);
    expect((await me(rotated.accessToken)).statusCode).toBe(401);
    // Re-pairing gives the device a fresh family.
    const repaired = await pairDevice(server, branchA);
    expect((await refresh(repaired.refreshToken)).statusCode).toBe(200);
  });

  it('answers a retry with the same rotationId with the same successor, so a lost answer never costs the pairing', async () => {
    const device = await pairDevice(server, branchA);
    const rotationId = 'retry-rotation-0001';
    const lost = await post('/v1/devices/token', { refreshToken: device.refreshToken, rotationId });
    expect(lost.statusCode).toBe(200);
    // The answer never reached the device: it sends the same token and rotation id again.
    const retry = await post('/v1/devices/token', { refreshToken: device.refreshToken, rotationId });
    expect(retry.statusCode, retry.body).toBe(200);
    const fresh = retry.json() as { accessToken: string; refreshToken: string };
    expect(fresh.refreshToken).toBe((lost.json() as { refreshToken: string }).refreshToken);
    expect((await me(fresh.accessToken)).statusCode).toBe(200);
    // The successor works once; after that, the old token is plain reuse.
    expect((await refresh(fresh.refreshToken)).statusCode).toBe(200);
    expect((await post('/v1/devices/token', { refreshToken: device.refreshToken, rotationId })).json()).toMatchObject({ error: { code: 'auth.refresh_reused' } });
  });

  it('gives two copies of one rotation delivered at once the same successor', async () => {
    const device = await pairDevice(server, branchA);
    const body = { refreshToken: device.refreshToken, rotationId: 'twice-rotation-0001' };
    const [a, b] = await Promise.all([post('/v1/devices/token', body), post('/v1/devices/token', body)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect((a.json() as { refreshToken: string }).refreshToken).toBe((b.json() as { refreshToken: string }).refreshToken);
    expect((await refresh((a.json() as { refreshToken: string }).refreshToken)).statusCode).toBe(200);
  });

  it('treats a retry with another rotationId, or once the successor was used, as reuse', async () => {
    const a = await pairDevice(server, branchA);
    await post('/v1/devices/token', { refreshToken: a.refreshToken, rotationId: 'first-rotation-0001' });
    expect((await post('/v1/devices/token', { refreshToken: a.refreshToken, rotationId: 'other-rotation-0002' })).json()).toMatchObject({ error: { code: 'auth.refresh_reused' } });
    const b = await pairDevice(server, branchA);
    const next = (await post('/v1/devices/token', { refreshToken: b.refreshToken, rotationId: 'first-rotation-0003' })).json() as { refreshToken: string };
    expect((await refresh(next.refreshToken)).statusCode).toBe(200);
    expect((await post('/v1/devices/token', { refreshToken: b.refreshToken, rotationId: 'first-rotation-0003' })).json()).toMatchObject({ error: { code: 'auth.refresh_reused' } });
  });

  it('lets only one of two simultaneous refreshes with the same token through', async () => {
    const device = await pairDevice(server, branchA);
    const results = await Promise.all([refresh(device.refreshToken), refresh(device.refreshToken)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('refuses an unknown or expired refresh token with 401 auth.refresh_invalid', async () => {
    const unknown = await refresh('not-a-real-token');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toMatchObject({ error: { code: 'auth.refresh_invalid' } });
    const device = await pairDevice(server, branchA);
    await server.db.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second'`);
    expect((await refresh(device.refreshToken)).json()).toMatchObject({ error: { code: 'auth.refresh_invalid' } });
  });

  it('revokes a device for an admin: its access and refresh tokens stop working at once', async () => {
    const device = await pairDevice(server, branchA);
    const res = await post(`/v1/devices/${device.deviceId}/revoke`, undefined, server.adminToken);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: device.deviceId, revokedAt: expect.any(String) });
    expect((await me(device.accessToken)).json()).toMatchObject({ error: { code: 'device.revoked' } });
    expect((await refresh(device.refreshToken)).json()).toMatchObject({ error: { code: 'device.revoked' } });
  });

  it('refuses revocation to a manager, and answers 404 for an unknown device', async () => {
    const device = await pairDevice(server, branchA);
    const manager = await createStaff(server, { username: 'meera', role: 'manager', branchIds: [branchA] });
    expect((await post(`/v1/devices/${device.deviceId}/revoke`, undefined, manager.token)).statusCode).toBe(403);
    expect((await post('/v1/devices/01900000-0000-7000-8000-000000000000/revoke', undefined, server.adminToken)).statusCode).toBe(404);
  });

  it('stores only hashes of refresh tokens and pairing codes', async () => {
    const device = await pairDevice(server, branchA);
    const plain = await server.db.query('SELECT 1 FROM refresh_tokens WHERE token_hash = $1', [device.refreshToken]);
    expect(plain.rows).toHaveLength(0);
  });
});
