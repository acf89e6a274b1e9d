import { expect, type Locator, type Page } from '@playwright/test';

/** The back office's stock tabs: goods receipt, adjustments (with the manager PIN), stock alerts. */
export class GoodsReceiptPage {
  constructor(private readonly page: Page) {}

  /** F3 from the sell screen, then the tab. */
  async open(tab: 'goods-receipt' | 'stock-adjust' | 'stock-alerts' = 'goods-receipt'): Promise<void> {
    await this.page.getByTestId('search').press('F3');
    await expect(this.page.getByTestId('office-screen')).toBeVisible();
    await this.tab(tab);
  }

  async tab(tab: 'goods-receipt' | 'stock-adjust' | 'stock-alerts'): Promise<void> {
    await this.page.getByTestId(`office-tab-${tab}`).click();
    await expect(this.page.getByTestId(tab)).toBeVisible();
  }

  async header(supplier: string, invoiceNo: string): Promise<void> {
    await this.page.getByTestId('gr-supplier').fill(supplier);
    await this.page.getByTestId('gr-supplier').press('Enter');
    await expect(this.page.getByTestId('gr-supplierInvoiceNo')).toBeFocused();
    await this.page.keyboard.type(invoiceNo);
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Enter'); // the date defaults to today
    await expect(this.page.getByTestId('gr-product')).toBeFocused();
  }

  /** A keyboard-wedge scanner in the product box: fast digits, then Enter; the new line's batch field takes the focus. */
  async scan(barcode: string): Promise<void> {
    const before = await this.lines().count();
    await this.page.getByTestId('gr-product').focus();
    await this.page.keyboard.type(barcode, { delay: 5 });
    await this.page.keyboard.press('Enter');
    await expect(this.lines()).toHaveCount(before + 1);
    await expect(this.field(before, 'batchNo')).toBeFocused();
  }

  async search(query: string, expectedName: string): Promise<void> {
    const before = await this.lines().count();
    await this.page.getByTestId('gr-product').fill(query);
    await expect(this.page.getByTestId('gr-product-result').first()).toContainText(expectedName);
    await this.page.getByTestId('gr-product').press('Enter');
    await expect(this.lines()).toHaveCount(before + 1);
    await expect(this.field(before, 'batchNo')).toBeFocused();
  }

  /** Types the line's fields in order, Enter after each (the keyboard flow); a value of null keeps the default. */
  async typeLine(values: { batchNo: string; expiry: string; qty: string; freeQty: string; cost: string | null; mrp: string | null }): Promise<void> {
    for (const field of ['batchNo', 'expiry', 'qty', 'freeQty', 'cost', 'mrp'] as const) {
      const value = values[field];
      if (value !== null) {
        await this.page.keyboard.press('Control+A');
        await this.page.keyboard.type(value);
      }
      await this.page.keyboard.press('Enter');
    }
    await expect(this.page.getByTestId('gr-product')).toBeFocused();
  }

  lines(): Locator {
    return this.page.getByTestId('gr-line');
  }

  field(line: number, field: 'batchNo' | 'expiry' | 'qty' | 'freeQty' | 'cost' | 'mrp'): Locator {
    return this.lines().nth(line).getByTestId(`gr-line-${field}`);
  }

  fieldErrors(line: number): Locator {
    return this.lines().nth(line).getByTestId('gr-field-error');
  }

  /** Ctrl+Enter posts; answers the receipt id shown. */
  async post(): Promise<string> {
    await this.page.keyboard.press('Control+Enter');
    await expect(this.page.getByTestId('gr-posted')).toBeVisible();
    return (await this.page.getByTestId('gr-receipt-id').innerText()).trim();
  }
}
