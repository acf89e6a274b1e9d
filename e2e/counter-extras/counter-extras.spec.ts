import { expect, test } from '@playwright/test';
import { LoginPage } from '../pages/login-page.js';
import { SellPage } from '../pages/sell-page.js';

test.describe('more of a counter day', () => {
  test('hold and recall a cart, create a customer on the spot, and split the payment between card and cash', async ({ page }) => {
    await new LoginPage(page).loginAs('Asha Nair', '1111');
    const sell = new SellPage(page);
    await sell.addBySearch('arnica 30', 'Arnica Montana 30C');
    await page.keyboard.press('F8');
    await expect(page.getByText('Sale held. F9 recalls it.')).toBeVisible();
    await expect(sell.cartLines()).toHaveCount(0);
    await expect(sell.search).toBeFocused();
    await page.keyboard.press('F9');
    await expect(page.getByRole('dialog', { name: 'Held sales' }).locator('li').first()).toContainText('1 items');
    await page.keyboard.press('Enter');
    await expect(sell.cartLines()).toHaveCount(1);
    await expect(sell.cartLines().first()).toContainText('Arnica Montana 30C');

    await page.keyboard.press('F4');
    await page.getByTestId('customer-phone').fill('98450 12345');
    await page.getByTestId('customer-phone').press('Enter');
    await page.getByTestId('customer-name').fill('Lakshmi Rao');
    await page.getByTestId('customer-name').press('Enter');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.locator('.customer-box')).toContainText('Lakshmi Rao');

    await page.keyboard.press('F10');
    const rows = page.locator('.pay-row');
    await rows.nth(0).getByRole('button', { name: 'Card' }).click();
    await page.getByTestId('amount-card').fill('50');
    await page.getByText('+ split payment').click();
    await rows.nth(1).getByRole('button', { name: 'Cash' }).click();
    await page.getByTestId('tendered').fill('500');
    await expect(page.getByTestId('due')).toHaveText('₹0.00');
    await page.screenshot({ path: 'test-results/screenshots/09-split-payment.png' });
    await sell.complete();
    await expect(page.getByText('Bill to Lakshmi Rao (9845012345)')).toBeVisible();
    await expect(page.getByText(/Paid by card/)).toBeVisible();
    await expect(page.getByText(/Paid by cash \(tendered ₹500\.00\)/)).toBeVisible();
  });

  test('a manager voids a sale from the recent list; the number stays used', async ({ page }) => {
    await new LoginPage(page).loginAs('Asha Nair', '1111');
    const sell = new SellPage(page);
    await sell.addBySearch('nux v 200', 'Nux Vomica 200C');
    await page.keyboard.press('F10');
    await page.getByText('exact amount').click();
    await sell.complete();
    const invoiceNo = (await page.getByTestId('invoice-no').innerText()).trim();
    await sell.newSale();
    const waiting = async (): Promise<number> => Number(/(\d+) waiting/.exec(await page.getByTestId('sync-chip').innerText())?.[1]);
    const before = await waiting();

    await page.getByTestId('recent-sales').click();
    const row = page.getByTestId('recent-sale-row').filter({ hasText: invoiceNo });
    await row.getByRole('button', { name: 'void' }).click();
    await page.getByPlaceholder(/customer changed mind/).fill('wrong potency picked');
    await page.getByLabel('Manager PIN').fill('1234');
    await page.getByRole('button', { name: 'Void sale' }).click();
    await expect(page.getByText(/Wrong PIN/)).toBeVisible();
    await page.getByLabel('Manager PIN').fill('9999');
    await page.getByRole('button', { name: 'Void sale' }).click();
    await expect(row).toContainText('voided');
    // The void is a new fact queued for sync, and the chip says so at once.
    await expect.poll(waiting).toBe(before + 1);
    await page.screenshot({ path: 'test-results/screenshots/10-voided.png' });
  });
});
