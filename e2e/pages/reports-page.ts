import { readFile } from 'node:fs/promises';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { E2E_KEY } from '../e2e-env.js';

export type ReportTabId = 'sales' | 'products' | 'payments' | 'gst' | 'stock' | 'expiry' | 'reorder';

/** The manager's Reports screen (F7): period picker, one tab per report, CSV exports. */
export class ReportsPage {
  readonly screen: Locator;
  readonly panel: Locator;

  constructor(private readonly page: Page) {
    this.screen = page.getByTestId('reports-screen');
    this.panel = page.locator('#report-panel');
  }

  async openByKey(): Promise<void> {
    await this.page.keyboard.press('F7');
    await expect(this.screen).toBeVisible();
    await this.waitFresh();
  }

  /** The figures on screen answer the period and tab now chosen (not an older request). */
  async waitFresh(): Promise<void> {
    await expect(this.panel).toHaveAttribute('data-state', 'fresh');
  }

  async choosePreset(label: string): Promise<void> {
    await this.page.getByTestId('report-preset').selectOption({ label });
    await this.waitFresh();
  }

  async openTab(id: ReportTabId): Promise<void> {
    await this.page.getByTestId(`report-tab-${id}`).click();
    await expect(this.page.getByTestId(`report-tab-${id}`)).toHaveAttribute('aria-selected', 'true');
    await this.waitFresh();
  }

  text(testId: string): Promise<string> {
    return this.page.getByTestId(testId).innerText();
  }

  /** Clicks a section's Export CSV and answers the downloaded file's name and text. */
  async exportCsv(section: string): Promise<{ filename: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(`export-${section}`).click()]);
    const path = await download.path();
    return { filename: download.suggestedFilename(), text: await readFile(path, 'utf8') };
  }

  async backByEsc(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.screen).toHaveCount(0);
    await expect(this.page.getByTestId('search')).toBeVisible();
  }
}

/** One raw call to the core, as any page on the LAN with the launch key could make it: answers the ApiResult itself. */
export async function rawCall(request: APIRequestContext, method: string, args: Record<string, unknown>, sessionToken: string | null): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
  const res = await request.post('/api/call', {
    headers: { Authorization: `Bearer ${E2E_KEY}`, 'Content-Type': 'application/json' },
    data: { method, args, sessionToken },
  });
  return (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
}

/** A session token for a staff member, by name and PIN. */
export async function loginToken(request: APIRequestContext, name: string, pin: string): Promise<string> {
  const staff = (await (await request.post('/api/call', { headers: { Authorization: `Bearer ${E2E_KEY}` }, data: { method: 'auth.staffList', args: {} } })).json()) as { value: { id: string; name: string }[] };
  const member = staff.value.find((s) => s.name === name);
  const login = (await (
    await request.post('/api/call', { headers: { Authorization: `Bearer ${E2E_KEY}` }, data: { method: 'auth.login', args: { staffId: member?.id, pin } } })
  ).json()) as { ok: boolean; value?: { sessionToken: string }; error?: { message: string } };
  if (login.value === undefined) throw new Error(`${name} could not log in: ${login.error?.message ?? 'no answer'}`);
  return login.value.sessionToken;
}
