/**
 * Pure views of the sync status: what the header chip says, how a pull in progress is shown,
 * the sync panel's lines, and how often the status is polled. Time comes in as `nowMs`.
 */
import type { SyncStatus } from '../../../shared/src/api-contract.js';
import type { Role } from '../../../shared/src/domain.js';
import { ageLabel, istLong, istTime } from '../ist-time.js';

type Progress = NonNullable<SyncStatus['progress']>;

export interface ProgressView {
  /** Whole percent 0–100, or null when the total is not known (an indeterminate bar). */
  percent: number | null;
  /** Rows received so far and, when known, the total: the values of a <progress> element. */
  value: number;
  max: number | null;
  /** 'Initial sync: 1,200 of 6,000 rows (20%)' or 'Catching up: 1,200 rows received'. */
  label: string;
}

const count = (n: number): string => n.toLocaleString('en-IN');

/** Whole percent, rounded down and never 100 before the last row has arrived. */
export function progressPercent(received: number, total: number): number {
  if (total <= 0 || received >= total) return 100;
  return Math.max(0, Math.min(99, Math.floor((received * 100) / total)));
}

export function progressView(progress: Progress): ProgressView {
  const phase = progress.phase === 'initial' ? 'Initial sync' : 'Catching up';
  const { receivedRows, totalRows } = progress;
  if (totalRows === null) return { percent: null, value: receivedRows, max: null, label: `${phase}: ${count(receivedRows)} rows received` };
  const percent = progressPercent(receivedRows, totalRows);
  return { percent, value: Math.min(receivedRows, totalRows), max: totalRows, label: `${phase}: ${count(receivedRows)} of ${count(totalRows)} rows (${percent}%)` };
}

export type ChipTone = 'unknown' | 'unpaired' | 'online' | 'offline';

