import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../shared/src/reports/csv.js';

/** The Imports tab of the back office (F3 → Import). */
export class ImportPage {
  constructor(private readonly page: Page) {}

  /** From the sell screen: F3, then the Import tab. */
  async open(): Promise<void> {
    await this.page.keyboard.press('F3');
    await expect(this.page.getByTestId('office-screen')).toBeVisible();
    await this.page.getByTestId('office-tab-imports').click();
    await expect(this.page.getByTestId('imports-tab')).toBeVisible();
  }

  async choose(kind: 'openingStock' | 'catalogue'): Promise<void> {
    await this.page.getByTestId(`import-kind-${kind}`).click();
    await expect(this.page.getByTestId(`import-kind-${kind}`)).toHaveAttribute('aria-checked', 'true');
  }

  /** Uploads a generated file, as choosing it in the file dialog does, and waits for the preview. */
  async upload(name: string, text: string): Promise<void> {
    await this.page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
    await expect(this.page.getByTestId('import-preview')).toBeVisible();
    await expect(this.summary()).toContainText(name);
  }

  summary(): Locator {
    return this.page.getByTestId('import-summary');
  }

  errorRows(): Locator {
    return this.page.getByTestId('import-error-row');
  }

  commitButton(): Locator {
    return this.page.getByTestId('import-commit');
  }

  async commit(): Promise<void> {
    await this.commitButton().click();
    await expect(this.page.getByTestId('import-done')).toBeVisible();
  }

  /** Clicks a download button and answers the CSV it saved, as rows. */
  async download(testId: string): Promise<string[][]> {
    const [file] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(testId).click()]);
    const path = await file.path();
    return parseCsv(readFileSync(path, 'utf8'));
  }

  /** Esc leaves the back office for the sell screen. */
  async backToSelling(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.page.getByTestId('search')).toBeVisible();
  }
}
