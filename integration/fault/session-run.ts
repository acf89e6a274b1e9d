/**
 * One fault session from its plan: the organisation (branches, staff, opening stock) over the
 * admin API, devices paired through their own fault proxies, the devices' operations running
 * concurrently while the network misbehaves and the server is SIGKILLed, then quiet (faults off,
 * replays flushed, every device synced until nothing changes) and the checks of session-checks.ts.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { adminToken, api, recordOpeningStock, type Cluster } from './cluster.js';
import { readStore, writeStore } from './device-host.js';
import { FaultDevice, type CatalogueItem, type Role, type SessionCounters, type SessionShared } from './fault-device.js';
import { NO_FAULTS, startFaultProxy, type Fault, type FaultProxy } from './fault-proxy.js';
import { anomalyCounts, sessionProblems } from './session-checks.js';
import type { ServerKill, SessionPlan } from './session-plan.js';

export interface SessionResult {
  problems: string[];
  counters: SessionCounters;
  faults: Record<Fault, number>;
  serverKills: number;
  anomalies: Record<string, number>;
  pushes: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function emptyCounters(): SessionCounters {
  return {
    sales: 0, localRefusals: 0, receipts: 0, adjustments: 0, customers: 0, voids: 0,
    deviceKills: { 'push-applied': 0, 'push-unsent': 0, 'random-instant': 0 }, deviceSigkills: 0, killsSkipped: 0, tokenExpiries: 0, refreshes: 0,
  };
}

/** SIGKILLs and restarts the server as the plan says: at a time, or just after the n-th push left a proxy. */
class ServerChaos {
  kills = 0;
  private chain: Promise<void> = Promise.resolve();
  private timers: NodeJS.Timeout[] = [];
  private pushes = 0;
  private done = false;

  constructor(
    private readonly cluster: Cluster,
    private readonly plan: readonly ServerKill[],
  ) {}

  start(): void {
    for (const k of this.plan) if ('atMs' in k.trigger) this.timers.push(setTimeout(() => this.killAndRestart(k.downMs), k.trigger.atMs));
  }

  pushForwarded(): void {
    if (this.done) return;
    this.pushes += 1;
    for (const k of this.plan) if ('onPush' in k.trigger && k.trigger.onPush === this.pushes) this.timers.push(setTimeout(() => this.killAndRestart(k.downMs), k.trigger.delayMs));
  }

  private killAndRestart(downMs: number): void {
    if (this.done) return;
    this.chain = this.chain.then(async () => {
      await this.cluster.kill();
      this.kills += 1;
      await sleep(downMs);
      await this.cluster.start();
    });
  }

  async finish(): Promise<void> {
    this.done = true;
    for (const t of this.timers) clearTimeout(t);
    await this.chain;
    if (!this.cluster.running()) await this.cluster.start();
  }
}

export async function until(what: string, check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(20);
  }
}

export async function setUpBranches(cluster: Cluster, plan: SessionPlan, catalogue: readonly CatalogueItem[], token: string): Promise<{ branchIds: string[]; staff: Record<Role, string>[] }> {
  const branchIds: string[] = [];
  const staff: Record<Role, string>[] = [];
  const tag = plan.seed.toString(36).toUpperCase();
  for (let b = 0; b < plan.branches; b++) {
    const branch = await api<{ id: string }>(cluster.port, 'POST', '/v1/branches', { code: `F${tag}-${b}`, name: `Fault ${tag} ${b}`, stateCode: '29' }, token);
    const roles = ['cashier', 'pharmacist', 'manager'] as const;
    const created = await Promise.all(
      roles.map((role) => {
        const username = `f${tag.toLowerCase()}-${b}-${role}`;
        return api<{ id: string }>(cluster.port, 'POST', '/v1/users', { username, name: username, role, branchIds: [branch.id], pin: '1234' }, token);
      }),
    );
    const ids = Object.fromEntries(roles.map((role, i) => [role, (created[i] as { id: string }).id])) as Record<Role, string>;
    await recordOpeningStock(cluster.pool, branch.id, catalogue.map((c) => ({ ...c, qty: plan.openingQty })));
    branchIds.push(branch.id);
    staff.push(ids);
  }
  return { branchIds, staff };
}

