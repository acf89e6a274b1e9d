import { expect, test } from '@playwright/test';
import type { SyncProblem, SyncStatus } from '../../shared/src/api-contract.js';
import { LoginPage } from '../pages/login-page.js';
import { E2E_ADMIN_PASSWORD, E2E_FRESH_URL, E2E_KEY, E2E_SYNC_URL } from '../e2e-env.js';
import { paiseFromText } from '../pages/api-client.js';
import { PairingPage } from '../pages/pairing-page.js';
import { SellPage } from '../pages/sell-page.js';
import { ScriptedCore } from '../pages/scripted-core.js';
import { SyncPanelPage } from '../pages/sync-panel-page.js';


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

test('a fresh install pairs with the real sync server by keyboard, shows each refusal on the right field, follows the first sync, then sells and syncs', async ({ page, request }) => {
  test.setTimeout(120_000);
  const pairing = new PairingPage(page);
  await pairing.open(E2E_FRESH_URL);
  await expect(pairing.code).toBeFocused();
  await expect(new SyncPanelPage(page).chip).toHaveText('not paired — 0 waiting');

  // A code the server never issued: its refusal, on the code field, everything typed kept.
  await page.keyboard.type('abcd efgh');
  await expect(pairing.code).toHaveValue('ABCD-EFGH');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Counter 2');
  await pairing.serverUrl.fill(E2E_SYNC_URL);
  await pairing.code.press('Enter');
  await expect(pairing.error).toHaveText('That pairing code is wrong, used or expired: ask a manager for a new one.');
  await expect(pairing.code).toBeFocused();
  await expect(pairing.deviceName).toHaveValue('Counter 2');

  // A short code is refused on the spot.
  await pairing.code.fill('7kq');
  await pairing.code.press('Enter');
  await expect(pairing.error).toHaveText('A pairing code has 8 characters; 3 typed so far.');

  // The office issues a real code; the counter types it with a wrong address first.
  const admin = await request.post(`${E2E_SYNC_URL}/v1/auth/login`, { data: { username: 'admin', password: E2E_ADMIN_PASSWORD } });
  const token = ((await admin.json()) as { accessToken: string }).accessToken;
  const branches = (await (await request.get(`${E2E_SYNC_URL}/v1/branches`, { headers: { authorization: `Bearer ${token}` } })).json()) as { branches: { id: string; code: string }[] };
  const blr = branches.branches.find((b) => b.code === 'BLR');
  if (blr === undefined) throw new Error('the demo server has no BLR branch');
  const issued = (await (await request.post(`${E2E_SYNC_URL}/v1/branches/${blr.id}/pairing-codes`, { headers: { authorization: `Bearer ${token}` } })).json()) as { code: string };
  await pairing.code.fill(issued.code.toLowerCase());
  await pairing.serverUrl.fill('127.0.0.1:9');
  await pairing.serverUrl.press('Enter');
  await expect(pairing.error).toContainText('Cannot reach the sync server at http://127.0.0.1:9');
  await expect(pairing.serverUrl).toBeFocused();
  await page.screenshot({ path: 'test-results/screenshots/12-pairing-unreachable.png' });

  await pairing.serverUrl.fill(E2E_SYNC_URL);
  await pairing.serverUrl.press('Enter');
  await expect(pairing.initialSync).toBeVisible();
  await expect(pairing.progressLabel()).toContainText(/Initial sync: [\d,]+/);
  await page.screenshot({ path: 'test-results/screenshots/13-initial-sync.png' });

  // The branch's staff came down from the server with their PIN hashes: Asha logs in with hers.
  await expect(page.getByTestId('staff-tile').filter({ hasText: 'Asha Nair' })).toBeVisible({ timeout: 60_000 });
  await expect(pairing.code).toHaveCount(0);
  await page.getByTestId('staff-tile').filter({ hasText: 'Asha Nair' }).click();
  await page.getByTestId('login-pin').fill('1111');
  await page.getByTestId('login-pin').press('Enter');
  const sell = new SellPage(page);
  await expect(sell.search).toBeFocused();
  await sell.addBySearch('arnica 30', 'Arnica');
  await sell.payCash('500');
  await sell.complete();
  await expect(page.getByTestId('invoice-no')).toHaveText(/^C\d+\/\d{4}\/000001$/);
  // The sale leaves the counter on its own: the chip goes back to nothing waiting, online.
  await expect(new SyncPanelPage(page).chip).toHaveText(/^online — 0 waiting/, { timeout: 30_000 });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+y');
  await expect(page.getByTestId('sync-panel')).toContainText(E2E_SYNC_URL);
  await page.screenshot({ path: 'test-results/screenshots/14-paired-sync-panel.png' });
});

