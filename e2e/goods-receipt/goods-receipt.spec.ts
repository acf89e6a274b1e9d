import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { parseCsv } from '../../shared/src/reports/csv.js';
import { ApiClient } from '../pages/api-client.js';
import { GoodsReceiptPage } from '../pages/goods-receipt-page.js';
import { LoginPage } from '../pages/login-page.js';
import { SellPage } from '../pages/sell-page.js';

const rupees = (paise: number): string => (paise / 100).toFixed(2);

test('a pharmacist receives goods by scan and by search, fixes a field error, posts, sells from the new stock, and writes it down with the manager’s PIN', async ({ page, request }) => {
  const api = new ApiClient(request);
  await api.loginAs('Ravi Kumar', '2222');
  const scanned = await api.topHit('thuja 30');
  const typed = await api.topHit('bryonia 200');
  // Cost about half the MRP, and enough packs that writing them all off is above ₹1,000 at cost.
  const cost = Math.floor(scanned.mrpPaise / 200) * 100;
  const qty = Math.ceil(110_000 / cost);
  const before = (await api.call<{ productId: string; stockQty: number }[]>('catalog.search', { query: 'thuja 30', limit: 20 })).find((h) => h.productId === scanned.productId)?.stockQty ?? 0;
  const batchNo = `E2E${Date.now().toString(36).toUpperCase()}`;

  await new LoginPage(page).loginAs('Ravi Kumar', '2222');
  const gr = new GoodsReceiptPage(page);
  await gr.open('goods-receipt');
  await gr.header('Bharat Homoeo Distributors', 'BHD/2611/77');

  // Line 1: a barcode scan, then the keyboard along the fields (MRP keeps the catalogue's).
  await gr.scan(scanned.barcode);
  await expect(gr.field(0, 'mrp')).toHaveValue(rupees(scanned.mrpPaise));
  await gr.typeLine({ batchNo, expiry: '06/29', qty: String(qty), freeQty: '2', cost: rupees(cost), mrp: null });
  await expect(gr.field(0, 'expiry')).toHaveValue('06/29');

  // Line 2: typed search; an expiry in the past is caught on its field, and posting is refused.
  await gr.search('bryonia 200', typed.name);
  await gr.typeLine({ batchNo: `${batchNo}B`, expiry: '01/25', qty: '5', freeQty: '0', cost: rupees(Math.floor(typed.mrpPaise / 200) * 100), mrp: null });
  await expect(gr.fieldErrors(1)).toHaveText(['Expiry 2025-01-31 is in the past: expired stock cannot be sold.']);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('gr-message')).toContainText('Fix 1 problem');
  await expect(gr.field(1, 'expiry')).toBeFocused();
  await expect(page.getByTestId('gr-total-units')).toHaveText(String(qty + 2 + 5));
  await page.screenshot({ path: 'test-results/screenshots/40-goods-receipt-field-error.png' });

  await page.keyboard.press('Control+A');
  await page.keyboard.type('12/28');
  await expect(gr.fieldErrors(1)).toHaveCount(0);
  const receiptId = await gr.post();
  expect(receiptId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.getByTestId('gr-posted')).toContainText('syncs to the office');
  const row = page.getByTestId('gr-recent-row').first();
  await expect(row).toContainText('Bharat Homoeo Distributors');
  await expect(row).toContainText('Waiting to sync');
  await expect(gr.lines()).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/41-goods-receipt-posted.png' });

  // The new batch is on sale at once: back to the sell screen (Esc) and search.
  await page.keyboard.press('Escape');
  const sell = new SellPage(page);
  await expect(sell.search).toBeVisible();
  await sell.search.fill('thuja 30');
  const hit = page.getByTestId('search-result').filter({ hasText: scanned.name }).first();
  await expect(hit).toContainText(`${before + qty + 2} in stock`);
  await page.screenshot({ path: 'test-results/screenshots/42-sell-shows-received-stock.png' });
  await sell.search.press('Escape');

  // Write the whole lot down: above the threshold, so the manager's PIN; a wrong one is refused first.
  await gr.open('stock-adjust');
  await page.getByTestId('adj-reason').selectOption('damage');
  await page.getByTestId('adj-note').fill('Carton soaked in transit');
  await page.getByTestId('adj-product').focus();
  await page.keyboard.type(scanned.barcode, { delay: 5 });
  await page.keyboard.press('Enter');
  const line = page.getByTestId('adj-line');
  await expect(line).toHaveCount(1);
  const batchOption = line.getByTestId('adj-batch').locator('option', { hasText: batchNo });
  await line.getByTestId('adj-batch').selectOption({ label: (await batchOption.innerText()).trim() });
  await line.getByTestId('adj-qty').fill(String(-(qty + 2)));
  await expect(page.getByTestId('adj-approval')).toContainText('Above the approval threshold');
  await page.getByTestId('adj-post').click();
  const dialog = page.getByTestId('adj-approve');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('adj-approver')).toContainText('Meera Iyer');
  await page.getByTestId('adj-pin').fill('1234');
  await page.getByTestId('adj-pin').press('Enter');
  await expect(page.getByTestId('adj-pin-error')).toContainText('Wrong PIN');
  await expect(page.getByTestId('adj-recent-row')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/43-adjustment-wrong-pin.png' });

  await page.getByTestId('adj-pin').fill('9999');
  await page.getByTestId('adj-pin').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('adj-message')).toContainText('Adjustment posted');
  const adjusted = page.getByTestId('adj-recent-row').first();
  await expect(adjusted).toContainText('Meera Iyer');
  await expect(adjusted).toContainText(`-${qty + 2}`);
  await expect(adjusted).toContainText('above threshold');
  await page.screenshot({ path: 'test-results/screenshots/44-adjustment-approved.png' });
  const after = (await api.call<{ productId: string; stockQty: number }[]>('catalog.search', { query: 'thuja 30', limit: 20 })).find((h) => h.productId === scanned.productId)?.stockQty;
  expect(after).toBe(before);

  // Alerts: expired batches still in stock are listed, and "Write off" fills in an expiry write-off.
  await gr.tab('stock-alerts');
  const expired = page.getByTestId('alerts-expired-row');
  await expect(expired.first()).toBeVisible();
  const first = (await expired.first().innerText()).split('\t')[0] ?? '';
  await page.screenshot({ path: 'test-results/screenshots/44b-stock-alerts.png' });
  await expired.first().getByTestId('alert-write-off').click();
  await expect(page.getByTestId('stock-adjust')).toBeVisible();
  await expect(page.getByTestId('adj-reason')).toHaveValue('expiry_write_off');
  await expect(page.getByTestId('adj-line')).toHaveCount(1);
  await expect(page.getByTestId('adj-line')).toContainText(first.split(' ').slice(0, 2).join(' '));
  await expect(page.getByTestId('adj-line').getByTestId('adj-qty')).toHaveValue(/^-\d+$/);
});

