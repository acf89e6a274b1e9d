/**
 * Reports across branches on the counter, for an admin who is online: the core signs in to the
 * office (REST login) and reads the server's reports; its figures equal the raw sales in Postgres.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../electron/src/core/app-core.js';
import { removeTestDirs, testDir } from '../electron/src/core/testing/demo-store.js';
import type { OfficeReport } from '../shared/src/api-contract.js';
import { call, createBranch, createStaff, pairDevice, startTestServer, type TestServer } from '../sync-server/src/test-support/test-app.js';
import { saleMutation, seedCatalogue } from '../sync-server/src/test-support/catalogue.js';

afterAll(removeTestDirs);

describe('office reports on the counter', () => {
  let server: TestServer;
  let url: string;
  let core: AppCore;
  let token: string | null = null;
  const dispatch = <T>(method: string, args: Record<string, unknown> = {}) =>
    core.dispatch({ method, args, sessionToken: token }) as Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const address = server.app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    // Two branches with sales pushed by their own counters.
    for (const code of ['OFA', 'OFB']) {
      const branch = await createBranch(server, code);
      const cashier = await createStaff(server, { username: `c-${code}`, role: 'cashier', branchIds: [branch] });
      const items = await seedCatalogue(server.db, { count: 2, branchIds: [branch] });
      const device = await pairDevice(server, branch);
      const n = code === 'OFA' ? 3 : 2;
      const mutations = Array.from({ length: n }, () => saleMutation(cashier.id, items, { prefix: device.invoicePrefix, at: '2026-01-15T06:00:00.000Z' }));
      await call(server.app, 'POST', '/v1/sync/push', { mutations }, device.accessToken);
    }
    // This counter belongs to OFA, and its admin has a PIN here and a password at the office.
    const ofa = (await server.db.query<{ id: string }>(`SELECT id FROM branches WHERE code = 'OFA'`)).rows[0]?.id as string;
    await call(server.app, 'POST', '/v1/users', { username: 'boss', name: 'Office Boss', role: 'admin', branchIds: [ofa], pin: '4321', password: 'boss-password-1' }, server.adminToken);
    core = createAppCore({ dbPath: join(testDir('similia-office-'), 'similia.db'), sync: { idleWaitSeconds: 1 } });
    const code = ((await call(server.app, 'POST', `/v1/branches/${ofa}/pairing-codes`, undefined, server.adminToken)).json() as { code: string }).code;
    expect((await dispatch('sync.pair', { serverUrl: url, code })).ok).toBe(true);
    const deadline = Date.now() + 20_000;
    while (!(await dispatch('app.info')).ok && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  });
  afterAll(async () => {
    await core.close();
    server.app.server.closeAllConnections();
    await server.close();
  });

  const login = async (name: string, pin: string): Promise<void> => {
    const staff = await dispatch<{ id: string; name: string }[]>('auth.staffList');
    const who = staff.ok ? staff.value.find((s) => s.name === name) : undefined;
    const r = await dispatch<{ sessionToken: string }>('auth.login', { staffId: who?.id, pin });
    if (!r.ok) throw new Error(r.error.message);
    token = r.value.sessionToken;
  };

  it('asks an admin to sign in to the office, refuses a wrong password, then shows every branch as the server has it', async () => {
    await login('Office Boss', '4321');
    expect(await dispatch('reports.office', { from: '2026-01-01', to: '2026-01-31' })).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    expect(await dispatch('reports.officeSignIn', { username: 'boss', password: 'wrong-password' })).toMatchObject({ ok: false, error: { code: 'auth.pin_invalid' } });
    expect(await dispatch('reports.officeSignIn', { username: 'boss', password: 'boss-password-1' })).toMatchObject({ ok: true, value: { username: 'boss' } });
    const r = await dispatch<OfficeReport>('reports.office', { from: '2026-01-01', to: '2026-01-31' });
    if (!r.ok) throw new Error(r.error.message);
    const raw = await server.db.query<{ code: string; n: string; total: string }>(
      `SELECT b.code, COUNT(s.id) AS n, COALESCE(SUM(s.total_paise), 0) AS total FROM branches b LEFT JOIN sales s ON s.branch_id = b.id AND s.status = 'completed' AND s.business_date BETWEEN '2026-01-01' AND '2026-01-31' GROUP BY b.code`,
    );
    for (const b of r.value.branches) {
      const want = raw.rows.find((x) => x.code === b.code);
      expect([b.invoices, b.totalPaise]).toEqual([Number(want?.n), Number(want?.total)]);
    }
    expect(r.value.branches.find((b) => b.code === 'OFA')?.invoices).toBe(3);
    expect(r.value.branches.find((b) => b.code === 'OFB')?.invoices).toBe(2);
    expect(r.value.payments.reduce((s, p) => s + p.amountPaise, 0)).toBe(r.value.branches.reduce((s, b) => s + b.totalPaise, 0));
  });

  it('refuses a manager or cashier, and a password of someone who is not an office admin', async () => {
    await call(server.app, 'POST', '/v1/users', { username: 'mgr', name: 'Branch Manager', role: 'manager', branchIds: [(await server.db.query<{ id: string }>(`SELECT id FROM branches WHERE code = 'OFA'`)).rows[0]?.id], pin: '5555', password: 'mgr-password-1' }, server.adminToken);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const staff = await dispatch<{ name: string }[]>('auth.staffList');
      if ((staff.ok && staff.value.some((s) => s.name === 'Branch Manager')) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await login('Branch Manager', '5555');
    expect(await dispatch('reports.office', { from: '2026-01-01', to: '2026-01-31' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await dispatch('reports.officeSignIn', { username: 'mgr', password: 'mgr-password-1' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });
});
