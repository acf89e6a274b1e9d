import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openStore } from '../../electron/src/core/store/open-store.js';
import { applyChanges, withoutForeignKeys } from '../../electron/src/core/sync/replica.js';
import { parseCsv } from '../../shared/src/reports/csv.js';
import { uuidv7 } from '../../shared/src/ids.js';
import { E2E_DATA_DIR } from '../e2e-env.js';
import { ApiClient } from '../pages/api-client.js';
import { LoginPage } from '../pages/login-page.js';
import { TransfersPage } from '../pages/transfers-page.js';

interface Batch {
  batchId: string;
  batchNo: string;
  qty: number;
}

test.describe('transfers between branches', () => {
  test('a manager sends stock to Pune offline by keyboard: it leaves this branch at once, shows in transit, and exports as CSV', async ({ page, request }) => {
    const api = new ApiClient(request);
    await api.loginAs('Meera Iyer', '9999');
    const product = await api.topHit('ruta 200');
    const before = await api.call<Batch[]>('catalog.batches', { productId: product.productId });
    const first = before.find((b) => b.qty >= 2) as Batch;

    await new LoginPage(page).loginAs('Meera Iyer', '9999');
    const transfers = new TransfersPage(page);
    await transfers.open();
    await transfers.view('send');
    await page.getByTestId('transfer-to').selectOption({ label: 'PUN · Similia Homoeo Pharmacy — FC Road' });
    await transfers.addLine('ruta 200', 2);
    await expect(page.getByTestId('transfer-draft')).toContainText(first.batchNo);
    await page.getByTestId('transfer-note').fill('Weekend top-up');
    await page.screenshot({ path: 'test-results/screenshots/50-transfers-send.png', fullPage: true });
    await page.getByTestId('transfer-note').press('Enter');

    await expect(page.getByTestId('transfer-message')).toContainText('Sent 2 packs to PUN');
    const row = page.getByTestId('transfer-row').first();
    await expect(row.getByTestId('transfer-status')).toHaveText('In transit · waiting to sync');
    await row.getByTestId('transfer-toggle').click();
    await expect(page.getByTestId('transfer-lines')).toContainText(first.batchNo);
    await page.screenshot({ path: 'test-results/screenshots/51-transfers-sent.png', fullPage: true });

    const after = await api.call<Batch[]>('catalog.batches', { productId: product.productId });
    expect(after.find((b) => b.batchId === first.batchId)?.qty).toBe(first.qty - 2);

    const csv = await transfers.exportCsv('sent');
    expect(csv.filename).toMatch(/^similia-transfers-sent-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseCsv(csv.text);
    const header = rows[0] ?? [];
    const mine = rows.find((r) => r[header.indexOf('Batch')] === first.batchNo && r[header.indexOf('Note')] === 'Weekend top-up');
    expect(mine?.[header.indexOf('Status')]).toBe('In transit');
    expect(mine?.[header.indexOf('Sent qty')]).toBe('2');
    expect(mine?.[header.indexOf('To')]).toBe('PUN');
  });

  test('a manager receives a transfer from Pune with one pack short: it enters this branch, the difference is shown', async ({ page, request }) => {
    const api = new ApiClient(request);
    await api.loginAs('Meera Iyer', '9999');
    const product = await api.topHit('ruta 200');
    const batch = (await api.call<Batch[]>('catalog.batches', { productId: product.productId }))[0] as Batch;
    // Pune's transfer as this counter's sync client would pull it: the row the server's feed builds
    // (sync-server/migrations/017_transfers.sql), applied by the real replica code. The demo
    // counter is unpaired, so nothing else could bring it here.
    const transferId = uuidv7(Date.now(), crypto.getRandomValues(new Uint8Array(10)));
    const db = openStore(join(E2E_DATA_DIR, 'similia.db'));
    try {
      const here = (db.prepare('SELECT branch_id FROM device').get() as { branch_id: string }).branch_id;
      const pune = (db.prepare(`SELECT id FROM branches WHERE code = 'PUN'`).get() as { id: string }).id;
      const b = db.prepare('SELECT batch_no, expiry, cost_paise, mrp_paise FROM batches WHERE id = ?').get(batch.batchId) as { batch_no: string; expiry: string; cost_paise: number; mrp_paise: number };
      const row = {
        id: uuidv7(Date.now(), crypto.getRandomValues(new Uint8Array(10))), transferId, branchId: here, side: 'in',
        transfer: {
          fromBranchId: pune, toBranchId: here, status: 'in_transit', note: 'Surplus from FC Road', sentBy: pune, sentByName: 'Priya Deshpande',
          sentAt: new Date().toISOString(), receivedBy: null, receivedByName: null, receivedAt: null, receivedNote: null,
          lines: [{ lineNo: 1, productId: product.productId, batchId: batch.batchId, batchNo: b.batch_no, expiry: b.expiry, costPaise: b.cost_paise, mrpPaise: b.mrp_paise, qty: 3, receivedQty: null }],
        },
      };
      withoutForeignKeys(db, () => applyChanges(db, [{ table: 'stock_transfer_parties', op: 'upsert', row, pos: '1:1' }], new Date().toISOString()));
    } finally {
      db.close();
    }

    await new LoginPage(page).loginAs('Meera Iyer', '9999');
    const transfers = new TransfersPage(page);
    await transfers.open();
    await expect(page.getByTestId('transfers-view-incoming')).toContainText('to receive');
    const row = page.getByTestId('transfers-incoming').getByTestId('transfer-row').filter({ hasText: 'Priya Deshpande' }).first();
    await row.getByTestId('transfer-receive').click();
    const qty = page.getByTestId('transfer-received-qty').first();
    await expect(qty).toBeFocused();
    await qty.fill('2');
    await expect(page.getByTestId('transfer-receive-form')).toContainText('1 short');
    await qty.press('Enter');
    await expect(page.getByTestId('transfer-error')).toContainText('say why in the note');
    await page.getByTestId('transfer-receive-note').fill('One bottle broken in transit');
    await expect(page.getByTestId('transfer-error')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screenshots/52-transfers-receive.png', fullPage: true });
    await page.getByTestId('transfer-receive-note').press('Enter');

    await expect(page.getByTestId('transfer-receive-form')).toHaveCount(0);
    const done = page.getByTestId('transfers-incoming').getByTestId('transfer-row').filter({ hasText: 'Priya Deshpande' }).first();
    await expect(done.getByTestId('transfer-status')).toHaveText('Received with difference · waiting to sync');
    const after = await api.call<Batch[]>('catalog.batches', { productId: product.productId });
    expect(after.find((x) => x.batchId === batch.batchId)?.qty).toBe(batch.qty + 2);
    await done.getByTestId('transfer-toggle').click();
    await expect(page.getByTestId('transfer-line-difference').first()).toHaveText('1 short');
    await page.screenshot({ path: 'test-results/screenshots/52b-transfers-received.png', fullPage: true });
  });

  test('a cashier does not see the Transfers tab', async ({ page }) => {
    await new LoginPage(page).loginAs('Asha Nair', '1111');
    await page.keyboard.press('F3');
    await expect(page.getByTestId('office-screen').or(page.locator('main.office'))).toBeVisible();
    await expect(page.getByTestId('office-tab-transfers')).toHaveCount(0);
  });
});
