import { expect, type Locator, type Page } from '@playwright/test';
import { E2E_KEY } from '../e2e-env.js';

/** The pairing screen of a fresh install and the initial sync that follows it. */
export class PairingPage {
  readonly serverUrl: Locator;
  readonly code: Locator;
  readonly deviceName: Locator;
  readonly error: Locator;
  readonly initialSync: Locator;

  constructor(private readonly page: Page) {
    this.serverUrl = page.getByTestId('pair-server-url');
    this.code = page.getByTestId('pair-code');
    this.deviceName = page.getByTestId('pair-device-name');
    this.error = page.getByTestId('pair-error');
    this.initialSync = page.getByTestId('initial-sync');
  }

  /** `baseUrl`: the app to open (default: the run's main browser-mode app). */
  async open(baseUrl = ''): Promise<void> {
    await this.page.goto(`${baseUrl}/#key=${E2E_KEY}`);
    await expect(this.code).toBeVisible();
  }

  progressLabel(): Locator {
    return this.initialSync.getByTestId('sync-progress-label');
  }
}
