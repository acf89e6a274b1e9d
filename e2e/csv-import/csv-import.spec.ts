import { expect, test } from '@playwright/test';
import { ApiClient } from '../pages/api-client.js';
import { ImportPage } from '../pages/import-page.js';
import { LoginPage } from '../pages/login-page.js';

interface Hit {
  productId: string;
  sku: string;
  name: string;
  brand: string;
  form: string;
  packSize: string;
  stockQty: number;
}

test.describe('opening stock from a CSV file', () => {
  test('a manager uploads a file with one bad row, reads the error, fixes the file, commits, and the stock sells', async ({ page, request }) => {
    const api = new ApiClient(request);
    await api.loginAs('Meera Iyer', '9999');
    // Products of this spec only: Hypericum 1M, which the other flows never sell or receive.
    const hits = (await api.call<Hit[]>('catalog.search', { query: 'hypericum 1m', limit: 20 })).filter((h) => h.name.includes('1M'));
    const [first, second] = hits;
    if (first === undefined || second === undefined) throw new Error('need two Hypericum 1M products');
    const lot = `E2E${Date.now().toString(36).toUpperCase()}`;
    const header = 'SKU,Batch No,Expiry,Qty,Cost,MRP';
    const good = `${first.sku},${lot}-A,31/12/2029,17,42.50,`;
    const bad = `${second.sku},${lot}-B,31/02/2029,5,40,`;
    const fixed = `${second.sku},${lot}-B,28/02/2029,5,40,`;

    await new LoginPage(page).loginAs('Meera Iyer', '9999');
    const imports = new ImportPage(page);
    await imports.open();
    await imports.choose('openingStock');

    await imports.upload('opening-stock.csv', [header, good, bad].join('\r\n'));
    await expect(imports.summary()).toContainText('1 with errors');
    await expect(imports.errorRows()).toHaveCount(1);
    await expect(imports.errorRows().first()).toContainText('3');
    await expect(imports.errorRows().first()).toContainText('Expiry');
    await expect(imports.errorRows().first()).toContainText('31/02/2029');
    await expect(imports.commitButton()).toBeDisabled();
    await page.screenshot({ path: 'test-results/screenshots/70-import-errors.png', fullPage: true });
    const report = await imports.download('import-error-report');
    expect(report.slice(1)).toEqual([['3', 'Expiry', '"31/02/2029" is not a real calendar date.']]);

    await imports.upload('opening-stock-fixed.csv', [header, good, fixed].join('\r\n'));
    await expect(imports.summary()).toContainText('0 with errors');
    await expect(page.getByTestId('import-sample')).toContainText(`${lot}-A`);
    await expect(page.getByTestId('import-sample')).toContainText('2029-02-28');
    await page.screenshot({ path: 'test-results/screenshots/71-import-preview.png', fullPage: true });

    await imports.commit();
    await expect(page.getByTestId('import-done')).toContainText('2 batches, 22 packs');
    await page.screenshot({ path: 'test-results/screenshots/72-import-done.png', fullPage: true });
    // The stock export lists the new lots per batch, in columns the opening-stock import reads.
    const exported = await imports.download('import-export-stock');
    expect(exported[0]).toEqual(['sku', 'barcode', 'batch no', 'expiry', 'qty', 'cost', 'mrp', 'name']);
    expect(exported.find((r) => r[2] === `${lot}-A`)?.slice(3, 6)).toEqual(['2029-12-31', '17', '42.50']);

    await imports.backToSelling();
    await page.getByTestId('search').fill('hypericum 1m');
    const row = page.getByTestId('search-result').filter({ hasText: first.name }).filter({ hasText: `${first.form} · ${first.packSize}` }).filter({ hasText: first.brand });
    await expect(row).toContainText(`${first.stockQty + 17} in stock`);
    await page.screenshot({ path: 'test-results/screenshots/73-import-stock-on-sell.png', fullPage: true });
  });
});
