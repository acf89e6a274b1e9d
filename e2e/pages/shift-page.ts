import { expect, type Locator, type Page } from '@playwright/test';
import { paiseFromText } from './api-client.js';

/** The Shift tab of the back office (F3) and its X/Z report. */
export class ShiftPage {
  constructor(private readonly page: Page) {}

  chip(): Locator {
    return this.page.getByTestId('shift-chip');
  }

  /** From the sell screen: F3, then the Shift tab. */
  async open(): Promise<void> {
    await this.page.keyboard.press('F3');
    await this.page.getByTestId('office-tab-shift').click();
  }

  async openShift(floatRupees: string): Promise<void> {
    await this.page.getByTestId('shift-float').fill(floatRupees);
    await this.page.getByTestId('shift-float').press('Enter');
    await expect(this.page.getByTestId('shift-panel')).toBeVisible();
  }

  async cashOut(reason: string, rupees: string, note: string): Promise<void> {
    await this.page.keyboard.press('m');
    const form = this.page.getByTestId('shift-cash-form');
    await expect(form).toBeVisible();
    await form.getByTestId('shift-cash-out').click();
    await form.getByTestId('shift-cash-reason').selectOption({ label: reason });
    await form.getByTestId('shift-cash-amount').fill(rupees);
    await form.getByTestId('shift-cash-note').fill(note);
    await form.getByTestId('shift-cash-note').press('Enter');
    await expect(form).toBeHidden();
  }

  async xReport(): Promise<void> {
    await this.page.getByTestId('shift-x-button').click();
    await expect(this.report()).toBeVisible();
  }

  report(): Locator {
    return this.page.getByTestId('shift-report');
  }

  async amount(testId: string): Promise<number> {
    return paiseFromText(await this.page.getByTestId(testId).innerText());
  }

  async doneWithReport(): Promise<void> {
    await this.page.getByTestId('shift-report-done').click();
    await expect(this.report()).toBeHidden();
  }

  /** Starts the close and types a denomination count (pieces by key, e.g. { n500: 4 }). */
  async count(pieces: Record<string, number>): Promise<void> {
    await this.page.keyboard.press('z');
    await expect(this.page.getByTestId('shift-close-form')).toBeVisible();
    for (const [key, n] of Object.entries(pieces)) await this.page.getByTestId(`count-${key}`).fill(String(n));
  }

  async approveAndClose(manager: string, pin: string): Promise<void> {
    await this.page.getByTestId('close-manager').selectOption({ label: manager });
    await this.page.getByTestId('close-manager-pin').fill(pin);
    await this.page.getByTestId('close-manager-pin').press('Enter');
  }

  error(): Locator {
    return this.page.getByTestId('shift-error');
  }
}

/** A count of notes worth exactly `paise` (whole rupees): ₹500s, then ₹100s, ₹10s and ₹1 coins. */
export function countFor(paise: number): Record<string, number> {
  if (paise % 100 !== 0) throw new Error(`${paise} paise is not whole rupees`);
  let rupees = paise / 100;
  const out: Record<string, number> = {};
  for (const [key, value] of [['n500', 500], ['n100', 100], ['n10', 10], ['c1', 1]] as const) {
    const n = Math.floor(rupees / value);
    if (n > 0) out[key] = n;
    rupees -= n * value;
  }
  return out;
}
