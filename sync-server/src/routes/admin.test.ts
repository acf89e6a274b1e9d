import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySecret } from '../auth/secrets.js';
import { BACKENDS } from '../test-support/test-db.js';
import { call, createBranch, createStaff, startTestServer, type TestServer } from '../test-support/test-app.js';

describe.each(BACKENDS)('branches, users and pairing codes on %s', (kind) => {
  let server: TestServer;
  let branchA: string;
  let branchB: string;
  let manager: { id: string; token: string };
  let cashier: { id: string; token: string };

  beforeAll(async () => {
    server = await startTestServer(kind);
    branchA = await createBranch(server, 'BLR-1');
    branchB = await createBranch(server, 'MUM-1');
    manager = await createStaff(server, { username: 'meera', role: 'manager', branchIds: [branchA] });
    cashier = await createStaff(server, { username: 'ravi', role: 'cashier', branchIds: [branchA] });
  });
  afterAll(() => server.close());

  const post = (url: string, body: unknown, token = server.adminToken) => call(server.app, 'POST', url, body, token);

  it('lets an admin create a branch and returns it with its id', async () => {
    const res = await post('/v1/branches', { code: 'DEL-1', name: 'Delhi', stateCode: '07', gstin: null });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), code: 'DEL-1', name: 'Delhi', stateCode: '07', gstin: null });
  });

  it.each([
    ['an unknown property', { code: 'X-1', name: 'X', stateCode: '29', address: 'MG Road' }, 'input.invalid'],
    ['a lowercase code', { code: 'x-1', name: 'X', stateCode: '29' }, 'input.invalid'],
    ['an unknown state code', { code: 'X-1', name: 'X', stateCode: '00' }, 'input.invalid'],
    ['a GSTIN with a bad check character', { code: 'X-1', name: 'X', stateCode: '29', gstin: '29ABCDE1234F1Z6' }, 'customer.gstin_invalid'],
  ])('refuses a branch with %s with 400', async (_label, body, code) => {
    const res = await post('/v1/branches', body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code } });
  });

  it('refuses a second branch with the same code with 409', async () => {
    const res = await post('/v1/branches', { code: 'BLR-1', name: 'Again', stateCode: '29' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'resource.conflict' } });
  });

  it('refuses branch creation to a manager with 403', async () => {
    const res = await post('/v1/branches', { code: 'X-2', name: 'X', stateCode: '29' }, manager.token);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'auth.forbidden' } });
  });

  it('lists every branch to an admin and only their own to staff', async () => {
    const all = await call(server.app, 'GET', '/v1/branches', undefined, server.adminToken);
    expect((all.json() as { branches: { id: string }[] }).branches.map((b) => b.id)).toEqual(expect.arrayContaining([branchA, branchB]));
    const own = await call(server.app, 'GET', '/v1/branches', undefined, cashier.token);
    expect((own.json() as { branches: { id: string }[] }).branches.map((b) => b.id)).toEqual([branchA]);
  });

  it('creates a user without ever returning a PIN or password hash, and stores the PIN in the device’s scrypt format', async () => {
    const res = await post('/v1/users', { username: 'asha', name: 'Asha', role: 'pharmacist', branchIds: [branchA, branchB], pin: '4321' });
    expect(res.statusCode).toBe(201);
    const body = res.json() as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['active', 'branchIds', 'id', 'name', 'role', 'username']);
    const stored = await server.db.query<{ pin_hash: string; password_hash: string | null }>('SELECT pin_hash, password_hash FROM users WHERE id = $1', [body.id]);
    const row = stored.rows[0];
    expect(row?.password_hash).toBeNull();
    expect(row?.pin_hash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(await verifySecret('4321', row?.pin_hash ?? '')).toBe(true);
    expect(await verifySecret('0000', row?.pin_hash ?? '')).toBe(false);
  });

  it('lists users with their branches and no hashes', async () => {
    const res = await call(server.app, 'GET', '/v1/users', undefined, server.adminToken);
    expect(res.statusCode).toBe(200);
    const users = (res.json() as { users: Record<string, unknown>[] }).users;
    expect(users.find((u) => u.username === 'meera')).toEqual({ id: manager.id, username: 'meera', name: 'meera', role: 'manager', branchIds: [branchA], active: true });
    expect(res.body).not.toMatch(/scrypt|hash/i);
  });

  it.each([
    ['a username taken in another case', { username: 'RAVI', name: 'R', role: 'cashier', branchIds: ['BRANCH_A'], pin: '1111' }, 409, 'resource.conflict'],
    ['a branch that does not exist', { username: 'x1', name: 'X', role: 'cashier', branchIds: ['01900000-0000-7000-8000-000000000000'], pin: '1111' }, 400, 'input.invalid'],
    ['a cashier with no branch', { username: 'x2', name: 'X', role: 'cashier', branchIds: [], pin: '1111' }, 400, 'input.invalid'],
    ['an unknown role', { username: 'x3', name: 'X', role: 'owner', branchIds: ['BRANCH_A'], pin: '1111' }, 400, 'input.invalid'],
    ['a PIN with letters', { username: 'x4', name: 'X', role: 'cashier', branchIds: ['BRANCH_A'], pin: '12ab' }, 400, 'input.invalid'],
    ['a pinHash smuggled in', { username: 'x5', name: 'X', role: 'cashier', branchIds: ['BRANCH_A'], pin: '1111', pinHash: 'x' }, 400, 'input.invalid'],
  ])('refuses a user with %s', async (_label, body, status, code) => {
    const withBranch = { ...body, branchIds: body.branchIds.map((id) => (id === 'BRANCH_A' ? branchA : id)) };
    const res = await post('/v1/users', withBranch);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ error: { code } });
  });

  it('refuses user creation to a manager with 403', async () => {
    const res = await post('/v1/users', { username: 'x6', name: 'X', role: 'cashier', branchIds: [branchA], pin: '1111' }, manager.token);
    expect(res.statusCode).toBe(403);
  });

  it('issues a single-use pairing code valid for 15 minutes to an admin', async () => {
    const before = Date.now();
    const res = await post(`/v1/branches/${branchB}/pairing-codes`, undefined);
    expect(res.statusCode).toBe(201);
    const { code, expiresAt } = res.json() as { code: string; expiresAt: string };
    expect(code).toMatch(/^[0-9A-Z]{8}$/);
    const ttl = Date.parse(expiresAt) - before;
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000 + 1_000);
    const stored = await server.db.query('SELECT 1 FROM pairing_codes WHERE code_hash = $1', [code]);
    expect(stored.rows).toHaveLength(0); // only a hash is kept
  });

  it('lets a manager issue pairing codes for their own branch only', async () => {
    expect((await post(`/v1/branches/${branchA}/pairing-codes`, undefined, manager.token)).statusCode).toBe(201);
    expect((await post(`/v1/branches/${branchB}/pairing-codes`, undefined, manager.token)).statusCode).toBe(403);
  });

  it('refuses pairing codes to a cashier, for an unknown branch, and for a malformed id', async () => {
    expect((await post(`/v1/branches/${branchA}/pairing-codes`, undefined, cashier.token)).statusCode).toBe(403);
    expect((await post('/v1/branches/01900000-0000-7000-8000-000000000000/pairing-codes', undefined)).statusCode).toBe(404);
    const bad = await post('/v1/branches/not-a-uuid/pairing-codes', undefined);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'input.invalid' } });
  });

  it('stops a deactivated user’s still-valid token at once', async () => {
    const temp = await createStaff(server, { username: 'temp', role: 'manager', branchIds: [branchA] });
    await server.db.query('UPDATE users SET active = false WHERE id = $1', [temp.id]);
    const res = await call(server.app, 'GET', '/v1/branches', undefined, temp.token);
    expect(res.statusCode).toBe(401);
  });
});
