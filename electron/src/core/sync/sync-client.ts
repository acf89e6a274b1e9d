/**
 * The device's sync client: pairing, then a background loop that pushes queued mutations and
 * pulls the server's changes, long-polling while idle, backing off with jitter after failures,
 * refreshing the access token before it expires. The counter never waits for it: every fact is
 * already committed locally; this only moves it on. See docs/sync-protocol.md, "The device side".
 */
import type { SyncStatus } from '../../../../shared/src/api-contract.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import { findDeviceRow, nowIso, type CoreContext } from '../services/context.js';
import { stmt, writeTx } from '../store/open-store.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import {
  dropAccessToken, jwtExpiryMs, markBroken, markSynced, pendingMutations, queueCounts, readLink, recordPushResults, rejectedMutations, requeueRejected, rotationIdFor, saveTokens,
  type LinkRow,
} from './link-store.js';
import { applyChanges, withoutForeignKeys } from './replica.js';
import { normaliseServerUrl, ServerApi, SyncFailure } from './server-api.js';

export interface SyncClientOptions {
  api?: ServerApi;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Mutations per push (the server takes at most 500). */
  pushBatch?: number;
  /** Changes per pull page. */
  pullLimit?: number;
  /** Long-poll wait while idle, seconds (the server allows up to 30). */
  idleWaitSeconds?: number;
  /** A catch-up with more than this many rows left shows a progress bar. */
  progressThreshold?: number;
  log?: (message: string) => void;
}

/** Refresh this long before the access token expires, so a slow request does not outlive it. */
const REFRESH_MARGIN_MS = 60_000;

export class SyncClient {
  private readonly api: ServerApi;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly pushBatch: number;
  private readonly pullLimit: number;
  private readonly idleWaitSeconds: number;
  private readonly progressThreshold: number;
  private readonly log: (message: string) => void;

