import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { parseCsv } from '../../shared/src/reports/csv.js';
import { ApiClient, paiseFromText } from '../pages/api-client.js';
import { LoginPage } from '../pages/login-page.js';
import { ReturnsPage } from '../pages/returns-page.js';
import { SellPage } from '../pages/sell-page.js';

test.describe('a cashier returns part of an invoice for cash', () => {
  test('sells 2 units, opens Returns with F5, finds the invoice by number, returns 1, and prints the credit note with its number and tax', async ({ page, request }) => {
    // Printing opens the browser's dialog: count the calls instead.
    await page.addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    const api = new ApiClient(request);
    await api.loginAs('Asha Nair', '1111');
    const product = await api.topHit('sepia 200');

    await new LoginPage(page).loginAs('Asha Nair', '1111');
    const sell = new SellPage(page);
    await sell.addBySearch('sepia 200', product.name);
    await sell.search.focus();
    await page.keyboard.press('+');
    await expect(page.getByTestId('line-qty').first()).toHaveValue('2');
    await sell.payCash('1000');
    await sell.complete();
    const invoiceNo = (await page.getByTestId('invoice-no').innerText()).trim();
    const saleTotal = paiseFromText(await page.getByTestId('invoice-total').innerText());
    await sell.newSale();

    const returns = new ReturnsPage(page);
    await returns.openFromCounter();
    await page.screenshot({ path: 'test-results/screenshots/53-returns-search.png', fullPage: true });
    await returns.find(invoiceNo);
    await expect(page.getByTestId('returns-invoice-no')).toHaveText(invoiceNo);
    // A quantity beyond what was sold is marked and changes nothing.
    await returns.qty(1).fill('3');
    await expect(page.getByTestId('returns-form')).toContainText('At most 2.');
    await returns.returnQty(1, 1, 'Wrong potency');
    await expect(page.getByTestId('returns-refund')).toHaveValue('cash');
    const preview = paiseFromText(await page.getByTestId('returns-preview').locator('strong').innerText());
    expect(preview).toBeGreaterThan(0);
    expect(preview).toBeLessThan(saleTotal);
    await page.screenshot({ path: 'test-results/screenshots/54-returns-lines.png', fullPage: true });
    await returns.submit();

    const creditNoteNo = (await page.getByTestId('credit-note-no').innerText()).trim();
    expect(creditNoteNo).toMatch(/^[A-Z0-9-]{1,4}\/\d{4}\/CN\d{4}$/);
    expect(creditNoteNo.length).toBeLessThanOrEqual(16);
    await expect(page.getByTestId('credit-note-invoice')).toHaveText(invoiceNo);
    await expect(page.getByTestId('credit-note-refund')).toHaveText('Refunded by cash');
    const total = paiseFromText(await page.getByTestId('credit-note-total').innerText());
    const taxable = paiseFromText(await page.getByTestId('credit-note-taxable').innerText());
    const cgst = paiseFromText(await page.getByTestId('credit-note-cgst').innerText());
    const sgst = paiseFromText(await page.getByTestId('credit-note-sgst').innerText());
    expect(total).toBe(preview);
    // One of two units at the same price: exactly half of the invoice, no paisa lost to rounding.
    expect(total * 2).toBe(saleTotal);
    expect(taxable + cgst + sgst).toBe(total);
    expect(cgst).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/screenshots/55-credit-note-80mm.png', fullPage: true });
    await page.getByTestId('returns-print').click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('office-tab-returns')).toBeHidden();
    await page.screenshot({ path: 'test-results/screenshots/56-credit-note-print.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // Back to the list: the credit note is there, and the invoice has one unit left to return.
    await page.keyboard.press('Enter');
    await expect(returns.search).toBeFocused();
    await expect(page.getByTestId('returns-note-row').filter({ hasText: creditNoteNo })).toHaveCount(1);
    await page.screenshot({ path: 'test-results/screenshots/57-returns-list.png', fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('returns-csv').click()]);
    const csv = parseCsv((await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, ''));
    const row = csv.find((r) => r[0] === creditNoteNo);
    expect(row?.slice(2, 5)).toEqual([invoiceNo, '', 'Cash']);
    expect(Math.round(Number(row?.[7]) * 100)).toBe(total);
    await returns.find(invoiceNo);
    await expect(returns.qty(1)).toHaveAttribute('placeholder', '0–1');
    const sale = await api.call<{ lines: { returnedQty: number; returnableQty: number }[] }>('return.sale', {
      saleId: (await api.call<{ saleId: string }[]>('return.find', { query: invoiceNo }))[0]?.saleId,
    });
    expect(sale.lines).toMatchObject([{ returnedQty: 1, returnableQty: 1 }]);
    // Reprint from the list shows the same credit note.
    await page.keyboard.press('Escape');
    await page.getByTestId('returns-note-row').filter({ hasText: creditNoteNo }).click();
    await expect(page.getByTestId('credit-note-no')).toHaveText(creditNoteNo);
    expect(paiseFromText(await page.getByTestId('credit-note-total').innerText())).toBe(total);
  });
});
