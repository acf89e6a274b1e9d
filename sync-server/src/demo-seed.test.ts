import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../shared/src/demo/demo-data.js';
import { verifySecret } from './auth/secrets.js';
import { demoUsername, seedDemo } from './demo-seed.js';
import { BACKENDS, settleFeed } from './test-support/test-db.js';
import { call, pairDevice, startTestServer, type TestServer } from './test-support/test-app.js';

const TODAY = '2026-02-10';
const SKUS = 40;

describe.each(BACKENDS)('SIMILIA_DEMO on %s', (kind) => {
  let server: TestServer;
  const data = generateDemoData({ today: TODAY, skuCount: SKUS });

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server.close());

  it('loads the app’s demo organisation with the same ids into an empty database, once', async () => {
    expect(await seedDemo(server.db, { today: TODAY, skuCount: SKUS, scryptN: 2 ** 10 })).toBe(true);
    expect(await seedDemo(server.db, { today: TODAY, skuCount: SKUS, scryptN: 2 ** 10 })).toBe(false);
    const products = await server.db.query<{ id: string }>('SELECT id FROM products ORDER BY id');
    expect(products.rows.map((r) => r.id)).toEqual(data.products.map((p) => p.id).sort());
    const levels = await server.db.query<{ n: string; total: string }>('SELECT count(*)::text AS n, sum(qty)::text AS total FROM stock_levels');
    expect(levels.rows[0]).toEqual({ n: String(data.batches.length), total: String(data.batches.reduce((s, b) => s + b.qty, 0)) });
  });

  it('hands a device paired to the demo counter’s branch its staff with PIN hashes that verify', async () => {
    const device = await pairDevice(server, data.device.branchId);
    await settleFeed(server.db);
    const page = (await call(server.app, 'GET', '/v1/sync/pull?limit=5000', undefined, device.accessToken)).json() as {
      changes: { table: string; row: { id: string; username?: string; pinHash?: string } }[];
    };
    const staff = page.changes.filter((c) => c.table === 'users').map((c) => c.row);
    const expected = data.staff.filter((s) => s.branchId === data.device.branchId);
    expect(staff.map((s) => s.id).sort()).toEqual(expected.map((s) => s.id).sort());
    const first = expected[0];
    const synced = staff.find((s) => s.id === first?.id);
    expect(synced?.username).toBe(demoUsername(first?.name ?? ''));
    expect(await verifySecret(first?.pin ?? '', synced?.pinHash ?? '')).toBe(true);
    expect(page.changes.filter((c) => c.table === 'stock_levels')).toHaveLength(data.batches.length);
  });
});