export async function pair(cluster: Cluster, d: FaultDevice, token: string): Promise<void> {
  const { code } = await api<{ code: string }>(cluster.port, 'POST', `/v1/branches/${d.branchId}/pairing-codes`, undefined, token);
  const paired = await d.call(null, 'sync.pair', { serverUrl: d.proxy.url, code, deviceName: d.name });
  if (!paired.ok) throw new Error(`${d.name}: pairing failed: ${paired.error.code} ${paired.error.message}`);
}

/** Where a device's feed cursor stands (the cursor is opaque to the app; the harness may peek: base64url of `v1:<xid>:<seq>`). */
function cursorOf(d: FaultDevice): { xid: string; seq: string; pending: number; broken: boolean } {
  return readStore(d.file, (db) => {
    const link = db.prepare(`SELECT cursor, broken_code FROM sync_link`).get() as { cursor: string | null; broken_code: string | null } | undefined;
    const pending = (db.prepare(`SELECT COUNT(*) AS n FROM sync_queue WHERE status = 'pending'`).get() as { n: number }).n;
    const match = /^v1:(\d+):(\d+)$/.exec(Buffer.from(link?.cursor ?? '', 'base64url').toString('utf8'));
    return { xid: match?.[1] ?? '0', seq: match?.[2] ?? '0', pending, broken: link?.broken_code != null };
  });
}

/**
 * Syncs every device (loops stopped) until none has anything queued and none is behind the feed:
 * no entry of its scope lies after its cursor. The server hands out only entries below the oldest
 * writing transaction of the whole Postgres cluster, so a long transaction elsewhere (another
 * database on the same server) delays this; past the deadline the holders are named.
 */
