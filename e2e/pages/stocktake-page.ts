import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';

export interface SheetRowFacts {
  batchId: string;
  productId: string;
  barcode: string;
  name: string;
  expected: number;
}

/** The back office's Stocktake tab: start a sheet, scan and type counts, read the variance, post. */
export class StocktakePage {
  constructor(private readonly page: Page) {}

  /** From the sell screen: F3, then the Stocktake tab. */
  async open(): Promise<void> {
    await this.page.keyboard.press('F3');
    await expect(this.page.getByTestId('office-screen')).toBeVisible();
    await this.page.getByTestId('office-tab-stocktake').click();
    await expect(this.page.getByTestId('stocktake-brand')).toBeVisible();
  }

  async start(brand: string, form: string): Promise<void> {
    await this.page.getByTestId('stocktake-brand').selectOption(brand);
    await this.page.getByTestId('stocktake-form').selectOption(form);
    await this.page.getByTestId('stocktake-start').click();
    await expect(this.page.getByTestId('stocktake-title')).toContainText(brand);
    await expect(this.page.getByTestId('stocktake-scan')).toBeFocused();
  }

  rows(): Locator {
    return this.page.getByTestId('stocktake-row');
  }

  row(batchId: string): Locator {
    return this.page.locator(`[data-testid="stocktake-row"][data-batch-id="${batchId}"]`);
  }

  async facts(): Promise<SheetRowFacts[]> {
    const out: SheetRowFacts[] = [];
    for (const row of await this.rows().all()) {
      out.push({
        batchId: (await row.getAttribute('data-batch-id')) ?? '',
        productId: (await row.getAttribute('data-product-id')) ?? '',
        barcode: (await row.getAttribute('data-barcode')) ?? '',
        name: (await row.locator('.item-name').innerText()).trim(),
        expected: Number(await row.getByTestId('stocktake-expected').innerText()),
      });
    }
    return out;
  }

  /** A keyboard-wedge scanner into the scan box: digits fast, then Enter. */
  async scan(barcode: string): Promise<void> {
    await this.page.getByTestId('stocktake-scan').focus();
    await this.page.keyboard.type(barcode, { delay: 5 });
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByTestId('stocktake-scan')).toHaveValue('');
  }

  /** Types a count into a row and presses Enter (which saves and moves on). */
  async type(batchId: string, qty: number): Promise<void> {
    const input = this.row(batchId).getByTestId('stocktake-count');
    await input.fill(String(qty));
    await input.press('Enter');
    await expect(this.row(batchId).getByTestId('stocktake-variance')).not.toHaveText('not counted');
  }

  async exportCsv(): Promise<{ filename: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('stocktake-csv').click()]);
    return { filename: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
  }
}
