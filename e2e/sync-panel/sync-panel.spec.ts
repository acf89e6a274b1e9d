import { expect, test } from '@playwright/test';
import type { SyncProblem, SyncStatus } from '../../shared/src/api-contract.js';
import { LoginPage } from '../pages/login-page.js';
import { PairingPage } from '../pages/pairing-page.js';
import { ScriptedCore } from '../pages/scripted-core.js';
import { SyncPanelPage } from '../pages/sync-panel-page.js';

const UNPAIRED: SyncStatus = {
  paired: false,
  serverUrl: null,
  online: false,
  pendingCount: 0,
  oldestPendingAt: null,
  lastSyncAt: null,
  lastError: null,
  nextAttemptAt: null,
  progress: null,
  problems: [],
};

const REJECTED_SALE: SyncProblem = {
  mutationId: '0190aaaa-0000-7000-8000-000000000001',
  type: 'sale.completed',
  code: 'auth.forbidden',
  message: 'Ravi Kumar is not a member of branch BLR on the server.',
  at: '2026-11-24T05:00:00Z', // 10:30 am IST
};
const REJECTED_CUSTOMER: SyncProblem = {
  mutationId: '0190aaaa-0000-7000-8000-000000000002',
  type: 'customer.upserted',
  code: 'customer.phone_invalid',
  message: 'The phone number 12345 is not an Indian mobile number.',
  at: '2026-11-23T20:15:00Z', // 1:45 am IST the next day
};

/** A paired counter, offline with a backlog, a failed attempt, a catch-up pull and two rejected changes. */
function troubledCounter(problems: SyncProblem[]): SyncStatus {
  const now = Date.now();
  return {
    paired: true,
    serverUrl: 'http://127.0.0.1:3004',
    online: false,
    pendingCount: 14,
    oldestPendingAt: new Date(now - 47 * 60_000).toISOString(),
    lastSyncAt: new Date(now - 52 * 60_000).toISOString(),
    lastError: { code: 'sync.server_unreachable', message: 'The sync server at http://127.0.0.1:3004 does not answer.', at: new Date(now - 20_000).toISOString() },
    nextAttemptAt: new Date(now + 40_000).toISOString(),
    progress: { phase: 'catch-up', receivedRows: 3420, totalRows: 9800 },
    problems,
  };
}