async function settle(pool: pg.Pool, all: readonly FaultDevice[], deadlineMs: number): Promise<string[]> {
  const deadline = Date.now() + deadlineMs;
  let devices = all;
  const problems: string[] = [];
  for (;;) {
    const errors: string[] = [];
    const behind: string[] = [];
    const outcomes = await Promise.all(devices.map((d) => d.host.syncOnce()));
    for (const [i, d] of devices.entries()) {
      const error = outcomes[i] ?? null;
      if (error !== null) errors.push(`${d.name}: ${error}`);
      const at = cursorOf(d);
      if (at.broken || error?.startsWith('SyncFailure credentials/') === true) {
        // Its credentials are dead: it cannot sync again until it is paired anew.
        problems.push(`${d.name}: lost its pairing while syncing: ${error ?? 'link marked broken'}`);
        devices = devices.filter((x) => x !== d);
        continue;
      }
      const left = await pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM changes WHERE (xid, seq) > ($1::xid8, $2::bigint) AND scope IN ('*', $3)`, [at.xid, at.seq, d.branchId]);
      if (at.pending > 0 || Number(left.rows[0]?.n) > 0) behind.push(`${d.name}: ${at.pending} queued, ${left.rows[0]?.n} feed entries after its cursor`);
    }
    if (errors.length === 0 && behind.length === 0) return problems;
    if (Date.now() > deadline) {
      const holders = await pool.query<{ pid: number; datname: string; age: string; query: string }>(
        `SELECT pid, datname, (now() - xact_start)::text AS age, left(query, 80) AS query FROM pg_stat_activity
          WHERE backend_xid IS NOT NULL AND xact_start < now() - interval '1 second' ORDER BY xact_start`,
      );
      const held = holders.rows.map((h) => `pid ${h.pid} on ${h.datname} for ${h.age}: ${h.query}`).join('; ');
      return [...problems, `the devices did not settle within ${deadlineMs} ms: ${[...errors, ...behind].join('; ')}${held === '' ? '' : ` (writing transactions holding the feed back: ${held})`}`];
    }
    await sleep(errors.length > 0 ? 100 : 30);
  }
}

/** Test seam: runs once everything settled, before the checks (the checks' own test breaks things here). */
export type Tamper = (session: { pool: pg.Pool; branchIds: readonly string[]; devices: readonly FaultDevice[] }) => Promise<void>;

export async function runSession(plan: SessionPlan, cluster: Cluster, catalogue: readonly CatalogueItem[], dir: string, tamper?: Tamper): Promise<SessionResult> {
  mkdirSync(dir, { recursive: true });
  const shared: SessionShared = { seed: plan.seed, catalogue, customers: [], stats: emptyCounters() };
  const proxies: FaultProxy[] = [];
  const devices: FaultDevice[] = [];
  const chaos = new ServerChaos(cluster, plan.serverKills);
  const t0 = Date.now();
  const phases: string[] = [];
  const mark = (name: string): void => void phases.push(`${name} ${Date.now() - t0}`);
  try {
    if (!cluster.running()) await cluster.start();
    const token = await adminToken(cluster.port);
    const { branchIds, staff } = await setUpBranches(cluster, plan, catalogue, token);
    for (const [i, dp] of plan.devices.entries()) {
      const proxy = await startFaultProxy({ upstreamPort: cluster.port, seed: dp.proxySeed });
      proxies.push(proxy);
      proxy.onForward = (method, path) => {
        if (method === 'POST' && path === '/v1/sync/push') chaos.pushForwarded();
      };
      devices.push(new FaultDevice(`d${i}`, dp, join(dir, `d${i}.db`), proxy, branchIds[dp.branch] as string, staff[dp.branch] as Record<Role, string>, shared));
    }
    await Promise.all(
      devices.map(async (d) => {
        await d.open();
        await pair(cluster, d, token);
      }),
    );
    mark('paired');
    // The first sync already runs under faults: it must resume wherever it is cut.
    for (const p of proxies) p.setWeights(plan.weights);
    await Promise.all(
      devices.map(async (d) => {
        await until(`${d.name}'s first sync`, async () => (await d.call(null, 'app.info')).ok, 30_000);
        d.deviceId = (await d.value<{ deviceId: string }>(null, 'app.info')).deviceId;
        // "First sync complete" means no entry below the feed's horizon is left; the branch's staff
        // may still sit above it while some transaction anywhere on the cluster runs long.
        await until(`${d.name}'s staff`, async () => {
          const staff = await d.value<{ id: string }[]>(null, 'auth.staffList');
          return Object.values(d.staff).every((id) => staff.some((s) => s.id === id));
        }, 30_000);
      }),
    );

    mark('synced');
    chaos.start();
    // Every device finishes its script (or fails) before anything is torn down.
    const ran = await Promise.allSettled(devices.map((d) => d.runOps()));
    await chaos.finish();
    const failed = ran.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;

    mark('ops');
    for (const p of proxies) {
      p.setWeights(NO_FAULTS);
      p.disarm();
    }
    await Promise.all(proxies.map((p) => p.flushReplays()));
    for (const d of devices) await d.host.stopLoop();
    const problems = await settle(cluster.pool, devices, 20_000);
    mark('settled');
    // Every device must still be able to rotate its refresh token after what the network did.
    for (const d of devices) writeStore(d.file, /* sql */ `UPDATE sync_link SET access_expires_ms = 0`);
    const refreshed = await Promise.all(devices.map((d) => d.host.syncOnce()));
    for (const [i, d] of devices.entries()) if (refreshed[i] != null) problems.push(`${d.name}: cannot sync with a fresh token after the session: ${refreshed[i]}`);
    mark('refreshed');
    await tamper?.({ pool: cluster.pool, branchIds, devices });
    problems.push(...(await sessionProblems(cluster.pool, branchIds, devices, catalogue.length)));
    mark('checked');
    const faults = { pass: 0, 'drop-request': 0, 'drop-response': 0, duplicate: 0, 'replay-later': 0 } as Record<Fault, number>;
    for (const p of proxies) for (const [k, n] of Object.entries(p.injected) as [Fault, number][]) faults[k] += n;
    return {
      problems,
      counters: shared.stats,
      faults,
      serverKills: chaos.kills,
      anomalies: await anomalyCounts(cluster.pool, branchIds),
      pushes: devices.reduce((n, d) => n + d.pushLog.length, 0),
    };
  } finally {
    await chaos.finish().catch(() => undefined);
    await Promise.all(devices.map((d) => d.host?.close().catch(() => undefined)));
    await Promise.all(devices.map((d) => (d.host?.kind === 'child' ? d.host.kill().catch(() => undefined) : undefined)));
    await Promise.all(proxies.map((p) => p.close()));
    mark('closed');
    // SIMILIA_FAULT_TRACE=1 prints when each phase of the session ended (ms).
    if (process.env.SIMILIA_FAULT_TRACE === '1') console.log(`session ${plan.seed}: ${phases.join(', ')}`);
    // SIMILIA_FAULT_KEEP=1 keeps the devices' stores for a post-mortem.
    if (process.env.SIMILIA_FAULT_KEEP === '1') console.log(`fault session ${plan.seed}: stores kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
