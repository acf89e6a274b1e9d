/**
 * The randomized fault-injection suite: in each session 2–4 counters (app cores on fresh SQLite
 * files) in 1–2 branches sell, receive goods, adjust stock, create customers and void sales
 * while each one's fault proxy (fault-proxy.ts) drops requests and responses, duplicates
 * requests and replays them later, the real sync server (a child process on a real Postgres,
 * cluster.ts) is SIGKILLed and restarted, access tokens are forced to rotate, and a counter is
 * killed mid-push. Afterwards (faults off, replays flushed, every counter synced until none is
 * behind the feed) session-checks.ts asserts that every completed sale is in Postgres exactly
 * once, every stock level equals the sum of its movements, every replica equals the server's
 * view of its scope and nothing a counter queued is lost.
 *
 * "Killing" a counter means one of:
 * - SIGKILL of a counter running in a child process (device-child.ts), either while the proxy
 *   holds its push (the server has applied it and the answer is withheld, or the server has not
 *   seen it yet) or at a random instant during a sale; its SQLite file is then reopened by a new
 *   app core in this process, and an unanswered sale is completed again with the same request id;
 * - for a counter in this process: with its push held the same way, the app core is closed
 *   without waiting for the answer and the connection cut, then the file is reopened. The client
 *   writes nothing between sending a push and reading its answer, so the store is left as a crash
 *   at that instant would leave it (dying inside a SQLite transaction is the child's case).
 * Either way the queue on disk must still hold the whole push in flight, and every later answer
 * for a mutation that had applied must be `duplicate`.
 *
 * Seeds: SIMILIA_FAULT_SEED fixes the base seed (CI: a constant; locally: random unless set),
 * session i runs seed base + i; SIMILIA_FAULT_SESSIONS sets the count (default 200); every
 * SIMILIA_FAULT_EPOCH sessions (default 50) start on a fresh database. A session's
 * plan is a pure function of its seed (session-plan.ts); timing is not, so a replay runs the same
 * script under a fresh interleaving. A failure names the seed and the command that replays it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { seedCatalogue, startCluster, type Cluster } from './cluster.js';
import type { CatalogueItem } from './fault-device.js';
import type { Fault } from './fault-proxy.js';
import { describePlan, planSession, type DeviceKillMode } from './session-plan.js';
import { runSession } from './session-run.js';

const SESSIONS = Number(process.env.SIMILIA_FAULT_SESSIONS ?? 200);
const BASE_SEED = process.env.SIMILIA_FAULT_SEED !== undefined ? Number(process.env.SIMILIA_FAULT_SEED) : process.env.CI ? 20_261_201 : Math.floor(Math.random() * 2 ** 31);
const CATALOGUE_SIZE = 8;
/**
 * Sessions per database: every device's first sync pulls the whole organisation (branches,
 * batches and customers of every earlier session), so a fresh database and server every
 * EPOCH sessions keep the run's time linear.
 */
const EPOCH = Number(process.env.SIMILIA_FAULT_EPOCH ?? 50);

const totals = {
  sessions: 0,
  failed: 0,
  sales: 0,
  localRefusals: 0,
  receipts: 0,
  adjustments: 0,
  customers: 0,
  voids: 0,
  pushes: 0,
  refreshes: 0,
  tokenExpiries: 0,
  serverKills: 0,
  deviceKills: { 'push-applied': 0, 'push-unsent': 0, 'random-instant': 0 } as Record<DeviceKillMode, number>,
  deviceSigkills: 0,
  killsSkipped: 0,
  faults: { pass: 0, 'drop-request': 0, 'drop-response': 0, duplicate: 0, 'replay-later': 0 } as Record<Fault, number>,
  anomalies: {} as Record<string, number>,
};

describe('the sync client and server under injected faults', () => {
  let cluster: Cluster;
  let catalogue: CatalogueItem[];
  let root: string;
  const started = Date.now();

  async function freshCluster(): Promise<void> {
    await cluster?.close();
    cluster = await startCluster();
    catalogue = await seedCatalogue(cluster.pool, CATALOGUE_SIZE);
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'similia-fault-'));
    await freshCluster();
    console.log(`fault suite: ${SESSIONS} sessions from base seed ${BASE_SEED}`);
  });

  afterAll(async () => {
    await cluster?.close();
    if (root !== undefined && process.env.SIMILIA_FAULT_KEEP !== '1') rmSync(root, { recursive: true, force: true });
    const t = totals;
    const faults = (Object.entries(t.faults) as [Fault, number][]).filter(([k]) => k !== 'pass').map(([k, n]) => `${k} ${n}`).join(', ');
    const kills = (Object.entries(t.deviceKills) as [DeviceKillMode, number][]).map(([k, n]) => `${k} ${n}`).join(', ');
    const anomalies = Object.entries(t.anomalies).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
    console.log(
      [
        `fault suite summary (base seed ${BASE_SEED}): ${t.sessions} sessions (${t.failed} failed) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        `  sales ${t.sales} (refused at the counter ${t.localRefusals}), receipts ${t.receipts}, adjustments ${t.adjustments}, customers ${t.customers}, voids ${t.voids}`,
        `  pushes answered ${t.pushes}, token refreshes ${t.refreshes} (forced expiries ${t.tokenExpiries})`,
        `  faults injected: ${faults}; requests passed ${t.faults.pass}`,
        `  server SIGKILLs ${t.serverKills}; device kills: ${kills} (${t.deviceSigkills} of them SIGKILLs of a device process; skipped ${t.killsSkipped})`,
        `  anomalies: ${anomalies}`,
      ].join('\n'),
    );
  });

  for (let i = 0; i < SESSIONS; i++) {
    const seed = BASE_SEED + i;
    it(`session ${i} (seed ${seed}) keeps every sale, stock movement and queued change exactly once`, async () => {
      const plan = planSession(seed);
      const fail = (what: string): Error =>
        new Error(
          `fault session ${i} (seed ${seed}) failed: ${what}\n  plan: ${describePlan(plan)}\n  replay: SIMILIA_FAULT_SEED=${seed} SIMILIA_FAULT_SESSIONS=1 npx vitest run integration/fault/fault-suite.test.ts`,
        );
      totals.sessions += 1;
      let result;
      try {
        if (i > 0 && i % EPOCH === 0) await freshCluster();
        result = await runSession(plan, cluster, catalogue, join(root, `s${i}`));
      } catch (error) {
        totals.failed += 1;
        throw fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
      }
      const c = result.counters;
      totals.sales += c.sales;
      totals.localRefusals += c.localRefusals;
      totals.receipts += c.receipts;
      totals.adjustments += c.adjustments;
      totals.customers += c.customers;
      totals.voids += c.voids;
      totals.refreshes += c.refreshes;
      totals.tokenExpiries += c.tokenExpiries;
      totals.killsSkipped += c.killsSkipped;
      totals.deviceSigkills += c.deviceSigkills;
      totals.pushes += result.pushes;
      totals.serverKills += result.serverKills;
      for (const [k, n] of Object.entries(c.deviceKills) as [DeviceKillMode, number][]) totals.deviceKills[k] += n;
      for (const [k, n] of Object.entries(result.faults) as [Fault, number][]) totals.faults[k] += n;
      for (const [k, n] of Object.entries(result.anomalies)) totals.anomalies[k] = (totals.anomalies[k] ?? 0) + n;
      if (result.problems.length > 0) {
        totals.failed += 1;
        throw fail(`\n  - ${result.problems.slice(0, 25).join('\n  - ')}${result.problems.length > 25 ? `\n  … and ${result.problems.length - 25} more` : ''}`);
      }
    }, 90_000);
  }
});
