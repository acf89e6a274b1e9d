/**
 * The outbox publisher: moves events from the `outbox` table to NATS JetStream (stream SIMILIA,
 * subjects `similia.<branchCode>.<eventType>`), exactly once in effect.
 *
 * - Wakes on LISTEN similia_outbox (a trigger NOTIFYs on insert), and polls as a fallback.
 * - Claims a batch with FOR UPDATE SKIP LOCKED in a short transaction and leases it
 *   (migrations/010_outbox_publisher.sql says why no transaction is held while publishing), so
 *   publishers in several processes never work on one event at the same time.
 * - Publishes with `Nats-Msg-Id` = event id and `expect.streamName`, and marks an event published
 *   only after a PubAck from SIMILIA with a sequence above zero (`duplicate: true` counts as stored).
 * - A failure backs off exponentially with jitter; an event that keeps failing, or that the client
 *   or broker refuses for what it is (poison: too large, an invalid subject, another stream), becomes
 *   `dead`, keeping its attempts, times, last error and the broker's answer. Replay re-enqueues it
 *   under the same id.
 */
import { randomBytes } from 'node:crypto';
import { jetstream, jetstreamManager, type JetStreamClient, type PubAck } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Db } from '../db/db.js';
import { claimDue, markDead, markPublished, scheduleRetry, type ClaimedEvent } from './outbox-store.js';

export const STREAM_NAME = 'SIMILIA';
export const SUBJECT_PREFIX = 'similia';

export interface PublisherOptions {
  db: Db;
  natsUrl: string;
  /** Distinguishes this publisher's leases from others'. */
  publisherId?: string;
  batchSize?: number;
  leaseMs?: number;
  pollMs?: number;
  /** Attempts before a transient failure becomes dead. */
  maxAttempts?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** How long to wait for a PubAck. */
  ackTimeoutMs?: number;
  /** JetStream's duplicate window for a stream this publisher creates. */
  duplicateWindowMs?: number;
  random?: () => number;
  log?: (message: string, detail?: Record<string, unknown>) => void;
  /** Called after each publish attempt with the commit-to-ack latency (metrics). */
  onPublished?: (event: ClaimedEvent, latencyMs: number) => void;
}

/** The subject of an event: `similia.<branchCode>.<type>`; organisation-wide events use `org`. */
export function subjectOf(event: Pick<ClaimedEvent, 'branchCode' | 'type'>): string {
  return `${SUBJECT_PREFIX}.${event.branchCode ?? 'org'}.${event.type}`;
}

/** Why an event failed, and whether trying again can help. */
interface Failure {
  error: string;
  permanent: boolean;
  answer: Record<string, unknown> | null;
}

function classify(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : 'Error';
  const code = (error as { code?: unknown }).code;
  // The client refuses these before sending, and would refuse them every time.
  const permanent = /max_payload|invalid subject|InvalidSubject/i.test(message) || name === 'InvalidSubjectError' || name === 'InvalidArgumentError';
  return { error: `${name}: ${message}`, permanent, answer: typeof code === 'number' || typeof code === 'string' ? { code, message } : null };
}

export function backoffMs(attempts: number, r: number, policy: { baseMs: number; maxMs: number }): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(attempts, 1) - 1, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}

export class OutboxPublisher {
  readonly publisherId: string;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private readonly backoff: { baseMs: number; maxMs: number };
  private readonly ackTimeoutMs: number;
  private readonly duplicateWindowMs: number;
  private readonly random: () => number;
  private readonly log: NonNullable<PublisherOptions['log']>;

  private nc: NatsConnection | null = null;
  private js: JetStreamClient | null = null;
  private streamReady = false;
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private unlisten: (() => Promise<void>) | null = null;
  private connectFailures = 0;
  /** Called after each successful publish with the commit-to-ack latency (metrics); settable after construction. */
  onPublished: PublisherOptions['onPublished'];
  /** Publish outcomes since start, for metrics and tests. */
  readonly counts = { published: 0, duplicates: 0, retried: 0, dead: 0 };

  constructor(private readonly options: PublisherOptions) {
    this.publisherId = options.publisherId ?? `pub-${randomBytes(6).toString('hex')}`;
    this.batchSize = options.batchSize ?? 200;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 1_000;
    this.maxAttempts = options.maxAttempts ?? 12;
    this.backoff = options.backoff ?? { baseMs: 500, maxMs: 60_000 };
    this.ackTimeoutMs = options.ackTimeoutMs ?? 5_000;
    this.duplicateWindowMs = options.duplicateWindowMs ?? 2 * 60_000;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? (() => undefined);
    this.onPublished = options.onPublished;
  }

