/**
 * The races the randomized fault suite found, each replayed deterministically with one counter,
 * the real server and a hand-held Postgres transaction or a hand-duplicated request, so a fix can
 * be checked in seconds instead of by luck across hundreds of sessions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, api, seedCatalogue, startCluster, type Cluster } from './cluster.js';
import { readStore, writeStore } from './device-host.js';
import { FaultDevice, type CatalogueItem } from './fault-device.js';
import { NO_FAULTS, startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { planSession, type DevicePlan } from './session-plan.js';
import { emptyCounters, pair, setUpBranches, until } from './session-run.js';

describe('races found by the fault suite', () => {
  let cluster: Cluster;
  let catalogue: CatalogueItem[];
  let root: string;
  const devices: FaultDevice[] = [];
  const proxies: FaultProxy[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'similia-races-'));
    cluster = await startCluster();
    catalogue = await seedCatalogue(cluster.pool, 2);
  });

  afterAll(async () => {
    await Promise.all(devices.map((d) => d.host.close().catch(() => undefined)));
    await Promise.all(proxies.map((p) => p.close()));
    await cluster?.close();
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  });

  /** A branch with its staff and opening stock, and one paired counter whose loop is stopped (the test syncs by hand). */
  async function counter(seed: number): Promise<{ d: FaultDevice; branchId: string }> {
    const plan = { ...planSession(seed), branches: 1, openingQty: 20 };
    const token = await adminToken(cluster.port);
    const { branchIds, staff } = await setUpBranches(cluster, plan, catalogue, token);
    const proxy = await startFaultProxy({ upstreamPort: cluster.port, seed, weights: NO_FAULTS });
    proxies.push(proxy);
    const devicePlan: DevicePlan = { ...(plan.devices[0] as DevicePlan), child: false, ops: [] };
    const shared = { seed, catalogue, customers: [], stats: emptyCounters() };
    const d = new FaultDevice(`race-${seed}`, devicePlan, join(root, `${seed}.db`), proxy, branchIds[0] as string, staff[0] as Record<'cashier' | 'pharmacist' | 'manager', string>, shared);
    devices.push(d);
    await d.open();
    await pair(cluster, d, token);
    await until('the first sync', async () => (await d.call(null, 'app.info')).ok, 20_000);
    await until('the staff', async () => (await d.value<{ id: string }[]>(null, 'auth.staffList')).length === 3, 20_000);
    await d.host.stopLoop();
    return { d, branchId: branchIds[0] as string };
  }

  const shown = async (d: FaultDevice, item: CatalogueItem): Promise<number | undefined> =>
    (await d.value<{ batchId: string; qty: number }[]>('manager', 'catalog.batches', { productId: item.productId })).find((b) => b.batchId === item.batchId)?.qty;

  it('confirms a movement whose stock level was last written by an older transaction that committed later', async () => {
    const { d, branchId } = await counter(910_001);
    const item = catalogue[0] as CatalogueItem;
    // Another push (say a sale at the next counter of the branch) starts first: it has an xid
    // before this counter's push gets one, and moves the same level only after it committed.
    const other = new pg.Client({ connectionString: cluster.databaseUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_current_xact_id()');
      await d.value('manager', 'stock.adjust', { reason: 'correction', note: 'race', lines: [{ batchId: item.batchId, qtyDelta: 3 }] });
      expect(await d.host.syncOnce()).toBeNull(); // applied and acknowledged; its level is held back by `other`
      await other.query(`INSERT INTO stock_movements (branch_id, batch_id, product_id, kind, qty, at) VALUES ($1, $2, $3, 'sale', -1, now())`, [branchId, item.batchId, item.productId]);
      await other.query('UPDATE stock_levels SET qty = qty - 1 WHERE branch_id = $1 AND batch_id = $2', [branchId, item.batchId]);
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
    expect(await d.host.syncOnce()).toBeNull();
    const level = Number((await cluster.pool.query<{ qty: number }>('SELECT qty FROM stock_levels WHERE branch_id = $1 AND batch_id = $2', [branchId, item.batchId])).rows[0]?.qty);
    expect(level).toBe(20 + 3 - 1);
    const unconfirmed = readStore(d.file, (db) => (db.prepare('SELECT COUNT(*) AS n FROM stock_movements WHERE unconfirmed = 1').get() as { n: number }).n);
    // The failure: the level arrives at the older transaction's xid, below the adjustment's `pos`,
    // so the adjustment stays "unconfirmed" and is added to a level that already includes it (25,
    // not 22) until some later write of that batch happens to carry a larger xid.
    expect({ shown: await shown(d, item), unconfirmed }).toEqual({ shown: level, unconfirmed: 0 });
  });

  const brokenCode = (d: FaultDevice): string | null => readStore(d.file, (db) => (db.prepare('SELECT broken_code FROM sync_link').get() as { broken_code: string | null }).broken_code);

  it('keeps a counter paired when its token refresh reaches the server twice at once', async () => {
    const { d } = await counter(910_002);
    // The network delivers the refresh twice (a retrying proxy, or this suite's `duplicate`).
    // The failure (found at 6c1fbde): the second copy waited on the first one's row lock, then
    // read the successor token through the statement's older snapshot (not there yet), took the
    // retry for theft and revoked the whole token family: the counter had to be paired again.
    d.proxy.setWeights({ ...NO_FAULTS, pass: 0, duplicate: 1 });
    writeStore(d.file, `UPDATE sync_link SET access_expires_ms = 0`);
    const first = await d.host.syncOnce();
    d.proxy.setWeights(NO_FAULTS);
    writeStore(d.file, `UPDATE sync_link SET access_expires_ms = 0`);
    const next = await d.host.syncOnce();
    expect({ first, next, broken: brokenCode(d) }).toEqual({ first: null, next: null, broken: null });
  });

  it('keeps a counter paired when an old refresh request is replayed after the rotation', async () => {
    const { d } = await counter(910_003);
    // The rotation succeeds and the counter keeps the new token; then a copy of the old request
    // arrives. The failure (found at 6c1fbde): the server took it for the counter's own retry and
    // retired the token the counter holds, so the counter's next rotation was "reuse" and revoked
    // the family.
    d.proxy.setWeights({ ...NO_FAULTS, pass: 0, 'replay-later': 1 });
    writeStore(d.file, `UPDATE sync_link SET access_expires_ms = 0`);
    const first = await d.host.syncOnce();
    d.proxy.setWeights(NO_FAULTS);
    await d.proxy.flushReplays();
    writeStore(d.file, `UPDATE sync_link SET access_expires_ms = 0`);
    const next = await d.host.syncOnce();
    expect({ first, next, broken: brokenCode(d) }).toEqual({ first: null, next: null, broken: null });
  });

  it('lets a counter be paired again once a push or pull says its pairing is dead', async () => {
    const { d } = await counter(910_004);
    const token = await adminToken(cluster.port);
    await api(cluster.port, 'POST', `/v1/devices/${(await d.value<{ deviceId: string }>(null, 'app.info')).deviceId}/revoke`, undefined, token);
    const refused = await d.host.syncOnce();
    expect(refused).toMatch(/^SyncFailure credentials\/device\.revoked/);
    // The failure: only a refused *refresh* marks the link broken; a refused push or pull does
    // not (and stops the loop), so the counter answers sync.already_paired until, after a
    // restart, its access token is due for refresh (up to ten minutes).
    const { code } = await api<{ code: string }>(cluster.port, 'POST', `/v1/branches/${d.branchId}/pairing-codes`, undefined, token);
    const again = await d.call('manager', 'sync.pair', { serverUrl: d.proxy.url, code });
    expect(again.ok ? 'paired' : again.error.code).toBe('paired');
  });
});
