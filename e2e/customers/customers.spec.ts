import { expect, test, type Page } from '@playwright/test';
import { LoginPage } from '../pages/login-page.js';
import { SellPage } from '../pages/sell-page.js';

/** '₹1,234.50' → 123450 paise. */
const paiseOf = (text: string): number => Math.round(Number(text.replace(/[₹,\s]/g, '')) * 100);

async function setEarnPerRupees(page: Page, rupees: string): Promise<void> {
  await page.keyboard.press('F3');
  await page.getByTestId('office-tab-customers').click();
  await page.getByTestId('loyalty-earnPer').fill(rupees);
  await page.getByTestId('loyalty-rule').getByRole('button', { name: 'Save rule' }).click();
  await expect(page.getByTestId('loyalty-saved')).toBeVisible();
  await page.keyboard.press('Escape');
}

test.describe('customers and loyalty', () => {
  test('a B2B customer from another state gets a B2B tax invoice with IGST; found by name later, they redeem points at payment and see their history', async ({ page }) => {
    test.setTimeout(150_000); // one long flow: two sales, the office twice, a reprint
    await new LoginPage(page).loginAs('Meera Iyer', '9999');
    const sell = new SellPage(page);
    // 1 point per ₹1 paid, so a small bill earns enough to redeem (restored at the end).
    await setEarnPerRupees(page, '1');

    await sell.addBySearch('arnica 30', 'Arnica Montana 30C');
    await page.keyboard.press('F4');
    await page.getByTestId('customer-phone').fill('97400 55501');
    await page.getByTestId('customer-phone').press('Enter');
    await page.getByTestId('customer-name').fill('Devika Menon Clinic');
    await page.getByTestId('customer-gstin').fill('27AAPFU0939F1ZV');
    await page.getByTestId('customer-name').press('Enter');
    await expect(page.locator('.customer-box')).toContainText('Devika Menon Clinic');
    await page.keyboard.press('F10');
    await page.getByText('exact amount').click();
    await sell.complete();
    await expect(page.getByTestId('invoice-title')).toHaveText('TAX INVOICE (B2B)');
    await expect(page.getByTestId('invoice-buyer-gstin')).toHaveText('27AAPFU0939F1ZV');
    await expect(page.getByTestId('invoice-igst')).toBeVisible();
    await expect(page.getByTestId('invoice-cgst')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screenshots/63-b2b-invoice-igst.png' });
    const firstTotal = paiseOf(await page.getByTestId('invoice-total').innerText());
    const firstInvoice = (await page.getByTestId('invoice-no').innerText()).trim();
    const earned = Math.floor(firstTotal / 100);
    await sell.newSale();

    await sell.addBySearch('nux v 200', 'Nux Vomica 200C');
    await page.keyboard.press('F4');
    await page.getByTestId('customer-phone').fill('devika');
    const hit = page.getByTestId('customer-hits').locator('li').first();
    await expect(hit).toContainText('Devika Menon Clinic');
    await expect(hit).toContainText(`${earned} pts`);
    await page.screenshot({ path: 'test-results/screenshots/64-customer-search-by-name.png' });
    await page.getByTestId('customer-phone').press('Enter');
    await expect(page.locator('.customer-box')).toContainText('Devika Menon Clinic');

    await page.keyboard.press('F10');
    await expect(page.getByTestId('pay-wallet')).toContainText(`${earned} points`);
    const rows = page.locator('.pay-row');
    await rows.nth(0).getByTestId('method-points').click();
    await page.getByTestId('amount-points').fill('10');
    await page.getByText('+ split payment').click();
    await rows.nth(1).getByRole('button', { name: 'Cash' }).click();
    await page.getByTestId('tendered').fill('1000');
    await expect(page.getByTestId('due')).toHaveText('₹0.00');
    await page.screenshot({ path: 'test-results/screenshots/65-redeem-points-at-payment.png' });
    await sell.complete();
    await expect(page.getByText(/Paid by points/)).toBeVisible();
    const secondTotal = paiseOf(await page.getByTestId('invoice-total').innerText());
    const secondInvoice = (await page.getByTestId('invoice-no').innerText()).trim();
    await sell.newSale();

    await page.keyboard.press('F3');
    await page.getByTestId('office-tab-customers').click();
    await page.getByTestId('customers-search').fill('menon');
    await expect(page.getByTestId('customers-row').first()).toContainText('Devika Menon Clinic');
    await page.getByTestId('customers-search').press('Enter');
    const panel = page.getByTestId('customer-panel');
    await expect(panel).toContainText('B2B');
    await expect(page.getByTestId('customer-points')).toHaveText(String(earned - 10 + Math.floor((secondTotal - 1000) / 100)));
    await expect(page.getByTestId('customer-history')).toContainText(firstInvoice);
    await expect(page.getByTestId('customer-history')).toContainText(secondInvoice);
    await page.screenshot({ path: 'test-results/screenshots/66-customer-history-and-points.png' });

    // Reprint the first invoice from the history; back in the office afterwards.
    await page.getByTestId('customer-history').locator('tr', { hasText: firstInvoice }).getByTestId('customer-reprint').click();
    await expect(page.getByTestId('invoice-no')).toHaveText(firstInvoice);
    await expect(page.getByTestId('invoice-title')).toHaveText('TAX INVOICE (B2B)');
    await page.keyboard.press('Escape');
    await expect(panel).toBeVisible();
    await page.keyboard.press('Escape');
    await setEarnPerRupees(page, '100');
  });
});
