/**
 * The outbox publisher against a real NATS server with JetStream (a private `nats-server -js` per
 * file) and real Postgres (and PGlite for the basic path): exactly once in the stream whatever
 * fails — broker down, two publishers racing, a publisher killed between publish and mark, poison.
 */
import { randomUUID } from 'node:crypto';
import { jetstreamManager, jetstream, type JetStreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { startTestNats, type TestNats } from '../test-support/nats-server.js';
import { createTestDatabase, type BackendKind, type TestDatabase } from '../test-support/test-db.js';
import { listOutbox, replay } from './outbox-store.js';
import { OutboxPublisher, STREAM_NAME, type PublisherOptions } from './publisher.js';

let nats: TestNats;
beforeAll(async () => {
  nats = await startTestNats();
});
afterAll(() => nats.close());

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every message in the stream: its Nats-Msg-Id and subject (on a fresh connection: the broker may have restarted). */
async function streamMessages(): Promise<{ msgId: string; subject: string; data: Record<string, unknown> }[]> {
  const reader = await connect({ servers: nats.url });
  try {
    return await readStream(await jetstreamManager(reader));
  } finally {
    await reader.close();
  }
}

async function readStream(jsm: JetStreamManager): Promise<{ msgId: string; subject: string; data: Record<string, unknown> }[]> {
  let info;
  try {
    info = await jsm.streams.info(STREAM_NAME);
  } catch {
    return [];
  }
  const out: { msgId: string; subject: string; data: Record<string, unknown> }[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const m = await jsm.streams.getMessage(STREAM_NAME, { seq });
    if (m !== null) out.push({ msgId: m.header.get('Nats-Msg-Id'), subject: m.subject, data: m.json() });
  }
  return out;
}

describe.each(['postgres', 'pglite'] as BackendKind[])('the outbox publisher on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  let branchId: string;
  const publishers: OutboxPublisher[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = await database.open();
    await migrate(db);
    branchId = randomUUID();
    await db.query(`INSERT INTO branches (id, code, name, state_code) VALUES ($1, 'BLR', 'MG Road', '29')`, [branchId]);
  });
  afterEach(async () => {
    for (const p of publishers.splice(0)) await p.stop();
    await nats.start();
    const admin = await connect({ servers: nats.url });
    await (await jetstreamManager(admin)).streams.delete(STREAM_NAME).catch(() => undefined);
    await admin.close();
    await db.query('DELETE FROM outbox');
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  const publisher = (over: Partial<PublisherOptions> = {}, on: Db = db): OutboxPublisher => {
    const p = new OutboxPublisher({ db: on, natsUrl: nats.url, pollMs: 50, backoff: { baseMs: 20, maxMs: 200 }, ackTimeoutMs: 2_000, ...over });
    publishers.push(p);
    return p;
  };
  const addEvents = async (n: number, type = 'sale.completed', payload: (i: number) => unknown = (i) => ({ i })): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = await db.query<{ id: string }>('INSERT INTO outbox (type, aggregate_id, branch_id, payload) VALUES ($1, $2, $3, $4) RETURNING id', [
        type, randomUUID(), branchId, JSON.stringify(payload(i)),
      ]);
      ids.push((r.rows[0] as { id: string }).id);
    }
    return ids;
  };
  const statusCounts = async (): Promise<Record<string, number>> => {
    const r = await db.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM outbox GROUP BY status');
    return Object.fromEntries(r.rows.map((x) => [x.status, Number(x.n)]));
  };

  it('publishes each event once to SIMILIA under similia.<branch>.<type> with the event id as Nats-Msg-Id, creating the stream', async () => {
    const ids = await addEvents(5);
    await publisher().start();
    await until('all published', async () => (await statusCounts()).published === 5);
    const messages = await streamMessages();
    expect(messages.map((m) => m.msgId)).toEqual(ids);
    expect(new Set(messages.map((m) => m.subject))).toEqual(new Set(['similia.BLR.sale.completed']));
    expect(messages[0]?.data).toMatchObject({ eventId: ids[0], type: 'sale.completed', branchId, branchCode: 'BLR', payload: { i: 0 } });
    const rows = await db.query<{ stream_seq: string; published_at: Date | null }>('SELECT stream_seq, published_at FROM outbox ORDER BY seq');
    expect(rows.rows.map((r) => Number(r.stream_seq))).toEqual([1, 2, 3, 4, 5]);
  });

  it('wakes on NOTIFY at commit rather than waiting for the next poll', async () => {
    await publisher({ pollMs: 60_000 }).start();
    await new Promise((r) => setTimeout(r, 300)); // the first (empty) round is over; the next poll is a minute away
    const started = Date.now();
    await addEvents(1);
    await until('published', async () => (await statusCounts()).published === 1, 5_000);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('keeps events pending while the broker is down, then delivers every one exactly once', async () => {
    await nats.stop();
    const p = publisher();
    await p.start();
    const ids = await addEvents(20);
    await new Promise((r) => setTimeout(r, 500));
    expect(await statusCounts()).toEqual({ pending: 20 });
    await nats.start();
    await until('all published after the broker is back', async () => (await statusCounts()).published === 20);
    const messages = await streamMessages();
    expect(messages.map((m) => m.msgId).sort()).toEqual([...ids].sort());
  });

  it('deduplicates the redelivery when a publisher died between publishing and marking', async () => {
    const [id] = await addEvents(1);
    // The dead publisher got its PubAck, then died before marking: its lease has run out since.
    const dying = await connect({ servers: nats.url });
    await (await jetstreamManager(dying)).streams.add({ name: STREAM_NAME, subjects: ['similia.>'] });
    await jetstream(dying).publish('similia.BLR.sale.completed', JSON.stringify({ eventId: id }), { msgID: id as string });
    await dying.close();
    await db.query(`UPDATE outbox SET claimed_by = 'dead-publisher', claimed_until = now() - interval '1 second', attempts = 1 WHERE id = $1`, [id]);
    await publisher().start();
    await until('marked published', async () => (await statusCounts()).published === 1);
    expect((await streamMessages()).map((m) => m.msgId)).toEqual([id]);
    const row = await db.query<{ broker_answer: { duplicate: boolean } }>('SELECT broker_answer FROM outbox WHERE id = $1', [id]);
    expect(row.rows[0]?.broker_answer).toMatchObject({ duplicate: true });
  });

  it('dead-letters a poison event at once and a failing one after the configured attempts; replay republishes under the same id', async () => {
    const [poison] = await addEvents(1, 'sale.completed', () => ({ blob: 'x'.repeat(2 * 1024 * 1024) }));
    const p = publisher({ maxAttempts: 3, ackTimeoutMs: 400 });
    await p.start();
    await until('poison dead', async () => (await statusCounts()).dead === 1);
    const dead = (await listOutbox(db, 'dead', 10)).entries[0];
    expect(dead).toMatchObject({ id: poison, status: 'dead', attempts: 1, lastError: expect.stringMatching(/max_payload/) });
    expect(dead?.firstAttemptAt).not.toBeNull();

    await nats.stop();
    const [failing] = await addEvents(1, 'stock.received');
    await until('failing one dead after 3 attempts', async () => (await statusCounts()).dead === 2, 30_000);
    const again = (await listOutbox(db, 'dead', 10)).entries.find((e) => e.id === failing);
    expect(again).toMatchObject({ attempts: 3, lastError: expect.any(String) });
    await nats.start();
    expect(await replay(db, failing as string)).toMatchObject({ id: failing, status: 'pending', attempts: 0 });
    p.wake();
    await until('replayed event published', async () => (await statusCounts()).published === 1);
    expect((await streamMessages()).map((m) => m.msgId)).toEqual([failing]);
    expect(await replay(db, failing as string)).toBeNull(); // published: nothing to replay
  });

  it.runIf(kind === 'postgres')('never lets two racing publishers in two connections both publish one event', async () => {
    const other = await database.open();
    try {
      const ids = await addEvents(400);
      const a = publisher({ batchSize: 25 });
      const b = publisher({ batchSize: 25 }, other);
      await Promise.all([a.start(), b.start()]);
      await until('all published', async () => (await statusCounts()).published === 400, 60_000);
      const messages = await streamMessages();
      expect(messages).toHaveLength(400);
      expect(new Set(messages.map((m) => m.msgId))).toEqual(new Set(ids));
      // Both took part, and JetStream never had to drop a duplicate: the claims never overlapped.
      expect(a.counts.published).toBeGreaterThan(0);
      expect(b.counts.published).toBeGreaterThan(0);
      expect(a.counts.duplicates + b.counts.duplicates).toBe(0);
    } finally {
      for (const p of publishers.splice(0)) await p.stop();
      await other.close();
    }
  });
});
