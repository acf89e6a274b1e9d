/**
 * The device's sync client against the real sync server (Fastify on a real Postgres database and
 * on PGlite) over HTTP on loopback, with real SQLite stores: pairing a fresh install, the first
 * sync, selling offline and online, shown stock, refresh-token rotation, rejected mutations.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../shared/src/api-contract.js';
import { createAppCore, type AppCore } from '../electron/src/core/app-core.js';
import { ServerApi, type FetchLike } from '../electron/src/core/sync/server-api.js';
import { openStore } from '../electron/src/core/store/open-store.js';
import { removeTestDirs, testDir } from '../electron/src/core/testing/demo-store.js';
import { BACKENDS } from '../sync-server/src/test-support/test-db.js';
import { call, createBranch, createStaff, startTestServer, type TestServer } from '../sync-server/src/test-support/test-app.js';
import { seedCatalogue, type SeededItem } from '../sync-server/src/test-support/catalogue.js';

afterAll(removeTestDirs);

interface Device {
  core: AppCore;
  file: string;
  token: string | null;
  call<T>(method: string, args?: Record<string, unknown>): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>;
  value<T>(method: string, args?: Record<string, unknown>): Promise<T>;
}

function device(file = join(testDir('similia-sync-'), 'similia.db'), fetchImpl?: FetchLike): Device {
  const core = createAppCore({
    dbPath: file,
    sync: { idleWaitSeconds: 1, backoff: { baseMs: 50, maxMs: 200 }, pullLimit: 50, ...(fetchImpl === undefined ? {} : { api: new ServerApi(fetchImpl) }) },
  });
  const d: Device = {
    core,
    file,
    token: null,
    call: (method, args = {}) => core.dispatch({ method, args, sessionToken: d.token }) as never,
    async value(method, args = {}) {
      const r = await d.call(method, args);
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
  };
  return d;
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(BACKENDS)('the sync client against the sync server on %s', (kind) => {
  let server: TestServer;
  let url: string;
  let branchId: string;
  let cashierId: string;
  let items: SeededItem[];

  beforeAll(async () => {
    server = await startTestServer(kind, { pullPollIntervalMs: 25 });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const address = server.app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    branchId = await createBranch(server, `SC-${kind.toUpperCase()}`);
    cashierId = (await createStaff(server, { username: `cash-${kind}`, role: 'cashier', branchIds: [branchId] })).id;
    await createStaff(server, { username: `mgr-${kind}`, role: 'manager', branchIds: [branchId] });
    await createStaff(server, { username: `pharm-${kind}`, role: 'pharmacist', branchIds: [branchId] });
    items = await seedCatalogue(server.db, { count: 120, branchIds: [branchId], openingQty: 10 });
  });
  afterAll(async () => {
    // Devices keep idle keep-alive connections; the server was also stopped and restarted by hand.
    server.app.server.closeAllConnections();
    await server.close();
  });

  const code = async (): Promise<string> => ((await call(server.app, 'POST', `/v1/branches/${branchId}/pairing-codes`, undefined, server.adminToken)).json() as { code: string }).code;
  const serverLevel = async (batchId: string): Promise<number> =>
    Number((await server.db.query<{ qty: number }>('SELECT qty FROM stock_levels WHERE branch_id = $1 AND batch_id = $2', [branchId, batchId])).rows[0]?.qty);

  async function pairedDevice(): Promise<Device> {
    const d = device();
    expect(await d.call('app.info')).toMatchObject({ ok: false, error: { code: 'device.unpaired' } });
    const pairing = await code();
    const status = await d.value<SyncStatus>('sync.pair', { serverUrl: `${url}/`, code: pairing.toLowerCase().replace(/(.{4})/, '$1-') });
    expect(status).toMatchObject({ paired: true, serverUrl: url });
    await until('the first sync', async () => (await d.call('app.info')).ok);
    return d;
  }

  async function login(d: Device, name: string): Promise<void> {
    const staff = await d.value<{ id: string; name: string }[]>('auth.staffList');
    const member = staff.find((s) => s.name === name);
    if (member === undefined) throw new Error(`${name} is not on this device: ${JSON.stringify(staff)}`);
    d.token = (await d.value<{ sessionToken: string }>('auth.login', { staffId: member.id, pin: '1234' })).sessionToken;
  }

  it('pairs a fresh install, brings the branch, staff, tax rates and catalogue down, and lets staff log in with their PIN', async () => {
    const d = await pairedDevice();
    const info = await d.value<{ deviceId: string; branch: { id: string }; invoicePrefix: string }>('app.info');
    expect(info.branch.id).toBe(branchId);
    expect(info.invoicePrefix).toMatch(/^C[0-9A-Z]+$/);
    const staff = await d.value<{ name: string }[]>('auth.staffList');
    expect(staff.map((s) => s.name).sort()).toEqual([`cash-${kind}`, `mgr-${kind}`, `pharm-${kind}`]);
    await login(d, `cash-${kind}`);
    const hits = await d.value<{ productId: string; stockQty: number }[]>('catalog.search', { query: 'arnica 30', limit: 100 });
    expect(hits.length).toBeGreaterThan(50);
    expect(hits.filter((h) => h.stockQty !== 10)).toEqual([]);
    const status = await d.value<SyncStatus>('sync.status');
    expect(status).toMatchObject({ paired: true, online: true, pendingCount: 0, progress: null, problems: [] });
    expect(status.lastSyncAt).not.toBeNull();
    await d.core.close();
  });

  it('pushes a sale at once, and shows the server level plus its own unconfirmed movements meanwhile', async () => {
    const d = await pairedDevice();
    await login(d, `cash-${kind}`);
    const item = items[3] as SeededItem;
    const before = await serverLevel(item.batchId);
    const lines = [{ lineId: 'l1', productId: item.productId, qty: 2, discountPaise: 0 }];
    const total = (await d.value<{ totals: { totalPaise: number } }>('sale.quote', { lines })).totals.totalPaise;
    const sale = await d.value<{ saleId: string }>('sale.complete', { clientRequestId: 'r1', lines, payments: [{ method: 'cash', amountPaise: total }] });
    // Shown at once, before any sync: the local movement is added to the last server level.
    const shown = async (): Promise<number> => (await d.value<{ qty: number }[]>('catalog.batches', { productId: item.productId }))[0]?.qty ?? 0;
    expect(await shown()).toBe(before - 2);
    await until('the sale on the server', async () => (await server.db.query('SELECT 1 FROM sales WHERE id = $1', [sale.saleId])).rows.length === 1);
    expect(await serverLevel(item.batchId)).toBe(before - 2);
    await until('the queue to drain', async () => (await d.value<SyncStatus>('sync.status')).pendingCount === 0);
    // Once the level that includes the sale has come down, the movement is confirmed: counted once.
    await until('the movement to be confirmed', () => {
      const db = openStore(d.file, { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM stock_movements WHERE unconfirmed = 1').get() as { n: number }).n === 0;
      } finally {
        db.close();
      }
    });
    expect(await shown()).toBe(before - 2);
    // Another counter's sale at the branch reaches this counter's shown stock through the server.
    await server.db.query(`UPDATE stock_levels SET qty = qty - 1 WHERE branch_id = $1 AND batch_id = $2`, [branchId, item.batchId]);
    await until('the other counter’s sale to show', async () => (await shown()) === before - 3);
    await d.core.close();
  });

  it('keeps selling with the server down, and catches up once it is back', async () => {
    const d = await pairedDevice();
    await login(d, `cash-${kind}`);
    await server.app.server.close(); // stop listening: the device sees connection refused
    server.app.server.closeAllConnections();
    const item = items[5] as SeededItem;
    const lines = [{ lineId: 'l1', productId: item.productId, qty: 1, discountPaise: 0 }];
    const total = (await d.value<{ totals: { totalPaise: number } }>('sale.quote', { lines })).totals.totalPaise;
    const saleIds: string[] = [];
    for (let i = 0; i < 3; i++) saleIds.push((await d.value<{ saleId: string }>('sale.complete', { clientRequestId: `off-${i}`, lines, payments: [{ method: 'upi', amountPaise: total }] })).saleId);
    await until('the device to notice', async () => {
      const s = await d.value<SyncStatus>('sync.status');
      return !s.online && s.lastError?.code === 'sync.server_unreachable' && s.nextAttemptAt !== null;
    });
    expect(await d.value<SyncStatus>('sync.status')).toMatchObject({ pendingCount: 3 });
    await new Promise<void>((resolve) => server.app.server.listen({ port: Number(new URL(url).port), host: '127.0.0.1' }, resolve));
    await d.value('sync.now');
    await until('the queue to drain', async () => (await d.value<SyncStatus>('sync.status')).pendingCount === 0);
    const stored = await server.db.query<{ n: string }>('SELECT COUNT(*) AS n FROM sales WHERE id = ANY($1::uuid[])', [saleIds]);
    expect(Number(stored.rows[0]?.n)).toBe(3);
    expect(await d.value<SyncStatus>('sync.status')).toMatchObject({ online: true, lastError: null });
    await d.core.close();
  });

  it('refreshes an expired access token and keeps the rotated refresh token across a restart', async () => {
    const d = await pairedDevice();
    const db = openStore(d.file);
    const before = db.prepare('SELECT refresh_token FROM sync_link').get() as { refresh_token: string };
    db.prepare('UPDATE sync_link SET access_expires_ms = 0').run();
    db.close();
    await d.value('sync.now');
    await until('a rotation', () => {
      const check = openStore(d.file, { readonly: true });
      try {
        return (check.prepare('SELECT refresh_token FROM sync_link').get() as { refresh_token: string }).refresh_token !== before.refresh_token;
      } finally {
        check.close();
      }
    });
    await d.core.close();
    const again = device(d.file);
    await login(again, `cash-${kind}`);
    await until('a sync after restart', async () => (await again.value<SyncStatus>('sync.status')).online);
    await again.core.close();
  });

  it('keeps a mutation the server refuses, with its reason, until a manager retries it', async () => {
    const d = await pairedDevice();
    await login(d, `cash-${kind}`);
    // The cashier leaves the branch on the server before the device pushes their sale.
    await server.db.query('DELETE FROM user_branches WHERE user_id = $1 AND branch_id = $2', [cashierId, branchId]);
    const item = items[7] as SeededItem;
    const lines = [{ lineId: 'l1', productId: item.productId, qty: 1, discountPaise: 0 }];
    const total = (await d.value<{ totals: { totalPaise: number } }>('sale.quote', { lines })).totals.totalPaise;
    await d.value('sale.complete', { clientRequestId: 'refused', lines, payments: [{ method: 'cash', amountPaise: total }] });
    await until('the refusal', async () => (await d.value<SyncStatus>('sync.status')).problems.length === 1);
    const status = await d.value<SyncStatus>('sync.status');
    expect(status.problems[0]).toMatchObject({ type: 'sale.completed', code: 'auth.forbidden', message: expect.stringContaining('branch') });
    expect(status.pendingCount).toBe(0);
    const mutationId = status.problems[0]?.mutationId as string;
    expect(await d.call('sync.retryRejected', { mutationId })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    await server.db.query('INSERT INTO user_branches (user_id, branch_id) VALUES ($1, $2)', [cashierId, branchId]);
    d.token = null;
    await login(d, `mgr-${kind}`);
    await d.value('sync.retryRejected', { mutationId });
    await until('the retried sale to apply', async () => {
      const s = await d.value<SyncStatus>('sync.status');
      return s.problems.length === 0 && s.pendingCount === 0;
    });
    await d.core.close();
  });

  it('sends a goods receipt and an adjustment from one counter; the other counter sees the new lot and the levels', async () => {
    const a = await pairedDevice();
    const b = await pairedDevice();
    await login(a, `pharm-${kind}`);
    const item = items[9] as SeededItem;
    const receipt = await a.value<{ receiptId: string; batchIds: string[] }>('stock.receive', {
      supplier: 'SBL Pvt Ltd', supplierInvoiceNo: `INV-${kind}`, supplierInvoiceDate: '2026-11-20',
      lines: [{ productId: item.productId, batchNo: `LOT-${kind}`, expiry: '2031-03-31', qty: 12, freeQty: 1, costPaise: 4000, mrpPaise: item.mrpPaise }],
    });
    const lot = receipt.batchIds[0] as string;
    expect(await a.call('stock.adjust', { reason: 'damage', note: 'cracked', lines: [{ batchId: lot, qtyDelta: -1 }] })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    a.token = null;
    await login(a, `mgr-${kind}`);
    await a.value('stock.adjust', { reason: 'damage', note: 'cracked', lines: [{ batchId: lot, qtyDelta: -1 }] });
    await until('both on the server', async () => (await serverLevel(lot)) === 12);
    await login(b, `cash-${kind}`);
    await until('the other counter to show the new lot', async () => {
      const batches = await b.value<{ batchId?: string; id?: string; qty: number }[]>('catalog.batches', { productId: item.productId });
      return batches.some((x) => (x.batchId ?? x.id) === lot && x.qty === 12);
    });
    await a.core.close();
    await b.core.close();
  });

  it('resumes an interrupted first sync from its cursor after a restart, receiving every row once', async () => {
    // The link dies after three pages (the office's Wi-Fi drops): pulls fail from then on.
    let pulls = 0;
    const flaky: FetchLike = (input, init) => {
      if (input.includes('/v1/sync/pull') && ++pulls > 3) return Promise.reject(new TypeError('fetch failed'));
      return fetch(input, init);
    };
    const file = join(testDir('similia-sync-'), 'similia.db');
    const first = device(file, flaky);
    await first.value('sync.pair', { serverUrl: url, code: await code() });
    await until('the link to fail', async () => (await first.value<SyncStatus>('sync.status')).lastError?.code === 'sync.server_unreachable');
    const halfway = await first.value<SyncStatus>('sync.status');
    expect(halfway.progress).toMatchObject({ phase: 'initial', receivedRows: 150 });
    expect(halfway.progress?.totalRows).toBeGreaterThan(150);
    expect(await first.call('app.info')).toMatchObject({ ok: false, error: { code: 'device.unpaired' } });
    await first.core.close();

    const again = device(file);
    await until('the first sync to finish', async () => (await again.call('app.info')).ok);
    const total = Number((await server.db.query<{ n: string }>(`SELECT count(*) AS n FROM changes WHERE scope IN ('*', $1)`, [branchId])).rows[0]?.n);
    const db = openStore(file, { readonly: true });
    try {
      // Resumed, not restarted: exactly as many rows as the feed holds for this branch.
      expect((db.prepare('SELECT rows_received FROM sync_link').get() as { rows_received: number }).rows_received).toBe(total);
    } finally {
      db.close();
    }
    await again.core.close();
  });

  it('refuses a wrong pairing code and an address that is not a server, changing nothing', async () => {
    const d = device();
    expect(await d.call('sync.pair', { serverUrl: url, code: 'ZZZZZZZZ' })).toMatchObject({ ok: false, error: { code: 'sync.pairing_failed' } });
    expect(await d.call('sync.pair', { serverUrl: 'http://127.0.0.1:9', code: 'ABCD2345' })).toMatchObject({ ok: false, error: { code: 'sync.server_unreachable' } });
    expect(await d.call('sync.pair', { serverUrl: 'ftp://x.example', code: 'ABCD2345' })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await d.value<SyncStatus>('sync.status')).toMatchObject({ paired: false, online: false });
    expect(existsSync(d.file)).toBe(true);
    await d.core.close();
  });
});