  /** Starts the loop; NATS being down is not an error (events wait, the loop keeps trying). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (this.options.db.listen !== undefined) {
      try {
        this.unlisten = await this.options.db.listen('similia_outbox', () => this.wake());
      } catch (error) {
        this.log('outbox: LISTEN failed; polling only', { error: String(error) });
      }
    }
    this.loopDone = this.loop();
  }

  /** Finishes the batch in flight, then stops and closes the NATS connection. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loopDone;
    await this.unlisten?.().catch(() => undefined);
    this.unlisten = null;
    const nc = this.nc;
    this.nc = null;
    this.js = null;
    await nc?.drain().catch(() => undefined);
  }

  /** Something was committed to the outbox: look now instead of at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** One claim-publish-mark round; returns how many events it took. Throws when NATS is unreachable. */
  async runOnce(): Promise<number> {
    const js = await this.jetstream();
    const events = await claimDue(this.options.db, { publisherId: this.publisherId, limit: this.batchSize, leaseMs: this.leaseMs });
    if (events.length === 0) return 0;
    const outcomes = await Promise.all(events.map(async (event) => ({ event, result: await this.publishOne(js, event) })));
    const published: { event: ClaimedEvent; ack: PubAck }[] = [];
    for (const { event, result } of outcomes) {
      if ('ack' in result) {
        published.push({ event, ack: result.ack });
        continue;
      }
      if (result.failure.permanent || event.attempts >= this.maxAttempts) {
        this.counts.dead += 1;
        this.log('outbox: event dead-lettered', { eventId: event.id, attempts: event.attempts, error: result.failure.error });
        await markDead(this.options.db, this.publisherId, event.id, result.failure.error, result.failure.answer);
      } else {
        this.counts.retried += 1;
        await scheduleRetry(this.options.db, this.publisherId, event.id, backoffMs(event.attempts, this.random(), this.backoff), result.failure.error, result.failure.answer);
      }
    }
    if (published.length > 0) {
      await markPublished(this.options.db, this.publisherId, published.map(({ event, ack }) => ({ id: event.id, seq: ack.seq, duplicate: ack.duplicate })));
      for (const { ack } of published) {
        if (ack.duplicate) this.counts.duplicates += 1;
        else this.counts.published += 1;
      }
    }
    return events.length;
  }

  private async publishOne(js: JetStreamClient, event: ClaimedEvent): Promise<{ ack: PubAck } | { failure: Failure }> {
    const envelope = {
      eventId: event.id,
      type: event.type,
      branchId: event.branchId,
      branchCode: event.branchCode,
      aggregateId: event.aggregateId,
      payload: event.payload,
      at: event.createdAt,
    };
    try {
      const ack = await js.publish(subjectOf(event), JSON.stringify(envelope), { msgID: event.id, expect: { streamName: STREAM_NAME }, timeout: this.ackTimeoutMs });
      if (ack.stream !== STREAM_NAME || !(ack.seq > 0)) {
        return { failure: { error: `PubAck from stream ${ack.stream} at sequence ${ack.seq}, expected ${STREAM_NAME} above 0`, permanent: true, answer: { ...ack } } };
      }
      this.onPublished?.(event, Date.now() - Date.parse(event.createdAt));
      return { ack };
    } catch (error) {
      return { failure: classify(error) };
    }
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let took = 0;
      try {
        took = await this.runOnce();
        this.connectFailures = 0;
      } catch (error) {
        this.connectFailures += 1;
        if (this.connectFailures === 1 || this.connectFailures % 30 === 0) this.log('outbox: cannot publish now; events wait', { error: String(error) });
        await this.dropConnection();
        await this.pause(backoffMs(this.connectFailures, this.random(), this.backoff));
        continue;
      }
      if (took < this.batchSize) await this.pause(this.pollMs);
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.woken || !this.running) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this; // eslint-disable-line @typescript-eslint/no-this-alias
      function done(): void {
        clearTimeout(timer);
        self.wakeUp = null;
        self.woken = false;
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private async jetstream(): Promise<JetStreamClient> {
    if (this.nc !== null && this.nc.isClosed()) await this.dropConnection();
    if (this.nc === null) {
      this.nc = await connect({ servers: this.options.natsUrl, name: `similia-outbox-${this.publisherId}`, reconnect: true, maxReconnectAttempts: -1, timeout: 2_000 });
      this.js = jetstream(this.nc, { timeout: this.ackTimeoutMs });
      this.streamReady = false;
    }
    if (!this.streamReady) {
      await this.ensureStream(this.nc);
      this.streamReady = true;
    }
    return this.js as JetStreamClient;
  }

  /** Creates the stream when missing; an existing stream is left as configured. */
  private async ensureStream(nc: NatsConnection): Promise<void> {
    const jsm = await jetstreamManager(nc, { timeout: this.ackTimeoutMs });
    try {
      await jsm.streams.info(STREAM_NAME);
    } catch (error) {
      if ((error as { name?: string }).name !== 'StreamNotFoundError' && !/stream not found/i.test(String(error))) throw error;
      await jsm.streams.add({ name: STREAM_NAME, subjects: [`${SUBJECT_PREFIX}.>`], duplicate_window: this.duplicateWindowMs * 1_000_000 });
      this.log('outbox: created stream', { stream: STREAM_NAME });
    }
  }

  private async dropConnection(): Promise<void> {
    const nc = this.nc;
    this.nc = null;
    this.js = null;
    this.streamReady = false;
    await nc?.close().catch(() => undefined);
  }
}
