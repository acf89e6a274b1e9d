import { expect, type Page } from '@playwright/test';
import { E2E_KEY } from '../e2e-env.js';

export class LoginPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto(`/#key=${E2E_KEY}`);
    await expect(this.page.getByTestId('staff-tile').first()).toBeVisible();
  }

  async chooseStaff(name: string): Promise<void> {
    await this.page.getByTestId('staff-tile').filter({ hasText: name }).click();
    await expect(this.page.getByTestId('login-pin')).toBeVisible();
  }

  async enterPin(pin: string): Promise<void> {
    await this.page.getByTestId('login-pin').fill(pin);
    await this.page.getByTestId('login-pin').press('Enter');
  }

  async loginAs(name: string, pin: string): Promise<void> {
    await this.open();
    await this.chooseStaff(name);
    await this.enterPin(pin);
    await expect(this.page.getByTestId('search')).toBeVisible();
  }

  error() {
    return this.page.getByTestId('login-error');
  }
}
