/**
 * Issue 4's figures: the outbox publisher against a private JetStream, and the HTTP API under
 * autocannon on loopback. Each with its baseline measured in the same run:
 * - outbox_events_per_s: events drained outbox → SIMILIA; baseline: raw JetStream publishes of
 *   the same messages (no database), pipelined the same way.
 * - outbox_commit_to_ack_p99_ms: from an event's commit to its PubAck at a steady 500 events/s;
 *   baseline: the raw JetStream publish round trip p99.
 * - api_health_rps / api_health_p99_ms: GET /health of the real app; baseline: a bare Fastify route.
 * - api_report_p99_ms: an authenticated sales-trend report over 1,000,000 sale lines; baseline: the
 *   bare route's p99 in the same run.
 */
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { OutboxPublisher } from '../sync-server/src/outbox/publisher.js';
import { startTestNats } from '../sync-server/src/test-support/nats-server.js';
import { createBranch, startTestServer, type TestServer } from '../sync-server/src/test-support/test-app.js';
import type { Figure } from './counter-bench.js';
import { percentile } from './stats.js';

async function addOutboxEvents(server: TestServer, branchId: string, count: number): Promise<void> {
  await server.db.query(
    `INSERT INTO outbox (type, aggregate_id, branch_id, payload)
     SELECT 'sale.completed', gen_random_uuid(), $1, jsonb_build_object('saleId', gen_random_uuid(), 'totalPaise', g * 100, 'invoiceNo', 'C1/2627/' || lpad(g::text, 6, '0'))
       FROM generate_series(1, $2) AS g`,
    [branchId, count],
  );
}

async function pendingCount(server: TestServer): Promise<number> {
  return Number((await server.db.query<{ n: string }>(`SELECT count(*) AS n FROM outbox WHERE status = 'pending'`)).rows[0]?.n ?? 0);
}

export async function benchOutbox(events: number): Promise<Figure[]> {
  const nats = await startTestNats();
  const server = await startTestServer('postgres');
  try {
    const branchId = await createBranch(server, 'BENCH');
    // Baseline: the same messages straight to JetStream, 200 in flight, no database.
    const nc = await connect({ servers: nats.url });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'BASELINE', subjects: ['baseline.>'] });
    const js = jetstream(nc);
    const body = JSON.stringify({ eventId: 'x', type: 'sale.completed', payload: { saleId: 'y', totalPaise: 100, invoiceNo: 'C1/2627/000001' } });
    const rawStart = performance.now();
    for (let i = 0; i < events; i += 200) {
      await Promise.all(Array.from({ length: Math.min(200, events - i) }, (_v, k) => js.publish('baseline.BENCH.sale.completed', body, { msgID: `raw-${i + k}` })));
    }
    const rawPerS = events / ((performance.now() - rawStart) / 1000);
    const rtt: number[] = [];
    for (let i = 0; i < 500; i++) {
      const t = performance.now();
      await js.publish('baseline.BENCH.sale.completed', body, { msgID: `rtt-${i}` });
      rtt.push(performance.now() - t);
    }
    await nc.close();

    // Throughput: a backlog of `events` drained by one publisher.
    await addOutboxEvents(server, branchId, events);
    const publisher = new OutboxPublisher({ db: server.db, natsUrl: nats.url, pollMs: 20 });
    const drainStart = performance.now();
    await publisher.start();
    while ((await pendingCount(server)) > 0) await new Promise((r) => setTimeout(r, 20));
    const perS = events / ((performance.now() - drainStart) / 1000);

    // Latency: 500 events/s committed one transaction at a time, commit → PubAck.
    const latencies: number[] = [];
    publisher.onPublished = (_event, ms) => latencies.push(ms);
    const steady = Math.min(2_000, events);
    const started = performance.now();
    for (let i = 0; i < steady; i++) {
      await addOutboxEvents(server, branchId, 1);
      const due = started + ((i + 1) * 1000) / 500;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    while (latencies.length < steady) await new Promise((r) => setTimeout(r, 20));
    await publisher.stop();
    // created_at is the transaction's start; the commit follows it within the same millisecond here.
    const p99 = percentile(latencies, 99);
    return [
      { name: 'outbox_events_per_s', value: perS, unit: 'events/s', baselineName: `raw JetStream publishes of the same ${events} messages, 200 in flight`, baseline: rawPerS, target: '≥ 5,000 events/s', met: perS >= 5_000 },
      { name: 'outbox_commit_to_ack_p99_ms', value: p99, unit: 'ms', baselineName: 'raw JetStream publish round trip p99', baseline: percentile(rtt, 99), target: '< 50 ms', met: p99 < 50 },
    ];
  } finally {
    await server.close();
    await nats.close();
  }
}

interface Cannon {
  rps: number;
  p99: number;
}

