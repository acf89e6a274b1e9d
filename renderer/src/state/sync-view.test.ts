import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/src/api-contract.js';
import {
  canRetryRejected,
  chipView,
  countdownLabel,
  initialSyncView,
  mutationLabel,
  POLL_MS,
  progressPercent,
  progressView,
  syncNowBlocker,
  syncPanelView,
  syncPollMs,
} from './sync-view.js';

const NOW = Date.parse('2026-11-24T12:00:00Z');

const status = (over: Partial<SyncStatus> = {}): SyncStatus => ({
  paired: true,
  serverUrl: 'http://127.0.0.1:3004',
  online: true,
  pendingCount: 0,
  oldestPendingAt: null,
  lastSyncAt: null,
  lastError: null,
  nextAttemptAt: null,
  progress: null,
  problems: [],
  ...over,
});

const problem = { mutationId: '0190aaaa-0000-7000-8000-000000000001', type: 'sale.completed', code: 'auth.forbidden', message: 'Asha Nair is not a member of this branch.', at: '2026-11-24T06:00:00Z' };

describe('the sync chip', () => {
  it.each([
    { name: 'before the first status', s: null, text: 'sync: unknown', tone: 'unknown' },
    { name: 'offline with changes waiting', s: status({ online: false, pendingCount: 3 }), text: 'offline — 3 waiting', tone: 'offline' },
    { name: 'online and caught up', s: status({ pendingCount: 0 }), text: 'online — 0 waiting', tone: 'online' },
    { name: 'a fresh install', s: status({ paired: false, serverUrl: null, online: false, pendingCount: 2 }), text: 'not paired — 2 waiting', tone: 'unpaired' },
    { name: 'a pull with a known size', s: status({ progress: { phase: 'catch-up', receivedRows: 250, totalRows: 1000 } }), text: 'online — 0 waiting · syncing 25%', tone: 'online' },
    { name: 'a pull of unknown size', s: status({ progress: { phase: 'initial', receivedRows: 12500, totalRows: null } }), text: 'online — 0 waiting · syncing 12,500 rows', tone: 'online' },
    { name: 'one rejected change', s: status({ online: false, pendingCount: 1, problems: [problem] }), text: 'offline — 1 waiting · 1 problem', tone: 'offline' },
    { name: 'two rejected changes', s: status({ problems: [problem, { ...problem, mutationId: 'x' }] }), text: 'online — 0 waiting · 2 problems', tone: 'online' },
  ] as const)('$name: “$text”', ({ s, text, tone }) => {
    const view = chipView(s, NOW);
    expect(view.text).toBe(text);
    expect(view.tone).toBe(tone);
    expect(view.problem).toBe((s?.problems.length ?? 0) > 0);
  });

  it('keeps the “N waiting” shape the E2E flows read', () => {
    for (const s of [status({ pendingCount: 7 }), status({ paired: false, pendingCount: 7 }), status({ online: false, pendingCount: 7, progress: { phase: 'catch-up', receivedRows: 1, totalRows: 2 } })]) {
      expect(/(\d+) waiting/.exec(chipView(s, NOW).text)?.[1]).toBe('7');
    }
  });

  it('says in its tooltip how old the oldest waiting change is and what last went wrong', () => {
    const title = chipView(status({ pendingCount: 1, oldestPendingAt: '2026-11-24T11:48:00Z', lastError: { code: 'sync.server_unreachable', message: 'The server does not answer.', at: '2026-11-24T11:59:00Z' } }), NOW).title;
    expect(title).toContain('oldest waiting 12 min');
    expect(title).toContain('last error: The server does not answer.');
    expect(title).toContain('Ctrl+Y');
  });
});

describe('progress of a pull', () => {
  it.each([
    [0, 1000, 0],
    [1, 1000, 0],
    [250, 1000, 25],
    [999, 1000, 99],
    [9995, 10000, 99], // never 100 % before the last row
    [1000, 1000, 100],
    [1200, 1000, 100], // more rows than announced: done, not 120 %
    [0, 0, 100], // nothing to pull
  ])('%i of %i rows is %i %%', (received, total, percent) => {
    expect(progressPercent(received, total)).toBe(percent);
  });

  it('labels a pull of known size with both counts and the percentage', () => {
    expect(progressView({ phase: 'initial', receivedRows: 1200, totalRows: 6000 })).toEqual({ percent: 20, value: 1200, max: 6000, label: 'Initial sync: 1,200 of 6,000 rows (20%)' });
  });

  it('labels a pull of unknown size with the rows so far and no maximum (an indeterminate bar)', () => {
    expect(progressView({ phase: 'catch-up', receivedRows: 123456, totalRows: null })).toEqual({ percent: null, value: 123456, max: null, label: 'Catching up: 1,23,456 rows received' });
  });

  it('never gives the bar a value above its maximum', () => {
    const view = progressView({ phase: 'catch-up', receivedRows: 1200, totalRows: 1000 });
    expect(view.value).toBe(1000);
    expect(view.max).toBe(1000);
  });
});

describe('time until the next attempt', () => {
  it.each([
    ['2026-11-24T11:59:00Z', 'now'],
    ['2026-11-24T12:00:00Z', 'now'],
    ['2026-11-24T12:00:00.400Z', 'in 1 s'],
    ['2026-11-24T12:00:25Z', 'in 25 s'],
    ['2026-11-24T12:03:00Z', 'in 3 min'],
    ['2026-11-24T13:30:00Z', 'in 1 h 30 min'],
  ])('%s is %s', (iso, label) => {
    expect(countdownLabel(iso, NOW)).toBe(label);
  });
});

