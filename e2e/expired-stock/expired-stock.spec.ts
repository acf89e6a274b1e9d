import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEMO_EXPIRED_SKU } from '../../shared/src/demo/demo-data.js';
import { E2E_DATA_DIR } from '../e2e-env.js';
import { ApiClient } from '../pages/api-client.js';
import { LoginPage } from '../pages/login-page.js';
import { SellPage } from '../pages/sell-page.js';

test('an expired batch is never offered or allocated at the counter', async ({ page, request }) => {
  // The facts come from the store itself, read-only: which batch of the product is expired.
  const db = new Database(join(E2E_DATA_DIR, 'similia.db'), { readonly: true, fileMustExist: true });
  const product = db.prepare(`SELECT id, barcode, name FROM products WHERE sku = ?`).get(DEMO_EXPIRED_SKU) as { id: string; barcode: string; name: string };
  const batches = db.prepare(`SELECT b.batch_no, b.expiry, s.qty FROM batches b JOIN batch_stock s ON s.batch_id = b.id WHERE b.product_id = ? ORDER BY b.expiry`).all(product.id) as { batch_no: string; expiry: string; qty: number }[];
  db.close();
  const api = new ApiClient(request);
  await api.loginAs('Asha Nair', '1111');
  const today = (await api.call<{ businessDate: string }>('app.info')).businessDate;
  const expired = batches.filter((b) => b.expiry < today);
  const good = batches.filter((b) => b.expiry >= today);
  expect(expired.length).toBeGreaterThan(0);
  expect(expired[0]?.qty).toBeGreaterThan(0); // there IS stock in the expired batch: it must still not be sold
  expect(good.length).toBeGreaterThan(0);

  await new LoginPage(page).loginAs('Asha Nair', '1111');
  const sell = new SellPage(page);
  await sell.scan(product.barcode);
  const line = sell.cartLines().first();
  await expect(line).toContainText(good[0]?.batch_no ?? 'missing');
  await expect(line).not.toContainText(expired[0]?.batch_no ?? 'missing');
  const options = await line.getByTestId('batch-select').locator('option').allInnerTexts();
  expect(options.join(' ')).not.toContain(expired[0]?.batch_no);
  expect(options.join(' ')).toContain(good[0]?.batch_no);
  await page.screenshot({ path: 'test-results/screenshots/07-expired-not-offered.png' });
});