  private isRunning = false;
  private closed = false;
  private loopDone: Promise<void> = Promise.resolve();
  private online = false;
  private lastError: SyncStatus['lastError'] = null;
  private nextAttemptAt: number | null = null;
  private catchUp: { received: number; total: number | null } | null = null;
  /** Wakes the loop from a backoff sleep or an idle long-poll. */
  private wake: AbortController = new AbortController();
  /** One exchange at a time: the loop and explicit syncOnce() calls queue behind each other. */
  private exclusive: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: CoreContext,
    options: SyncClientOptions = {},
  ) {
    this.api = options.api ?? new ServerApi();
    this.random = options.random ?? Math.random;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.pushBatch = options.pushBatch ?? 200;
    this.pullLimit = options.pullLimit ?? 5000;
    this.idleWaitSeconds = options.idleWaitSeconds ?? 25;
    this.progressThreshold = options.progressThreshold ?? 2000;
    this.log = options.log ?? (() => undefined);
  }

  /** Paired and able to talk to the server (not revoked). */
  get paired(): boolean {
    const link = readLink(this.ctx.db);
    return link !== undefined;
  }

  status(): SyncStatus {
    const db = this.ctx.db;
    const link = readLink(db);
    const queue = queueCounts(db);
    const broken = link?.broken_code != null ? { code: link.broken_code, message: link.broken_message ?? '', at: nowIso(this.ctx) } : null;
    let progress: SyncStatus['progress'] = null;
    if (link !== undefined && link.initial_done === 0) progress = { phase: 'initial', receivedRows: link.rows_received, totalRows: link.rows_total };
    else if (this.catchUp !== null && (this.catchUp.total ?? this.catchUp.received) > this.progressThreshold) {
      progress = { phase: 'catch-up', receivedRows: this.catchUp.received, totalRows: this.catchUp.total };
    }
    return {
      paired: link !== undefined,
      serverUrl: link?.server_url ?? null,
      online: link !== undefined && broken === null && this.online,
      pendingCount: queue.pending,
      oldestPendingAt: queue.oldestPendingAt,
      lastSyncAt: link?.last_sync_at ?? null,
      lastError: broken ?? this.lastError,
      nextAttemptAt: this.nextAttemptAt === null ? null : new Date(this.nextAttemptAt).toISOString(),
      progress,
      problems: rejectedMutations(db).map((r) => ({ mutationId: r.id, type: r.type, code: r.last_error_code ?? 'unknown', message: r.last_error_message ?? '', at: r.at })),
    };
  }

  /**
   * Exchanges a pairing code for this device's credentials and starts syncing. A store that already
   * belongs to a branch (the demo store) can only join that branch; a fresh install becomes the
   * server's device once the first sync has brought its branch, staff and catalogue.
   */
  async pair(serverUrlInput: string, codeInput: string, deviceName?: string): Promise<ApiResult<SyncStatus>> {
    const serverUrl = normaliseServerUrl(serverUrlInput);
    if (serverUrl === null) return fail('input.invalid', `“${serverUrlInput}” is not a server address; enter it like http://192.168.1.10:3004.`);
    const code = codeInput.replace(/[\s-]+/g, '').toUpperCase();
    if (!/^[0-9A-Z]{8}$/.test(code)) return fail('input.invalid', 'A pairing code has 8 letters and digits, like ABCD-2345.');
    const existing = readLink(this.ctx.db);
    if (existing !== undefined && existing.broken_code === null) return fail('sync.already_paired', `This counter is already paired with ${existing.server_url}.`);
    const device = findDeviceRow(this.ctx);
    const name = (deviceName ?? '').trim() || device?.name || 'Counter';
    let reply;
    try {
      reply = await this.api.pair(serverUrl, code, name.slice(0, 100));
    } catch (error) {
      if (!(error instanceof SyncFailure)) throw error;
      if (error.kind === 'network' || error.kind === 'server') return fail('sync.server_unreachable', error.message);
      return fail('sync.pairing_failed', error.code === 'pairing.code_invalid' ? 'That pairing code is wrong, used or expired: ask a manager for a new one.' : error.message);
    }
    if (device !== undefined && device.branch_id !== reply.branchId) {
      return fail('sync.branch_mismatch', `That code pairs a counter of another branch than this store’s. Ask the office to revoke device ${reply.deviceId} and issue a code for this branch.`);
    }
    writeTx(this.ctx.db, () => {
      stmt(this.ctx.db, /* sql */ `DELETE FROM sync_link`).run();
      stmt(this.ctx.db, /* sql */ `INSERT INTO sync_link (singleton, server_url, device_id, branch_id, invoice_prefix, device_name, refresh_token, access_token, access_expires_ms, paired_at, initial_done)
        VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        serverUrl, reply.deviceId, reply.branchId, reply.invoicePrefix, name, reply.refreshToken, reply.accessToken,
        jwtExpiryMs(reply.accessToken) ?? this.ctx.now() + 5 * 60_000, nowIso(this.ctx), 0,
      );
      // From now on this counter bills in the series the server gave it.
      if (device !== undefined) stmt(this.ctx.db, /* sql */ `UPDATE device SET invoice_prefix = ? WHERE id = ?`).run(reply.invoicePrefix, device.id);
    });
    this.lastError = null;
    this.online = true;
    this.log(`paired with ${serverUrl} as device ${reply.deviceId} (${reply.invoicePrefix})`);
    this.start();
    return ok(this.status());
  }

  /** Starts the background loop (no-op when unpaired or already running). */
  start(): void {
    if (this.isRunning || this.closed || readLink(this.ctx.db) === undefined) return;
    this.isRunning = true;
    this.loopDone = this.loop();
  }

  /** True while the background loop runs. */
  get running(): boolean {
    return this.isRunning;
  }

  /** Asks a loop that is not running yet never to start (close of an unpaired store). */
  stopSoon(): void {
    this.closed = true;
  }

  /** Stops the loop and waits for the exchange in flight to end (it is cut short). */
  async stop(): Promise<void> {
    this.closed = true;
    this.isRunning = false;
    this.wake.abort();
    await this.loopDone;
  }

  /** Something was queued or the user asked: skip the wait and sync now. */
  kick(): void {
    this.nextAttemptAt = null;
    this.wake.abort();
  }

  retryRejected(mutationId: string): ApiResult<SyncStatus> {
    if (!requeueRejected(this.ctx.db, mutationId)) return fail('sync.mutation_unknown', 'That change is not among the rejected ones (already retried or resolved).');
    this.kick();
    return ok(this.status());
  }

  /**
   * One full exchange: push everything waiting, then pull until caught up. Throws SyncFailure on
   * anything that stops it; what was done before the failure stays done.
   */
  syncOnce(): Promise<void> {
    const run = this.exclusive.then(async () => {
      await this.pushAll();
      await this.pullAll(0);
      markSynced(this.ctx.db, nowIso(this.ctx));
    });
    this.exclusive = run.catch(() => undefined);
    return run;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.isRunning) {
      try {
        if (readLink(this.ctx.db)?.broken_code != null) break;
        await this.syncOnce();
        failures = 0;
        this.online = true;
        this.lastError = null;
        this.nextAttemptAt = null;
        await this.idle();
      } catch (error) {
        if (!this.isRunning) break;
        failures += 1;
        this.online = false;
        const failure = error instanceof SyncFailure ? error : new SyncFailure('server', 'internal', `Sync stopped on an unexpected error: ${String(error)}`);
        this.lastError = { code: failure.code, message: failure.message, at: nowIso(this.ctx) };
        if (!(error instanceof SyncFailure)) this.log(`unexpected error ${String((error as Error).stack ?? error)}`);
        if (failure.kind === 'credentials') break; // needs a new pairing; status says so
        const delay = backoffDelay(failures, this.random(), this.backoff);
        this.nextAttemptAt = this.ctx.now() + delay;
        await this.sleep(delay);
      }
    }
    this.isRunning = false;
  }

  /** Long-polls the server while nothing is queued; returns when something changed, or on kick. */
  private async idle(): Promise<void> {
    if (!this.isRunning) return;
    if (queueCounts(this.ctx.db).pending > 0) return;
    const wake = this.freshWake();
    const run = this.exclusive.then(() => this.pullAll(this.idleWaitSeconds, wake.signal));
    this.exclusive = run.catch(() => undefined);
    try {
      await run;
    } catch (error) {
      if (error instanceof SyncFailure && error.code === 'sync.aborted') return;
      throw error;
    }
  }

  private freshWake(): AbortController {
    if (this.wake.signal.aborted) this.wake = new AbortController();
    return this.wake;
  }

  private sleep(ms: number): Promise<void> {
    const wake = this.freshWake();
    return new Promise((resolve) => {
      const onWake = (): void => {
        clearTimeout(timer);
        resolve();
      };
      // Removed when the timer fires: a long outage must not pile listeners on the signal.
      const timer = setTimeout(() => {
        wake.signal.removeEventListener('abort', onWake);
        resolve();
      }, ms);
      wake.signal.addEventListener('abort', onWake, { once: true });
    });
  }

  private async pushAll(): Promise<void> {
    for (;;) {
      const batch = pendingMutations(this.ctx.db, this.pushBatch);
      if (batch.length === 0) return;
      const reply = await this.authorised((token, link) => this.api.push(link.server_url, token, batch));
      const { done, rejected } = recordPushResults(this.ctx.db, batch, reply.results);
      if (rejected > 0) this.log(`${rejected} change(s) refused by the server (see the sync panel)`);
      if (done + rejected === 0) return;
    }
  }

  /** Pulls pages until the server has nothing more; with `wait`, the first page may long-poll. */
  private async pullAll(wait: number, signal?: AbortSignal): Promise<void> {
    let first = true;
    try {
      for (;;) {
        const link = this.requireLink();
        const page = await this.authorised((token) =>
          this.api.pull(link.server_url, token, { cursor: link.cursor, limit: this.pullLimit, wait: first ? wait : 0 }, first ? signal : undefined),
        );
        first = false;
        const received = page.changes.length;
        withoutForeignKeys(this.ctx.db, () => {
          applyChanges(this.ctx.db, page.changes, nowIso(this.ctx));
          // The server counts what follows only on a first sync's first page; keep that total until the end.
          const total = page.hasMore ? (page.remaining === undefined ? link.rows_total : link.rows_received + received + page.remaining) : link.rows_received + received;
          stmt(this.ctx.db, /* sql */ `UPDATE sync_link SET cursor = ?, rows_received = rows_received + ?, rows_total = ?`).run(page.cursor, received, total);
          if (!page.hasMore && link.initial_done === 0) this.finishInitialSync();
        });
        if (page.hasMore) {
          // A catch-up's size is unknown (no count after the first page): shown once it is large.
          const prior = this.catchUp?.received ?? 0;
          this.catchUp = { received: prior + received, total: page.remaining === undefined ? null : prior + received + page.remaining };
        } else {
          this.catchUp = null;
          return;
        }
      }
    } finally {
      this.catchUp = null;
    }
  }

  /** The first pull is complete: a fresh install now has its branch and becomes this device. */
  private finishInitialSync(): void {
    const db = this.ctx.db;
    const link = this.requireLink();
    stmt(db, /* sql */ `UPDATE sync_link SET initial_done = 1`).run();
    if (findDeviceRow(this.ctx) !== undefined) return;
    const branch = stmt(db, /* sql */ `SELECT 1 FROM branches WHERE id = ?`).get(link.branch_id);
    if (branch === undefined) throw new SyncFailure('refused', 'sync.branch_missing', 'The server’s first sync did not include this device’s branch.');
    stmt(db, /* sql */ `INSERT INTO device (id, name, branch_id, invoice_prefix, demo) VALUES (?, ?, ?, ?, 0)`).run(link.device_id, link.device_name, link.branch_id, link.invoice_prefix);
    this.log(`first sync complete; this store is now device ${link.device_id}`);
  }

  private requireLink(): LinkRow {
    const link = readLink(this.ctx.db);
    if (link === undefined) throw new SyncFailure('credentials', 'device.unpaired', 'This counter is not paired with a sync server.');
    if (link.broken_code !== null) throw new SyncFailure('credentials', link.broken_code, link.broken_message ?? 'Pair this counter again.');
    return link;
  }

  /** Runs a request with a valid access token, refreshing it first when due and once more on a 401. */
  private async authorised<T>(request: (accessToken: string, link: LinkRow) => Promise<T>): Promise<T> {
    let link = this.requireLink();
    if (link.access_token === null || (link.access_expires_ms ?? 0) - REFRESH_MARGIN_MS <= this.ctx.now()) link = await this.refresh(link);
    let result: T;
    try {
      try {
        result = await request(link.access_token as string, link);
      } catch (error) {
        if (!(error instanceof SyncFailure) || error.kind !== 'token') throw error;
        dropAccessToken(this.ctx.db);
        link = await this.refresh(this.requireLink());
        result = await request(link.access_token as string, link);
      }
    } catch (error) {
      // A push or pull refused because the pairing is dead (revoked, family killed): say so now,
      // so the counter can be paired again at once rather than when its token is next due.
      if (error instanceof SyncFailure && error.kind === 'credentials') this.breakLink(error);
      throw error;
    }
    // The server answered: online, whatever comes next.
    this.online = true;
    this.lastError = null;
    return result;
  }

  /** Records that the pairing is dead (the sync panel says to pair again) and returns the failure to throw. */
  private breakLink(error: SyncFailure): SyncFailure {
    const message = error.code === 'device.revoked' ? 'This counter was revoked by the office: pair it again.' : `The server no longer accepts this counter’s credentials (${error.message}). Pair it again.`;
    if (readLink(this.ctx.db)?.broken_code == null) markBroken(this.ctx.db, error.code, message);
    return new SyncFailure('credentials', error.code, message, error.status);
  }

  private async refresh(link: LinkRow): Promise<LinkRow> {
    try {
      const rotationId = rotationIdFor(this.ctx.db, () => Buffer.from(this.ctx.randomBytes(18)).toString('base64url'));
      const tokens = await this.api.refresh(link.server_url, link.refresh_token, rotationId);
      // The old refresh token is dead from this moment: keep the new one before anything else.
      saveTokens(this.ctx.db, { ...tokens, accessExpiresMs: jwtExpiryMs(tokens.accessToken) ?? this.ctx.now() + 5 * 60_000 });
    } catch (error) {
      if (error instanceof SyncFailure && (error.kind === 'credentials' || error.kind === 'refused' || error.kind === 'token')) {
        throw this.breakLink(error);
      }
      throw error;
    }
    return this.requireLink();
  }
}