test('an admin at the paired counter signs in to the office and sees every branch, equal to the server’s own report', async ({ page, request }) => {
  test.setTimeout(120_000);
  const admin = (await (await request.post(`${E2E_SYNC_URL}/v1/auth/login`, { data: { username: 'admin', password: E2E_ADMIN_PASSWORD } })).json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${admin.accessToken}` };
  const branches = ((await (await request.get(`${E2E_SYNC_URL}/v1/branches`, { headers: auth })).json()) as { branches: { id: string; code: string }[] }).branches;
  const blr = branches.find((b) => b.code === 'BLR');
  if (blr === undefined) throw new Error('no BLR branch');
  // An office admin who also works the BLR counter: a PIN for the counter, a password for the office.
  const created = await request.post(`${E2E_SYNC_URL}/v1/users`, { headers: auth, data: { username: 'office-e2e', name: 'Office Admin', role: 'admin', branchIds: [blr.id], pin: '4242', password: 'office-e2e-pass' } });
  expect([201, 409]).toContain(created.status());
  // The counter paired in the previous test pulls the new staff member down.
  await expect
    .poll(
      async () => {
        await page.goto(`${E2E_FRESH_URL}/#key=${E2E_KEY}`);
        // Count once the login screen has drawn its tiles, not while the app is still booting.
        await page.getByTestId('staff-tile').first().waitFor({ timeout: 15_000 });
        return page.getByTestId('staff-tile').filter({ hasText: 'Office Admin' }).count();
      },
      { timeout: 60_000, intervals: [500, 1_000] },
    )
    .toBe(1);
  await page.getByTestId('staff-tile').filter({ hasText: 'Office Admin' }).click();
  await page.getByTestId('login-pin').fill('4242');
  await page.getByTestId('login-pin').press('Enter');
  await expect(page.getByTestId('search')).toBeVisible();
  await page.keyboard.press('F7');
  await expect(page.getByTestId('reports-screen')).toBeVisible();
  await page.getByTestId('reports-office').click();
  await expect(page.getByTestId('office-signin')).toBeVisible();
  await page.getByTestId('office-password').fill('wrong-password');
  await page.getByTestId('office-password').press('Enter');
  await expect(page.getByTestId('office-error')).toBeVisible();
  await page.getByTestId('office-username').fill('office-e2e');
  await page.getByTestId('office-password').fill('office-e2e-pass');
  await page.getByTestId('office-password').press('Enter');
  await expect(page.getByTestId('office-branches-table')).toBeVisible();
  await expect(page.getByTestId('office-branch-BLR')).toBeVisible();
  await expect(page.getByTestId('office-branch-PUN')).toBeVisible();
  // The figures are the server's: compare with its own report for the same day.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date());
  const trend = (await (await request.get(`${E2E_SYNC_URL}/v1/reports/sales-trend?from=${today}&to=${today}&branchId=${blr.id}`, { headers: auth })).json()) as { rows: { totalPaise: number }[] };
  const want = trend.rows.reduce((s, r) => s + r.totalPaise, 0);
  expect(want).toBeGreaterThan(0); // the sale made in the previous test
  await expect.poll(async () => paiseFromText(await page.getByTestId('office-branch-BLR-total').innerText())).toBe(want);
  await page.screenshot({ path: 'test-results/screenshots/28-reports-office.png' });
});