test.describe('the sync panel', () => {
  test('opens from the chip and with Ctrl+Y, says the demo counter is not paired, and Esc gives the search box back', async ({ page }) => {
    await new LoginPage(page).loginAs('Meera Iyer', '9999');
    const sync = new SyncPanelPage(page);
    await expect(sync.chip).toContainText(/^not paired — \d+ waiting/);
    const waiting = await sync.waiting();

    await sync.openByKey();
    await expect(sync.fact('server')).toHaveText('Not paired');
    await expect(sync.fact('connection')).toContainText('Not paired');
    await expect(sync.fact('waiting')).toContainText(waiting === 0 ? 'Nothing waiting' : `${waiting} change`);
    await expect(sync.fact('last')).toHaveText('Never');
    await expect(sync.syncNow()).toBeDisabled();
    await expect(sync.panel).toContainText('Pair this counter with a sync server first.');
    await expect(sync.panel).toContainText('No rejected changes.');
    await sync.closeByEsc();
    await expect(page.getByTestId('search')).toBeFocused();

    await sync.openByChip();
    await page.keyboard.press('Control+y');
    await expect(sync.panel).toHaveCount(0);

    await page.keyboard.press('F1');
    await expect(page.getByRole('dialog', { name: 'Keyboard at the counter' })).toContainText('sync status');
    await expect(page.locator('footer.shortcuts')).toContainText('Ctrl+Y');
  });

  test('lists rejected changes with type, time, code and reason; a manager syncs now and retries one', async ({ page }) => {
    let problems = [REJECTED_SALE, REJECTED_CUSTOMER];
    const core = await ScriptedCore.install(page, {
      'sync.status': () => ({ ok: true, value: troubledCounter(problems) }),
      'sync.now': () => ({ ok: true, value: troubledCounter(problems) }),
      'sync.retryRejected': (args) => {
        problems = problems.filter((p) => p.mutationId !== args.mutationId);
        return { ok: true, value: troubledCounter(problems) };
      },
    });
    await new LoginPage(page).loginAs('Meera Iyer', '9999');
    const sync = new SyncPanelPage(page);
    await expect(sync.chip).toHaveText('offline — 14 waiting · syncing 34% · 2 problems');

    await sync.openByChip();
    await expect(sync.fact('server')).toHaveText('http://127.0.0.1:3004');
    await expect(sync.fact('connection')).toContainText('Offline');
    await expect(sync.fact('waiting')).toContainText('14 changes waiting, oldest 47 min old');
    await expect(sync.fact('last')).toContainText('(52 min ago)');
    await expect(sync.fact('error')).toContainText('does not answer. (sync.server_unreachable)');
    await expect(sync.fact('next')).toContainText(/^in \d+ s/);
    const bar = sync.progress().getByRole('progressbar');
    await expect(bar).toHaveAttribute('max', '9800');
    await expect(bar).toHaveAttribute('value', '3420');
    await expect(sync.progress()).toContainText('Catching up: 3,420 of 9,800 rows (34%)');

    await expect(sync.problems()).toHaveCount(2);
    const sale = sync.problems().nth(0);
    await expect(sale).toContainText('Sale');
    await expect(sale).toContainText('sale.completed');
    await expect(sale).toContainText(/24\/11\/26, 10:30\s?am/i);
    await expect(sale).toContainText('auth.forbidden');
    await expect(sale).toContainText('Ravi Kumar is not a member of branch BLR on the server.');
    await expect(sync.problems().nth(1)).toContainText(/24\/11\/26, 1:45\s?am/i);
    await page.screenshot({ path: 'test-results/screenshots/11-sync-panel-rejected.png' });

    // "Sync now" has the focus: Enter presses it.
    await expect(sync.syncNow()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => core.callsOf('sync.now').length).toBe(1);

    await sale.getByRole('button', { name: 'Retry' }).click();
    await expect(sync.problems()).toHaveCount(1);
    expect(core.callsOf('sync.retryRejected')).toEqual([{ mutationId: REJECTED_SALE.mutationId }]);
    await expect(sync.problems().first()).toContainText('customer.phone_invalid');
    await sync.closeByEsc();
    await expect(sync.chip).toContainText('1 problem');
  });

  test('a cashier sees rejected changes but cannot retry them', async ({ page }) => {
    await ScriptedCore.install(page, { 'sync.status': () => ({ ok: true, value: troubledCounter([REJECTED_SALE]) }) });
    await new LoginPage(page).loginAs('Asha Nair', '1111');
    const sync = new SyncPanelPage(page);
    await sync.openByKey();
    await expect(sync.problems()).toHaveCount(1);
    await expect(sync.problems().first()).toContainText('Ravi Kumar is not a member of branch BLR on the server.');
    await expect(sync.panel.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await expect(sync.panel).toContainText('A manager or admin can retry');
  });
});

test('a fresh install pairs by keyboard, shows each refusal on the right field, follows the initial sync and ends on the login screen', async ({ page }) => {
  // The core's answers for an unpaired install and its pairing are scripted; once the initial
  // sync is over, every call goes to the real (demo) core again and its staff appear.
  let phase: 'unpaired' | 'syncing' | 'done' = 'unpaired';
  let polls = 0;
  const paired = (progress: SyncStatus['progress']): SyncStatus => ({ ...UNPAIRED, paired: true, serverUrl: 'http://127.0.0.1:3004', online: true, progress });
  const core = await ScriptedCore.install(page, {
    'app.info': () => (phase === 'done' ? undefined : { ok: false, error: { code: 'device.unpaired', message: 'This counter is not paired with a sync server yet.' } }),
    'sync.status': () => {
      if (phase === 'unpaired') return { ok: true, value: UNPAIRED };
      if (phase === 'done') return undefined;
      polls += 1;
      if (polls <= 3) return { ok: true, value: paired({ phase: 'initial', receivedRows: polls * 1000, totalRows: null }) };
      if (polls <= 6) return { ok: true, value: paired({ phase: 'initial', receivedRows: polls * 500, totalRows: 4000 }) };
      phase = 'done';
      return { ok: true, value: paired(null) };
    },
    'sync.pair': (args) => {
      if (args.serverUrl !== 'http://127.0.0.1:3004') return { ok: false, error: { code: 'sync.server_unreachable', message: `No sync server answers at ${String(args.serverUrl)}.` } };
      if (args.code !== '7KQ2M9XD') return { ok: false, error: { code: 'sync.pairing_failed', message: 'The pairing code is unknown, used or expired. Ask for a new one.' } };
      phase = 'syncing';
      return { ok: true, value: paired(null) };
    },
  });
  const pairing = new PairingPage(page);
  await pairing.open();
  await expect(pairing.code).toBeFocused();
  await expect(pairing.serverUrl).toHaveValue('http://127.0.0.1:3004');
  await expect(new SyncPanelPage(page).chip).toHaveText('not paired — 0 waiting');

  await page.keyboard.type('abcd efgh');
  await expect(pairing.code).toHaveValue('ABCD-EFGH');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Counter 2');
  await page.keyboard.press('Enter');
  await expect(pairing.error).toHaveText('The pairing code is unknown, used or expired. Ask for a new one.');
  await expect(pairing.code).toBeFocused();
  await expect(pairing.code).toHaveValue('ABCD-EFGH');
  await expect(pairing.deviceName).toHaveValue('Counter 2');

  // A short code is refused on the spot, without asking the core.
  await page.keyboard.type('7kq');
  await page.keyboard.press('Enter');
  await expect(pairing.error).toHaveText('A pairing code has 8 characters; 3 typed so far.');
  expect(core.callsOf('sync.pair')).toHaveLength(1);

  await pairing.code.fill('7kq2-m9xd');
  await pairing.serverUrl.fill('127.0.0.1:3999');
  await pairing.serverUrl.press('Enter');
  await expect(pairing.error).toHaveText('No sync server answers at http://127.0.0.1:3999.');
  await expect(pairing.serverUrl).toBeFocused();
  await expect(pairing.code).toHaveValue('7KQ2-M9XD');
  await page.screenshot({ path: 'test-results/screenshots/12-pairing-unreachable.png' });

  await page.keyboard.type('http://127.0.0.1:3004');
  await page.keyboard.press('Enter');
  await expect(pairing.initialSync).toBeVisible();
  expect(core.callsOf('sync.pair').at(-1)).toEqual({ serverUrl: 'http://127.0.0.1:3004', code: '7KQ2M9XD', deviceName: 'Counter 2' });
  await expect(pairing.progressLabel()).toContainText(/Initial sync: [\d,]+ rows received/);
  await expect(pairing.initialSync.getByRole('progressbar')).not.toHaveAttribute('max', /.*/);
  await expect(pairing.progressLabel()).toContainText(/Initial sync: [\d,]+ of 4,000 rows \(\d+%\)/);
  await expect(pairing.initialSync.getByRole('progressbar')).toHaveAttribute('max', '4000');
  await page.screenshot({ path: 'test-results/screenshots/13-initial-sync.png' });

  await expect(page.getByTestId('staff-tile').filter({ hasText: 'Asha Nair' })).toBeVisible();
  await expect(pairing.code).toHaveCount(0);
});
