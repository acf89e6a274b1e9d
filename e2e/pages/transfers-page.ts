import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';

/** The back office's Transfers tab (F3, then the Transfers tab). */
export class TransfersPage {
  constructor(private readonly page: Page) {}

  get tab(): Locator {
    return this.page.getByTestId('transfers-tab');
  }

  async open(): Promise<void> {
    await this.page.keyboard.press('F3');
    await expect(this.page.getByTestId('office-screen')).toBeVisible();
    await this.page.getByTestId('office-tab-transfers').click();
    await expect(this.tab).toBeVisible();
  }

  async view(id: 'incoming' | 'send' | 'sent'): Promise<void> {
    await this.page.getByTestId(`transfers-view-${id}`).click();
  }

  /** Searches a product by keyboard, takes the first hit and its first-to-expire batch, types the packs and presses Enter. */
  async addLine(query: string, packs: number): Promise<void> {
    const search = this.page.getByTestId('transfer-search');
    await search.fill(query);
    await search.press('Enter');
    const hits = this.page.getByTestId('transfer-hit');
    const pick = this.page.getByTestId('transfer-pick');
    await expect(hits.first().or(pick)).toBeVisible();
    if (await hits.count()) await hits.first().click();
    await expect(pick).toBeVisible();
    const qty = this.page.getByTestId('transfer-qty');
    await expect(qty).toBeFocused();
    await qty.fill(String(packs));
    await qty.press('Enter');
    await expect(search).toBeFocused();
  }

  async exportCsv(kind: 'sent' | 'incoming'): Promise<{ filename: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(`transfers-${kind}-csv`).click()]);
    return { filename: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
  }
}
