import { expect, type Locator, type Page } from '@playwright/test';

/** Back office → Returns (F5 from the counter): find an invoice, return part of it, the credit note. */
export class ReturnsPage {
  readonly search: Locator;

  constructor(private readonly page: Page) {
    this.search = page.getByTestId('returns-search');
  }

  /** F5 from the sell screen opens the back office on the Returns tab. */
  async openFromCounter(): Promise<void> {
    await this.page.keyboard.press('F5');
    await expect(this.page.getByTestId('office-tab-returns')).toHaveAttribute('aria-selected', 'true');
    await expect(this.search).toBeFocused();
  }

  /** Types (or scans) the invoice number and Enter: a single match opens at once. */
  async find(query: string): Promise<void> {
    await this.search.focus();
    await this.page.keyboard.type(query, { delay: 5 });
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByTestId('returns-form')).toBeVisible();
  }

  qty(lineNo: number): Locator {
    return this.page.getByTestId(`returns-qty-${String(lineNo)}`);
  }

  async returnQty(lineNo: number, qty: number, reason: string): Promise<void> {
    await this.qty(lineNo).fill(String(qty));
    await this.page.getByTestId('returns-reason').fill(reason);
  }

  async submit(): Promise<void> {
    await this.page.getByTestId('returns-reason').press('Enter');
    await expect(this.page.getByTestId('credit-note-no')).toBeVisible();
  }
}