export interface ChipView {
  tone: ChipTone;
  /** The chip's text. Keeps the `online — N waiting` / `offline — N waiting` shape. */
  text: string;
  problem: boolean;
  /** The tooltip: oldest waiting change, last sync, last error. */
  title: string;
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

export function chipView(status: SyncStatus | null, nowMs: number): ChipView {
  if (status === null) return { tone: 'unknown', text: 'sync: unknown', problem: false, title: 'Sync status not known yet · Ctrl+Y for details' };
  const state = !status.paired ? 'not paired' : status.online ? 'online' : 'offline';
  const parts = [`${state} — ${status.pendingCount} waiting`];
  if (status.progress !== null) {
    const p = status.progress;
    parts.push(p.totalRows === null ? `syncing ${count(p.receivedRows)} rows` : `syncing ${progressPercent(p.receivedRows, p.totalRows)}%`);
  }
  if (status.problems.length > 0) parts.push(plural(status.problems.length, 'problem'));
  const oldest = status.oldestPendingAt === null ? 'nothing waiting' : `oldest waiting ${ageLabel(status.oldestPendingAt, nowMs)} (since ${istLong(status.oldestPendingAt)})`;
  const last = status.lastSyncAt === null ? 'never synced' : `last sync ${istLong(status.lastSyncAt)}`;
  const error = status.lastError === null ? '' : `; last error: ${status.lastError.message}`;
  return {
    tone: !status.paired ? 'unpaired' : status.online ? 'online' : 'offline',
    text: parts.join(' · '),
    problem: status.problems.length > 0,
    title: `${oldest}; ${last}${error} · Ctrl+Y for details`,
  };
}

/** 'in 25 s', 'in 3 min', 'now' — how long until an instant. */
export function countdownLabel(iso: string, nowMs: number): string {
  const seconds = Math.ceil((Date.parse(iso) - nowMs) / 1000);
  if (!Number.isFinite(seconds) || seconds <= 0) return 'now';
  if (seconds < 60) return `in ${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `in ${minutes} min` : `in ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export interface SyncPanelView {
  /** The paired server's address, or null when not paired. */
  server: string | null;
  connection: { text: string; tone: ChipTone };
  waiting: string;
  lastSync: string;
  /** Null when the last attempt succeeded. */
  lastError: { text: string; when: string } | null;
  nextAttempt: string | null;
}

/** The sync panel's lines, in words a counter can read at a glance. */
export function syncPanelView(status: SyncStatus, nowMs: number): SyncPanelView {
  const connection = !status.paired
    ? { text: 'Not paired: every sale is kept on this counter until it is paired with a sync server', tone: 'unpaired' as const }
    : status.online
      ? { text: 'Online', tone: 'online' as const }
      : { text: 'Offline: the counter keeps working and sends everything when the server answers', tone: 'offline' as const };
  const waiting =
    status.pendingCount === 0
      ? 'Nothing waiting'
      : `${plural(status.pendingCount, 'change')} waiting` +
        (status.oldestPendingAt === null ? '' : `, oldest ${ageLabel(status.oldestPendingAt, nowMs)} old (since ${istLong(status.oldestPendingAt)})`);
  const lastSync = status.lastSyncAt === null ? 'Never' : `${istLong(status.lastSyncAt)} (${agoLabel(status.lastSyncAt, nowMs)})`;
  const lastError = status.lastError === null ? null : { text: `${status.lastError.message} (${status.lastError.code})`, when: istLong(status.lastError.at) };
  const nextAttempt = status.nextAttemptAt === null ? null : `${countdownLabel(status.nextAttemptAt, nowMs)} (${istTime(status.nextAttemptAt)})`;
  return { server: status.paired ? status.serverUrl : null, connection, waiting, lastSync, lastError, nextAttempt };
}

function agoLabel(iso: string, nowMs: number): string {
  const age = ageLabel(iso, nowMs);
  return age === 'just now' ? age : `${age} ago`;
}

const MUTATION_LABELS: Readonly<Record<string, string>> = {
  'sale.completed': 'Sale',
  'sale.voided': 'Sale void',
  'return.created': 'Return',
  'stock.received': 'Stock receipt',
  'stock.adjusted': 'Stock adjustment',
  'stock.transfer.sent': 'Transfer out',
  'stock.transfer.received': 'Transfer in',
  'customer.upserted': 'Customer',
  'shift.closed': 'Shift close',
};

/** 'sale.completed' → 'Sale'; a type this build does not know is shown as sent. */
export function mutationLabel(type: string): string {
  return MUTATION_LABELS[type] ?? type;
}

/** Re-queueing a rejected change is a manager's call (sync.retryRejected). */
export function canRetryRejected(role: Role | null): boolean {
  return role === 'manager' || role === 'admin';
}

/** Why "Sync now" cannot be pressed, or null when it can (sync.now needs a paired device and a session). */
export function syncNowBlocker(status: SyncStatus | null, _loggedIn: boolean): string | null {
  // sync.now is public: nudging the background loop needs no session.
  if (status !== null && !status.paired) return 'Pair this counter with a sync server first.';
  return null;
}

export const POLL_MS = { idle: 5000, watching: 1000, initialSync: 500 } as const;

/** How often to read the status: fast while someone is watching it or a pull is running. */
export function syncPollMs(input: { initialSync: boolean; panelOpen: boolean; progress: boolean }): number {
  if (input.initialSync) return POLL_MS.initialSync;
  if (input.panelOpen || input.progress) return POLL_MS.watching;
  return POLL_MS.idle;
}

export interface InitialSyncView {
  progress: ProgressView;
  /** The last failed attempt and when the next one is, or null while all is well. */
  problem: string | null;
}

/** The pairing screen after a successful pairing, while the branch's data is copied down. */
export function initialSyncView(status: SyncStatus | null, nowMs: number): InitialSyncView {
  const progress =
    status?.progress != null ? progressView(status.progress) : { percent: null, value: 0, max: null, label: 'Initial sync: waiting for the server…' };
  if (status?.lastError == null) return { progress, problem: null };
  const next = status.nextAttemptAt === null ? '' : ` Trying again ${countdownLabel(status.nextAttemptAt, nowMs)}.`;
  return { progress, problem: `The last attempt failed: ${status.lastError.message}${next}` };
}
