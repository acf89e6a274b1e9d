/**
 * The fault suite's checks can fail: a quiet session on a healthy server passes them, and the
 * same session with its books broken on purpose (a lost payment, a stray movement, a dropped
 * replica row, a mutation left in a queue, a lost idempotency record, a wrong shown level) is
 * reported with a sentence for each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalogue, startCluster, type Cluster } from './cluster.js';
import { writeStore } from './device-host.js';
import type { CatalogueItem, FaultDevice } from './fault-device.js';
import { NO_FAULTS } from './fault-proxy.js';
import { planSession, type SessionPlan } from './session-plan.js';
import { runSession } from './session-run.js';

/**
 * Two branches with one counter each (so no two pushes race for one stock level), a few sales
 * and a receipt each, no faults.
 */
function quietPlan(seed: number): SessionPlan {
  const plan = planSession(seed);
  const devices = plan.devices.slice(0, 2).map((d, i) => ({
    ...d,
    branch: i,
    child: false,
    ops: [{ kind: 'sale' as const, r: 0.1 }, { kind: 'receive' as const, r: 0.3 }, { kind: 'sale' as const, r: 0.7 }],
  }));
  return { ...plan, branches: 2, devices, weights: NO_FAULTS, serverKills: [], openingQty: 40 };
}

describe('the fault suite’s checks', () => {
  let cluster: Cluster;
  let catalogue: CatalogueItem[];
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'similia-checks-'));
    cluster = await startCluster();
    catalogue = await seedCatalogue(cluster.pool, 4);
  });
  afterAll(async () => {
    await cluster?.close();
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  });

  it('pass a quiet session on a healthy server', async () => {
    const result = await runSession(quietPlan(77_001), cluster, catalogue, join(root, 'quiet'));
    expect(result.problems).toEqual([]);
    expect(result.counters.sales).toBeGreaterThan(0);
  });

  it('name every kind of broken book', async () => {
    const result = await runSession(quietPlan(77_002), cluster, catalogue, join(root, 'broken'), async ({ pool, branchIds, devices }) => {
      const [d0, d1] = devices as [FaultDevice, FaultDevice];
      const saleId = [...d0.sales.keys()][0] as string;
      await pool.query('DELETE FROM sale_payments WHERE sale_id = $1', [saleId]);
      const level = (await pool.query<{ batch_id: string; product_id: string }>('SELECT batch_id, product_id FROM stock_levels WHERE branch_id = $1 LIMIT 1', [branchIds[0]])).rows[0];
      await pool.query(`INSERT INTO stock_movements (branch_id, batch_id, product_id, kind, qty, mutation_id, at) VALUES ($1, $2, $3, 'sale', -1, gen_random_uuid(), now())`, [
        branchIds[0],
        level?.batch_id,
        level?.product_id,
      ]);
      await pool.query('DELETE FROM applied_mutations WHERE device_id = $1 AND seq = 1', [d1.deviceId]);
      writeStore(d0.file, `DELETE FROM replica_rows WHERE table_name = 'sales' AND id = '${saleId}'`);
      writeStore(d1.file, `INSERT INTO sync_queue (id, seq, type, at, actor_id, payload, status, last_error_code) VALUES ('lost', 999, 'sale.completed', '2026-01-01', 'x', '{}', 'rejected', 'auth.forbidden')`);
      writeStore(d1.file, `UPDATE batch_stock SET qty = qty + 1 WHERE rowid = (SELECT MIN(rowid) FROM batch_stock)`);
    });
    const text = result.problems.join('\n');
    expect(text).toMatch(/has payments of 0 in Postgres/);
    expect(text).toMatch(/stock level -?\d+ ≠ sum of movements/);
    expect(text).toMatch(/stock ledger .* on the server only/);
    expect(text).toMatch(/not in applied_mutations/);
    expect(text).toMatch(/d1: the device handed out seq 1\.\.\d+ but applied_mutations holds/);
    expect(text).toMatch(/d0: replicated sales: 1 on the server only/);
    expect(text).toMatch(/d1: mutation sale\.completed seq 999 is still queued \(rejected: auth\.forbidden/);
    expect(text).toMatch(/d1: shown stock \(batch_stock\) vs server level: 1 differ/);
  });
});
