/**
 * A scheme from the office to the counter and back, through the real sync server (PGlite and
 * Postgres) with a real SQLite store and the device's own sync client: the admin creates it over
 * REST, the paired counter pulls it and applies it by itself (above the cashier's own limit), the
 * sale goes up naming the scheme with the tax figures the server agrees with, and a deactivation
 * reaches the counter and stops the scheme.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Quote, SyncStatus } from '../shared/src/api-contract.js';
import { createAppCore, type AppCore } from '../electron/src/core/app-core.js';
import { removeTestDirs, testDir } from '../electron/src/core/testing/demo-store.js';
import { BACKENDS } from '../sync-server/src/test-support/test-db.js';
import { call, createBranch, createStaff, startTestServer, type TestServer } from '../sync-server/src/test-support/test-app.js';
import { seedCatalogue, type SeededItem } from '../sync-server/src/test-support/catalogue.js';

afterAll(removeTestDirs);

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(BACKENDS)('a scheme from the office to the counter on %s', (kind) => {
  let server: TestServer;
  let url: string;
  let branch: string;
  let items: SeededItem[];
  let core: AppCore;
  let token: string | null = null;
  const dispatch = async <T>(method: string, args: Record<string, unknown> = {}): Promise<T> => {
    const r = (await core.dispatch({ method, args, sessionToken: token })) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };

  beforeAll(async () => {
    server = await startTestServer(kind, { pullPollIntervalMs: 25 });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const address = server.app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    branch = await createBranch(server, `SCH-${kind.toUpperCase()}`);
    await createStaff(server, { username: `cashier-${kind}`, role: 'cashier', branchIds: [branch] });
    items = await seedCatalogue(server.db, { count: 2, branchIds: [branch], openingQty: 20, mrpPaise: 10_000 });
    core = createAppCore({ dbPath: join(testDir('similia-schemes-'), 'similia.db'), sync: { idleWaitSeconds: 1, backoff: { baseMs: 50, maxMs: 200 } } });
  }, 180_000); // PGlite's migrations are slow on a loaded machine
  afterAll(async () => {
    core.close();
    server.app.server.closeAllConnections();
    await server.close();
  });

  it('pulls the scheme, applies it above the cashier’s limit, pushes the sale naming it, and stops once the office deactivates it', async () => {
    const created = await call(server.app, 'POST', '/v1/schemes', { name: 'SBL fortnight 20%', kind: 'percent', targetType: 'brand', targetValue: 'sbl', percentBp: 2000, validFrom: '2026-01-01', branchIds: [branch] }, server.adminToken);
    expect(created.statusCode, created.body).toBe(201);
    const schemeId = (created.json() as { id: string }).id;

    const code = await call(server.app, 'POST', `/v1/branches/${branch}/pairing-codes`, undefined, server.adminToken);
    await dispatch<SyncStatus>('sync.pair', { serverUrl: url, code: (code.json() as { code: string }).code });
    await until('the first sync', async () => (await core.dispatch({ method: 'app.info', args: {} })).ok);
    const staff = await dispatch<{ id: string; name: string }[]>('auth.staffList');
    token = (await dispatch<{ sessionToken: string }>('auth.login', { staffId: staff.find((s) => s.name === `cashier-${kind}`)?.id, pin: '1234' })).sessionToken;

    const item = items[0] as SeededItem;
    const lines = [{ lineId: 'a', productId: item.productId, qty: 2, discountPaise: 500 }];
    await until('the scheme to arrive', async () => ((await dispatch<Quote>('sale.quote', { lines })).lines[0]?.schemes?.length ?? 0) > 0);
    const quote = await dispatch<Quote>('sale.quote', { lines });
    const line = quote.lines[0];
    expect(line).toMatchObject({ grossPaise: 20_000, schemeDiscountPaise: 4000, discountPaise: 4500, problems: [] });
    expect(line?.schemes).toEqual([{ schemeId, name: 'SBL fortnight 20%', discountPaise: 4000, freeUnits: 0 }]);

    const sale = await dispatch<{ saleId: string }>('sale.complete', { clientRequestId: `s-${kind}`, lines, payments: [{ method: 'cash', amountPaise: quote.totals.totalPaise }] });
    await dispatch('sync.now');
    await until('the sale to reach the server', async () => (await dispatch<SyncStatus>('sync.status')).pendingCount === 0);
    const onServer = await server.db.query<{ scheme_id: string; scheme_discount_paise: string; discount_paise: string }>(
      'SELECT scheme_id, scheme_discount_paise::text, discount_paise::text FROM sale_lines WHERE sale_id = $1', [sale.saleId]);
    expect(onServer.rows).toEqual([{ scheme_id: schemeId, scheme_discount_paise: '4000', discount_paise: '4500' }]);
    // The server's own tax figures match the printed ones, and the cashier's 2.5 % is within her limit.
    const anomalies = await server.db.query<{ kind: string }>('SELECT kind FROM anomalies WHERE ref_id = $1', [sale.saleId]);
    expect(anomalies.rows).toEqual([]);

    expect((await call(server.app, 'POST', `/v1/schemes/${schemeId}/deactivate`, undefined, server.adminToken)).statusCode).toBe(200);
    await dispatch('sync.now');
    await until('the deactivation to arrive', async () => (await dispatch<Quote>('sale.quote', { lines })).lines[0]?.schemes === undefined);
    expect((await dispatch<Quote>('sale.quote', { lines })).lines[0]?.discountPaise).toBe(500);
  });
});
