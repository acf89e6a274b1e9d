import { expect, type Locator, type Page } from '@playwright/test';

export class SellPage {
  readonly search: Locator;

  constructor(private readonly page: Page) {
    this.search = page.getByTestId('search');
  }

  /** Types a query, waits for results, and adds the top one with Enter (the cashier's flow). */
  async addBySearch(query: string, expectedName?: string): Promise<void> {
    const before = await this.cartLines().count();
    await this.search.fill(query);
    const first = this.page.getByTestId('search-result').first();
    await expect(first).toBeVisible();
    if (expectedName !== undefined) await expect(first).toContainText(expectedName);
    await this.search.press('Enter');
    await expect(this.cartLines()).toHaveCount(before + 1);
  }

  /** A keyboard-wedge scanner: the digits arrive as fast keystrokes, then Enter. */
  async scan(barcode: string): Promise<void> {
    const before = await this.cartLines().count();
    await this.search.focus();
    await this.page.keyboard.type(barcode, { delay: 5 });
    await this.page.keyboard.press('Enter');
    await expect(this.cartLines()).toHaveCount(before + 1);
  }

  cartLines(): Locator {
    return this.page.getByTestId('cart-line');
  }

  async payCash(tenderedRupees: string): Promise<void> {
    await this.page.getByTestId('pay-button').click();
    await this.page.getByTestId('tendered').fill(tenderedRupees);
  }

  async complete(): Promise<void> {
    await this.page.getByTestId('complete-sale').click();
    await expect(this.page.getByTestId('invoice-no')).toBeVisible();
  }

  async newSale(): Promise<void> {
    await this.page.getByTestId('new-sale').click();
    await expect(this.search).toBeVisible();
    await expect(this.cartLines()).toHaveCount(0);
  }
}
