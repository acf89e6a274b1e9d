import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { parseCsv } from '../../shared/src/reports/csv.js';
import { LoginPage } from '../pages/login-page.js';
import { SellPage } from '../pages/sell-page.js';

// The demo office runs "Calendula Q: buy 2 get 1 free" on one product no other flow sells
// (shared/src/demo/demo-schemes.ts), so this spec changes nobody else's stock or totals.
test.describe('schemes from the office at the counter', () => {
  test('a cashier rings up three Calendula Q, the third comes free by itself, named on the line and on the invoice; the back office lists every scheme', async ({ page }) => {
    await new LoginPage(page).loginAs('Asha Nair', '1111');
    const sell = new SellPage(page);
    await sell.addBySearch('calendula q sbl', 'Calendula Officinalis Q Mother Tincture 30 ml');
    const line = sell.cartLines().first();
    await line.getByTestId('line-qty').fill('3');
    const note = line.getByTestId('scheme-note');
    await expect(note).toContainText('Scheme: Calendula Q: buy 2 get 1 free · 1 free −₹');
    // The discount box keeps the cashier's own (none): the scheme is not typed into it.
    await expect(line.getByTestId('line-discount')).toHaveValue('');
    await page.screenshot({ path: 'test-results/screenshots/67-schemes-cart.png', fullPage: true });

    await sell.payCash('1000');
    await sell.complete();
    const invoiceNote = page.locator('.invoice').getByTestId('scheme-note');
    await expect(invoiceNote).toHaveCount(1);
    await expect(invoiceNote).toContainText('Scheme: Calendula Q: buy 2 get 1 free · 1 free −₹');
    await page.screenshot({ path: 'test-results/screenshots/68-schemes-invoice.png', fullPage: true });
    await sell.newSale();

    await page.keyboard.press('F3');
    await page.getByTestId('office-tab-schemes').click();
    await expect(page.getByTestId('schemes-group-in_force').getByTestId('schemes-row')).toHaveCount(2);
    await expect(page.getByTestId('schemes-group-upcoming')).toContainText('Big bill 5% (₹2,000 and above)');
    await expect(page.getByTestId('schemes-group-expired')).toContainText('Dr. Reckeweg week: 10% off');
    await page.screenshot({ path: 'test-results/screenshots/69-schemes-office.png', fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('schemes-csv').click()]);
    const rows = parseCsv((await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, ''));
    expect(rows[0]?.slice(0, 4)).toEqual(['Status', 'Name', 'Target', 'Benefit']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(expect.arrayContaining(['Calendula Q: buy 2 get 1 free', 'Calendula 200C: 12% off', 'Big bill 5% (₹2,000 and above)', 'Dr. Reckeweg week: 10% off']));
  });
});