async function cannon(url: string, options: { connections: number; seconds: number; headers?: Record<string, string> }): Promise<Cannon> {
  const result = await autocannon({ url, connections: options.connections, duration: options.seconds, headers: options.headers ?? {}, pipelining: 1 });
  if (result.non2xx > 0) throw new Error(`${url}: ${result.non2xx} answers were not 2xx`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

/** 1,000,000 sale lines (200,000 sales of 5 lines over two years) loaded in bulk, rollups built once. */
async function loadSaleLines(server: TestServer, branchId: string, sales: number): Promise<void> {
  const db = server.db;
  const staff = await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'admin'`);
  const device = await db.query<{ id: string }>(
    `INSERT INTO devices (id, branch_id, name, invoice_prefix) VALUES (gen_random_uuid(), $1, 'bench', 'CB') RETURNING id`,
    [branchId],
  );
  await db.query(`INSERT INTO products (id, sku, name, remedy, potency, form, pack_size, brand, hsn, tax_category, mrp_paise)
    SELECT gen_random_uuid(), 'BENCH-' || g, 'Bench remedy ' || g, 'Arnica montana', '30C', 'dilution', '30 ml', CASE WHEN g % 2 = 0 THEN 'SBL' ELSE 'Bakson' END, '30049014', 'classical', 10000 FROM generate_series(1, 500) g`);
  await db.query(`INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise) SELECT gen_random_uuid(), id, 'B', '2031-12-31', 5000, 10000 FROM products WHERE sku LIKE 'BENCH-%'`);
  // Triggers off for the bulk load (no feed entries, no per-statement rollups); rollups are then
  // built once from the loaded rows by the same functions the triggers call.
  await db.transaction(async (tx) => {
    await tx.query(`SET LOCAL session_replication_role = replica`);
    await tx.query(
      `INSERT INTO sales (id, branch_id, device_id, staff_id, invoice_no, business_date, at, place_of_supply, inter_state, gross_paise, discount_paise,
         taxable_paise, cgst_paise, sgst_paise, igst_paise, exact_total_paise, round_off_paise, total_paise, mutation_id)
       SELECT gen_random_uuid(), $1, $2, $3, 'CB/2627/' || lpad(g::text, 6, '0'), to_char(date '2025-01-01' + (g % 730), 'YYYY-MM-DD'), now(), '29', false,
              50000, 0, 47620, 1190, 1190, 0, 50000, 0, 50000, gen_random_uuid()
         FROM generate_series(1, $4) g`,
      [branchId, device.rows[0]?.id, staff.rows[0]?.id, sales],
    );
    await tx.query(
      `INSERT INTO sale_lines (sale_id, branch_id, line_no, product_id, batch_id, name, potency, form, pack_size, brand, hsn, batch_no, expiry, qty,
         unit_price_paise, discount_paise, rate_bp, taxable_paise, cgst_paise, sgst_paise, igst_paise, net_paise)
       SELECT s.id, s.branch_id, k, p.id, b.id, p.name, '30C', 'dilution', '30 ml', p.brand, '30049014', 'B', '2031-12-31', 1, 10000, 0, 500, 9524, 238, 238, 0, 10000
         FROM sales s CROSS JOIN generate_series(1, 5) k
         JOIN LATERAL (SELECT id, name, brand FROM products WHERE sku = 'BENCH-' || (1 + (abs(hashtext(s.id::text || k)) % 500))) p ON true
         JOIN batches b ON b.product_id = p.id
        WHERE s.device_id = $1`,
      [device.rows[0]?.id],
    );
    await tx.query(`INSERT INTO sale_payments (sale_id, branch_id, method, amount_paise) SELECT id, branch_id, 'cash', total_paise FROM sales WHERE device_id = $1`, [device.rows[0]?.id]);
    const ids = `ARRAY(SELECT id FROM sales WHERE device_id = '${device.rows[0]?.id}')`;
    await tx.query(`SELECT rollup_apply_sales(${ids}, 1), rollup_apply_lines(${ids}, 1), rollup_apply_payments(${ids}, 1)`);
  });
}

export async function benchApi(options: { seconds: number; saleLines: number }): Promise<Figure[]> {
  const bare = Fastify();
  bare.get('/health', async () => ({ status: 'ok' }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const server = await startTestServer('postgres', { rateLimitPerMinute: 10_000_000 });
  try {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const appUrl = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;
    const baseline = await cannon(`${bareUrl}/health`, { connections: 20, seconds: options.seconds });
    const health = await cannon(`${appUrl}/health`, { connections: 20, seconds: options.seconds });

    const branchId = await createBranch(server, 'RPT');
    const started = performance.now();
    await loadSaleLines(server, branchId, options.saleLines / 5);
    process.stdout.write(`  loaded ${options.saleLines} sale lines in ${Math.round(performance.now() - started)} ms\n`);
    const report = await cannon(`${appUrl}/v1/reports/sales-trend?from=2025-01-01&to=2026-12-31&granularity=month`, {
      connections: 4,
      seconds: options.seconds,
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    return [
      { name: 'api_health_rps', value: health.rps, unit: 'req/s', baselineName: 'bare Fastify GET /health, same run', baseline: baseline.rps, target: '≥ 10,000 req/s', met: health.rps >= 10_000 },
      { name: 'api_health_p99_ms', value: health.p99, unit: 'ms', baselineName: 'bare Fastify GET /health p99', baseline: baseline.p99, target: '< 5 ms', met: health.p99 < 5 },
      {
        name: 'api_report_p99_ms',
        value: report.p99,
        unit: 'ms',
        baselineName: `bare Fastify route p99 (report: sales trend by month over ${options.saleLines.toLocaleString('en-IN')} sale lines, admin token)`,
        baseline: baseline.p99,
        target: '< 100 ms',
        met: report.p99 < 100,
      },
    ];
  } finally {
    await server.close();
    await bare.close();
  }
}
