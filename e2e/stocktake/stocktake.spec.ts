import { expect, test } from '@playwright/test';
import { parseCsv } from '../../shared/src/reports/csv.js';
import { ApiClient } from '../pages/api-client.js';
import { LoginPage } from '../pages/login-page.js';
import { StocktakePage } from '../pages/stocktake-page.js';

// A brand and form of its own: no other spec sells Boiron ointments, and each has one batch, so
// the sell screen's stock of a product is exactly its batch's level.
const BRAND = 'Boiron';
const FORM = 'ointment';

interface Batch { batchId: string; qty: number }

test.describe('stocktake with variance', () => {
  test('a manager counts a brand by scan and by hand, sees a shortage and an excess, posts once, and the counter sells from the count', async ({ page, request }) => {
    const login = new LoginPage(page);
    await login.loginAs('Meera Iyer', '9999');
    const stocktake = new StocktakePage(page);
    await stocktake.open();
    await page.screenshot({ path: 'test-results/screenshots/45-stocktake-start.png', fullPage: true });

    await stocktake.start(BRAND, FORM);
    const rows = await stocktake.facts();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.expected >= 3)).toBe(true);

    const api = new ApiClient(request);
    await api.loginAs('Asha Nair', '1111');
    const [short, over, same] = rows as [(typeof rows)[number], (typeof rows)[number], (typeof rows)[number]];

    // Two packs of `short` are scanned, then the pharmacist finds the shelf holds expected − 2 and types it.
    await stocktake.scan(short.barcode);
    await stocktake.scan(short.barcode);
    await expect(stocktake.row(short.batchId).getByTestId('stocktake-count')).toHaveValue('2');
    await expect(stocktake.row(short.batchId)).toHaveClass(/row-active/);
    await stocktake.type(short.batchId, short.expected - 2);
    await stocktake.type(over.batchId, over.expected + 3);
    await stocktake.type(same.batchId, same.expected);

    // A sale of `over` at the counter after the snapshot: it must still apply on top of the count.
    const lines = [{ lineId: 'st1', productId: over.productId, qty: 1, discountPaise: 0, batchOverrideId: over.batchId }];
    const quote = await api.call<{ totals: { totalPaise: number } }>('sale.quote', { lines });
    await api.call('sale.complete', { clientRequestId: `stocktake-e2e-${Date.now()}`, lines, payments: [{ method: 'cash', amountPaise: quote.totals.totalPaise }] });

    await expect(stocktake.row(short.batchId).getByTestId('stocktake-variance')).toHaveText('−2');
    await expect(stocktake.row(over.batchId).getByTestId('stocktake-variance')).toHaveText('+3');
    await expect(stocktake.row(same.batchId).getByTestId('stocktake-variance')).toHaveText('0');
    await expect(page.getByTestId('stocktake-shortages')).toHaveText('1 · 2 packs');
    await expect(page.getByTestId('stocktake-excesses')).toHaveText('1 · 3 packs');
    await page.screenshot({ path: 'test-results/screenshots/46-stocktake-counting.png', fullPage: true });

    await page.getByTestId('stocktake-filter-variance').click();
    await expect(stocktake.rows()).toHaveCount(2);
    await page.screenshot({ path: 'test-results/screenshots/47-stocktake-variance.png', fullPage: true });
    const csv = await stocktake.exportCsv();
    expect(csv.filename).toMatch(/^similia-stocktake-boiron-ointment-\d{4}-\d{2}-\d{2}\.csv$/);
    const table = parseCsv(csv.text.replace(/^\uFEFF/, ''));
    const shortRow = table.find((r) => r[0] === short.name);
    expect(shortRow?.slice(4, 8)).toEqual([String(short.expected), String(short.expected - 2), '-2', 'Short']);
    expect(table.at(-1)?.slice(0, 8)).toEqual(['TOTAL', '', `${rows.length} of ${rows.length} counted`, '', '', '', '1', '1 short, 1 excess']);

    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('stocktake-confirm-dialog')).toBeVisible();
    await expect(page.getByTestId('stocktake-post')).toContainText('Post 2 adjustments');
    await page.screenshot({ path: 'test-results/screenshots/48-stocktake-confirm.png', fullPage: true });
    await page.getByTestId('stocktake-post').click();
    await expect(page.getByTestId('stocktake-status')).toContainText('posted by Meera Iyer');
    await expect(page.getByTestId('stocktake-confirm')).toHaveCount(0);

    // Shown stock = counted + movements after the snapshot: `over` was counted expected + 3, then 1 sold.
    const levelOf = async (row: (typeof rows)[number]): Promise<number> =>
      (await api.call<Batch[]>('catalog.batches', { productId: row.productId })).find((b) => b.batchId === row.batchId)?.qty ?? NaN;
    expect(await levelOf(short)).toBe(short.expected - 2);
    expect(await levelOf(over)).toBe(over.expected + 3 - 1);
    expect(await levelOf(same)).toBe(same.expected);

    // Back at the counter, the search shows the counted figure.
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('search')).toBeVisible();
    await page.getByTestId('search').fill(`${over.name.split(' ').slice(0, 2).join(' ')} ${BRAND}`.toLowerCase());
    const result = page.getByTestId('search-result').filter({ hasText: over.name }).filter({ hasText: BRAND }).first();
    await expect(result).toContainText(`${over.expected + 2} in stock`);
    await page.screenshot({ path: 'test-results/screenshots/49-stocktake-sell-stock.png', fullPage: true });
  });

  test('a pharmacist counts, and a manager confirms with a PIN at the same counter', async ({ page }) => {
    const login = new LoginPage(page);
    await login.loginAs('Ravi Kumar', '2222');
    const stocktake = new StocktakePage(page);
    await stocktake.open();
    await stocktake.start('R.S. Bhargava', 'ointment');
    const [first] = await stocktake.facts();
    if (first === undefined) throw new Error('no batch on the sheet');
    await stocktake.type(first.batchId, first.expected + 1);
    await expect(page.getByTestId('stocktake-confirm')).toContainText('Ask a manager to confirm');
    await page.getByTestId('stocktake-confirm').click();
    await page.getByTestId('stocktake-manager').selectOption({ label: 'Meera Iyer' });
    await page.getByTestId('stocktake-manager-pin').fill('0000');
    await page.getByTestId('stocktake-manager-pin').press('Enter');
    await expect(page.getByTestId('stocktake-confirm-dialog').getByRole('alert')).toBeVisible();
    await expect(page.getByTestId('stocktake-status')).toHaveText('counting');
    await page.getByTestId('stocktake-manager-pin').fill('9999');
    await page.getByTestId('stocktake-manager-pin').press('Enter');
    await expect(page.getByTestId('stocktake-status')).toContainText('posted by Ravi Kumar');
    await expect(stocktake.row(first.batchId)).toContainText(String(first.expected + 1));
  });
});
