import { expect, test } from '@playwright/test';
import { ApiClient, paiseFromText } from '../pages/api-client.js';
import { LoginPage } from '../pages/login-page.js';
import { SellPage } from '../pages/sell-page.js';

/** GST back-calculated from an MRP-inclusive net, as the law and our shared/ code do it. */
function expectedTax(nets: number[]): { taxable: number; cgst: number; sgst: number; total: number; roundOff: number } {
  let taxable = 0;
  let cgst = 0;
  let sgst = 0;
  for (const net of nets) {
    const lineTaxable = Math.round((net * 100) / 105);
    const tax = net - lineTaxable;
    taxable += lineTaxable;
    cgst += Math.ceil(tax / 2);
    sgst += tax - Math.ceil(tax / 2);
  }
  const exact = nets.reduce((a, b) => a + b, 0);
  const total = Math.round(exact / 100) * 100;
  return { taxable, cgst, sgst, total, roundOff: total - exact };
}

test.describe('a cashier sells three items for cash and prints a GST invoice', () => {
  test('search, barcode and potency shorthand; cash with change; correct CGST/SGST; survives a reload; next sale is consecutive', async ({ page, request }) => {
    const api = new ApiClient(request);
    await api.loginAs('Asha Nair', '1111');
    const bySearch = await api.topHit('arnica');
    const byBarcode = await api.topHit('calc carb 1m');
    const byShorthand = await api.topHit('nux v 200');

    const login = new LoginPage(page);
    await login.open();
    await page.screenshot({ path: 'test-results/screenshots/01-login.png' });
    await login.chooseStaff('Asha Nair');
    await login.enterPin('1111');
    const sell = new SellPage(page);
    await expect(sell.search).toBeFocused();

    await sell.addBySearch('arnica', bySearch.name);
    await sell.scan(byBarcode.barcode);
    await sell.addBySearch('nux v 200', byShorthand.name);
    await expect(sell.cartLines()).toHaveCount(3);
    await expect(sell.cartLines().nth(1)).toContainText(byBarcode.name);
    const expected = expectedTax([bySearch.mrpPaise, byBarcode.mrpPaise, byShorthand.mrpPaise]);
    await expect.poll(async () => paiseFromText(await page.getByTestId('cart-total').innerText())).toBe(expected.total);
    await page.screenshot({ path: 'test-results/screenshots/02-sell-cart.png' });

    const tendered = Math.ceil(expected.total / 100 / 500) * 500 + 500; // a note larger than the bill
    await sell.payCash(String(tendered));
    await expect.poll(async () => paiseFromText(await page.getByTestId('change').innerText())).toBe(tendered * 100 - expected.total);
    await page.screenshot({ path: 'test-results/screenshots/03-payment.png' });
    await sell.complete();

    const invoiceNo = (await page.getByTestId('invoice-no').innerText()).trim();
    expect(invoiceNo).toMatch(/^C1\/\d{4}\/\d{6}$/);
    expect(paiseFromText(await page.getByTestId('invoice-total').innerText())).toBe(expected.total);
    expect(paiseFromText(await page.getByTestId('invoice-taxable').innerText())).toBe(expected.taxable);
    expect(paiseFromText(await page.getByTestId('invoice-cgst').innerText())).toBe(expected.cgst);
    expect(paiseFromText(await page.getByTestId('invoice-sgst').innerText())).toBe(expected.sgst);
    expect(paiseFromText(await page.getByTestId('invoice-roundoff').innerText())).toBe(expected.roundOff);
    await expect(page.getByTestId('invoice-igst')).toHaveCount(0); // intra-state sale: no IGST column
    await expect(page.getByText('GST TAX INVOICE', { exact: false })).toBeVisible();
    await expect(page.getByText(/Rupees .* Only/)).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/04-invoice-80mm.png', fullPage: true });
    await page.getByTestId('paper-a4').click();
    await page.screenshot({ path: 'test-results/screenshots/05-invoice-a4.png', fullPage: true });

    // A reload keeps the session and the sale is still there with its number.
    await page.reload();
    await expect(sell.search).toBeVisible();
    await page.getByTestId('recent-sales').click();
    await expect(page.getByTestId('recent-sale-row').filter({ hasText: invoiceNo })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/06-recent-after-reload.png' });
    await page.keyboard.press('Escape');

    // A second sale takes the next number in the series.
    await sell.addBySearch('nux v 200', byShorthand.name);
    const second = expectedTax([byShorthand.mrpPaise]);
    await sell.payCash(String(Math.ceil(second.total / 10_000) * 100 + 100));
    await sell.complete();
    const nextNo = (await page.getByTestId('invoice-no').innerText()).trim();
    const seq = (no: string): number => Number(no.split('/')[2]);
    expect(nextNo.slice(0, 8)).toBe(invoiceNo.slice(0, 8));
    expect(seq(nextNo)).toBe(seq(invoiceNo) + 1);
  });
});