describe('the sync panel', () => {
  it('describes a paired counter that is offline with a backlog and a failed attempt', () => {
    const view = syncPanelView(
      status({
        online: false,
        pendingCount: 3,
        oldestPendingAt: '2026-11-24T10:00:00Z',
        lastSyncAt: '2026-11-24T09:30:00Z',
        lastError: { code: 'sync.server_unreachable', message: 'The sync server at http://127.0.0.1:3004 does not answer.', at: '2026-11-24T11:59:30Z' },
        nextAttemptAt: '2026-11-24T12:00:20Z',
      }),
      NOW,
    );
    expect(view.server).toBe('http://127.0.0.1:3004');
    expect(view.connection.tone).toBe('offline');
    expect(view.connection.text).toMatch(/^Offline/);
    expect(view.waiting).toMatch(/^3 changes waiting, oldest 2 h old \(since 24 Nov 2026, 3:30\s?pm\)$/i);
    expect(view.lastSync).toMatch(/^24 Nov 2026, 3:00\s?pm \(2 h 30 min ago\)$/i);
    expect(view.lastError?.text).toBe('The sync server at http://127.0.0.1:3004 does not answer. (sync.server_unreachable)');
    expect(view.lastError?.when).toMatch(/^24 Nov 2026, 5:29\s?pm$/i);
    expect(view.nextAttempt).toMatch(/^in 20 s \(5:30\s?pm\)$/i);
  });

  it('describes a fresh install', () => {
    const view = syncPanelView(status({ paired: false, serverUrl: null, online: false }), NOW);
    expect(view).toMatchObject({ server: null, waiting: 'Nothing waiting', lastSync: 'Never', lastError: null, nextAttempt: null });
    expect(view.connection.tone).toBe('unpaired');
  });

  it.each([
    { pendingCount: 1, oldestPendingAt: '2026-11-24T11:59:50Z', waiting: /^1 change waiting, oldest just now old/ },
    { pendingCount: 2, oldestPendingAt: null, waiting: /^2 changes waiting$/ },
  ])('counts waiting changes in words: $pendingCount', ({ pendingCount, oldestPendingAt, waiting }) => {
    expect(syncPanelView(status({ pendingCount, oldestPendingAt }), NOW).waiting).toMatch(waiting);
  });

  it('says “just now” for a sync less than a minute ago', () => {
    expect(syncPanelView(status({ lastSyncAt: '2026-11-24T11:59:45Z' }), NOW).lastSync).toMatch(/\(just now\)$/);
  });
});

describe('who may do what in the panel', () => {
  it.each([
    ['cashier', false],
    ['pharmacist', false],
    ['manager', true],
    ['admin', true],
    [null, false],
  ] as const)('%s may retry a rejected change: %s', (role, may) => {
    expect(canRetryRejected(role)).toBe(may);
  });

  it.each([
    { name: 'a paired counter with someone logged in', s: status(), loggedIn: true, blocked: null },
    { name: 'nobody logged in (the loop needs no session)', s: status(), loggedIn: false, blocked: null },
    { name: 'not paired', s: status({ paired: false }), loggedIn: true, blocked: /Pair this counter/ },
  ])('“Sync now” with $name', ({ s, loggedIn, blocked }) => {
    const blocker = syncNowBlocker(s, loggedIn);
    if (blocked === null) expect(blocker).toBeNull();
    else expect(blocker).toMatch(blocked);
  });

  it('names mutation types for people, and shows unknown ones as sent', () => {
    expect(mutationLabel('sale.completed')).toBe('Sale');
    expect(mutationLabel('stock.transfer.received')).toBe('Transfer in');
    expect(mutationLabel('loyalty.points')).toBe('loyalty.points');
  });
});

describe('how often the status is read', () => {
  it.each([
    { initialSync: false, panelOpen: false, progress: false, ms: POLL_MS.idle },
    { initialSync: false, panelOpen: true, progress: false, ms: POLL_MS.watching },
    { initialSync: false, panelOpen: false, progress: true, ms: POLL_MS.watching },
    { initialSync: true, panelOpen: true, progress: true, ms: POLL_MS.initialSync },
  ])('initial sync $initialSync, panel open $panelOpen, pull running $progress → every $ms ms', ({ ms, ...input }) => {
    expect(syncPollMs(input)).toBe(ms);
  });

  it('reads every 5 s when idle, about every second when watched, twice a second during the initial sync', () => {
    expect(POLL_MS).toEqual({ idle: 5000, watching: 1000, initialSync: 500 });
  });
});

describe('the initial sync after pairing', () => {
  it('shows an indeterminate bar until the first progress arrives', () => {
    const view = initialSyncView(status({ progress: null }), NOW);
    expect(view.progress.max).toBeNull();
    expect(view.problem).toBeNull();
  });

  it('shows the real progress, and a failed attempt with when the next one is', () => {
    const view = initialSyncView(
      status({ progress: { phase: 'initial', receivedRows: 3000, totalRows: 12000 }, lastError: { code: 'sync.server_unreachable', message: 'The server stopped answering.', at: '2026-11-24T11:59:50Z' }, nextAttemptAt: '2026-11-24T12:00:08Z' }),
      NOW,
    );
    expect(view.progress.label).toBe('Initial sync: 3,000 of 12,000 rows (25%)');
    expect(view.problem).toBe('The last attempt failed: The server stopped answering. Trying again in 8 s.');
  });
});
