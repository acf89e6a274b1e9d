import { expect, test } from '@playwright/test';
import { ApiClient, paiseFromText } from '../pages/api-client.js';
import { LoginPage } from '../pages/login-page.js';
import { SellPage } from '../pages/sell-page.js';
import { countFor, ShiftPage } from '../pages/shift-page.js';

test.describe('a cashier’s shift from float to Z report', () => {
  test('opens with a float, sells for cash, takes cash out, reads the X report and closes short with a manager’s approval', async ({ page, request }) => {
    const api = new ApiClient(request);
    await api.loginAs('Asha Nair', '1111');
    const product = await api.topHit('pulsatilla 30');

    await new LoginPage(page).loginAs('Asha Nair', '1111');
    const shift = new ShiftPage(page);
    await expect(shift.chip()).toHaveText('No shift open');
    await shift.open();
    await shift.openShift('2000');
    await expect(shift.chip()).toHaveText(/^Shift open since \d\d:\d\d · Asha Nair$/);
    await expect(page.getByTestId('shift-expected-live')).toHaveText('₹2,000.00');
    await page.screenshot({ path: 'test-results/screenshots/58-shift-open.png', fullPage: true });

    // A cash sale at the counter.
    await page.keyboard.press('Escape');
    const sell = new SellPage(page);
    await sell.addBySearch('pulsatilla 30', product.name);
    await sell.payCash('1000');
    await sell.complete();
    const saleTotal = paiseFromText(await page.getByTestId('invoice-total').innerText());
    await sell.newSale();

    await shift.open();
    await shift.cashOut('Petty expense', '150', 'courier charges');
    const expected = 200_000 + saleTotal - 15_000;
    expect(await shift.amount('shift-expected-live')).toBe(expected);

    await shift.xReport();
    await expect(page.getByTestId('shift-report-no')).toHaveText(/^X C1-S\d{4}\.1$/);
    expect(await shift.amount('shift-expected')).toBe(expected);
    expect(await shift.amount('shift-sales-total')).toBe(saleTotal);
    await expect(shift.report()).toContainText('Petty expense');
    await page.screenshot({ path: 'test-results/screenshots/59-x-report.png', fullPage: true });
    await shift.doneWithReport();

    // The drawer is ₹250 short: above the ₹100 threshold.
    await shift.count(countFor(expected - 25_000));
    expect(paiseFromText(await page.getByTestId('close-counted').innerText())).toBe(expected - 25_000);
    await expect(page.getByTestId('close-variance')).toHaveText('-₹250.00 short');
    await expect(page.getByTestId('close-approval')).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/60-close-needs-approval.png', fullPage: true });

    await shift.approveAndClose('Meera Iyer', '0000');
    await expect(shift.error()).toContainText('Wrong PIN');
    await expect(page.getByTestId('shift-close-form')).toBeVisible();
    await expect(shift.chip()).toHaveText(/Asha Nair$/); // still open
    await page.screenshot({ path: 'test-results/screenshots/61-close-wrong-pin.png', fullPage: true });

    await shift.approveAndClose('Meera Iyer', '9999');
    await expect(shift.report()).toBeVisible();
    await expect(page.getByTestId('shift-report-no')).toHaveText(/^Z C1-S\d{4}$/);
    expect(await shift.amount('shift-expected')).toBe(expected);
    expect(await shift.amount('shift-counted')).toBe(expected - 25_000);
    await expect(page.getByTestId('shift-variance')).toHaveText('-₹250.00 short');
    await expect(page.getByTestId('shift-approved-by')).toHaveText('Meera Iyer');
    await expect(shift.chip()).toHaveText('No shift open');
    await page.screenshot({ path: 'test-results/screenshots/62-z-report.png', fullPage: true });
  });
});
