import type { Page } from '@playwright/test';

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** A scripted answer for one method; `undefined` lets the call through to the real core. */
export type Script = (args: Record<string, unknown>) => Answer | undefined;

/**
 * Scripts the core's answers to a few API methods and lets every other call through to the real
 * core. For screen states the browser-mode store cannot reach on its own (no sync server in these
 * flows): a rejected mutation, a failed attempt, a pull in progress, an unpaired install.
 * Records every scripted call so a test can check what the screen asked for.
 */
export class ScriptedCore {
  readonly calls: { method: string; args: Record<string, unknown> }[] = [];

  private constructor(private readonly scripts: Record<string, Script>) {}

  static async install(page: Page, scripts: Record<string, Script>): Promise<ScriptedCore> {
    const core = new ScriptedCore(scripts);
    await page.route('**/api/call', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { method: string; args: Record<string, unknown> };
      const answer = core.scripts[body.method]?.(body.args);
      if (answer === undefined) return route.continue();
      core.calls.push({ method: body.method, args: body.args });
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(answer) });
    });
    return core;
  }

  callsOf(method: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }
}