test('a manager sets a reorder level in the alerts tab, exports the list, and adjusts below the threshold on her own authority', async ({ page, request }) => {
  const api = new ApiClient(request);
  await api.loginAs('Meera Iyer', '9999');
  const product = await api.topHit('ignatia 200');
  const onHand = (await api.call<{ productId: string; stockQty: number }[]>('catalog.search', { query: 'ignatia 200', limit: 20 })).find((h) => h.productId === product.productId)?.stockQty ?? 0;

  await new LoginPage(page).loginAs('Meera Iyer', '9999');
  const gr = new GoodsReceiptPage(page);
  await gr.open('stock-alerts');
  await page.getByTestId('reorder-product').fill('ignatia 200');
  await expect(page.getByTestId('reorder-product-result').first()).toContainText(product.name);
  await page.getByTestId('reorder-product').press('Enter');
  const row = page.getByTestId('reorder-row').filter({ hasText: product.name });
  await row.getByTestId('reorder-level').fill(String(onHand + 10));
  await row.getByTestId('reorder-level').press('Enter');
  await expect(page.getByText(`Reorder level of ${product.name} set to ${onHand + 10}.`)).toBeVisible();
  await expect(row).toContainText('10');
  const download = page.waitForEvent('download');
  await page.getByTestId('alerts-reorder-export').click();
  const csv = parseCsv(await readFile(await (await download).path(), 'utf8').then((t) => t.replace(/^\uFEFF/, '')));
  expect(csv.find((r) => r[0] === product.name)).toEqual([product.name, expect.any(String), expect.any(String), String(onHand), String(onHand + 10), '10']);

  await gr.tab('stock-adjust');
  await page.getByTestId('adj-reason').selectOption('sample');
  await page.getByTestId('adj-product').fill('ignatia 200');
  await expect(page.getByTestId('adj-product-result').first()).toContainText(product.name);
  await page.getByTestId('adj-product').press('Enter');
  await page.getByTestId('adj-qty').fill('-1');
  await expect(page.getByTestId('adj-approval')).toContainText('Within your authority');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('adj-message')).toContainText('Adjustment posted');
  await expect(page.getByTestId('adj-approve')).toHaveCount(0);
  await expect(page.getByTestId('adj-recent-row').first()).toContainText('Sample');
  await expect(page.getByTestId('adj-recent-row').first()).toContainText('Meera Iyer');

  // Leave the shared demo counter as it was: the level cleared.
  await gr.tab('stock-alerts');
  await row.getByTestId('reorder-level').fill('0');
  await row.getByTestId('reorder-level').press('Enter');
  await expect(page.getByText('Reorder level cleared.')).toBeVisible();
});
