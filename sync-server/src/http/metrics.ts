/**
 * Prometheus metrics for one app instance (its own registry, so several apps in one process —
 * tests, two instances — do not collide): HTTP latency by route, push results by status, pull
 * backlog, outbox pending/dead counts and publish latency.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../db/db.js';
import { outboxCounts } from '../outbox/outbox-store.js';

export interface Metrics {
  registry: Registry;
  pushResults: Counter<'status'>;
  pullBacklog: Histogram;
  publishLatency: Histogram;
}

export function createMetrics(db: Db): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'similia_' });
  const metrics: Metrics = {
    registry,
    pushResults: new Counter({ name: 'similia_sync_push_results_total', help: 'Pushed mutations by result', labelNames: ['status'], registers: [registry] }),
    pullBacklog: new Histogram({
      name: 'similia_sync_pull_backlog_entries',
      help: 'Pull lag: feed entries still behind a device after the page it was sent (0 when caught up)',
      buckets: [0, 10, 100, 1_000, 10_000, 100_000],
      registers: [registry],
    }),
    publishLatency: new Histogram({
      name: 'similia_outbox_publish_latency_seconds',
      help: 'Outbox: from the event committing with its mutation to the PubAck',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5, 30, 300],
      registers: [registry],
    }),
  };
  new Gauge({
    name: 'similia_outbox_events',
    help: 'Outbox events waiting (pending) or given up (dead)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const counts = await outboxCounts(db).catch(() => null);
      if (counts === null) return;
      this.set({ status: 'pending' }, counts.pending);
      this.set({ status: 'dead' }, counts.dead);
    },
  });
  return metrics;
}

/** Request latency by method, route pattern (never the raw URL: ids would explode the labels) and status. */
export function instrumentHttp(app: FastifyInstance, registry: Registry): void {
  const latency = new Histogram({
    name: 'similia_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 30],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    latency.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}
