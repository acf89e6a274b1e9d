import { expect, type Locator, type Page } from '@playwright/test';

/** The header's sync chip and the sync panel it opens (Ctrl+Y). */
export class SyncPanelPage {
  readonly chip: Locator;
  readonly panel: Locator;

  constructor(private readonly page: Page) {
    this.chip = page.getByTestId('sync-chip');
    this.panel = page.getByRole('dialog', { name: 'Sync' });
  }

  async openByKey(): Promise<void> {
    await this.page.keyboard.press('Control+y');
    await expect(this.panel).toBeVisible();
  }

  async openByChip(): Promise<void> {
    await this.chip.click();
    await expect(this.panel).toBeVisible();
  }

  async closeByEsc(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.panel).toHaveCount(0);
  }

  /** One line of the panel: server, connection, waiting, last (sync), error, next (attempt). */
  fact(name: 'server' | 'connection' | 'waiting' | 'last' | 'error' | 'next'): Locator {
    return this.panel.getByTestId(`sync-${name}`);
  }

  syncNow(): Locator {
    return this.panel.getByTestId('sync-now');
  }

  problems(): Locator {
    return this.panel.getByTestId('sync-problem');
  }

  progress(): Locator {
    return this.panel.getByTestId('sync-progress');
  }

  /** The number in the chip's `… — N waiting`. */
  async waiting(): Promise<number> {
    return Number(/(\d+) waiting/.exec(await this.chip.innerText())?.[1]);
  }
}
