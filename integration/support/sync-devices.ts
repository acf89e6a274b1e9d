/**
 * Counters for integration tests: a real app core on a real SQLite file with its own sync client
 * over HTTP, a switch that cuts its network, and helpers to wait for the background loop.
 */
import { join } from 'node:path';
import { createAppCore, type AppCore } from '../../electron/src/core/app-core.js';
import { ServerApi, type FetchLike } from '../../electron/src/core/sync/server-api.js';
import { testDir } from '../../electron/src/core/testing/demo-store.js';
import type { TestServer } from '../../sync-server/src/test-support/test-app.js';

export interface TestDevice {
  core: AppCore;
  file: string;
  /** The logged-in staff member's session token, sent with every call. */
  token: string | null;
  /** While true, every request of this device fails as if its network were down. */
  offline: boolean;
  call<T>(method: string, args?: Record<string, unknown>): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>;
  /** The call's value; throws with the error's code and message when it fails. */
  value<T>(method: string, args?: Record<string, unknown>): Promise<T>;
}

/** A fresh (unpaired) counter with short sync waits, so tests see the loop's work quickly. */
export function testDevice(options: { prefix?: string; file?: string; pullLimit?: number } = {}): TestDevice {
  const file = options.file ?? join(testDir(options.prefix ?? 'similia-device-'), 'similia.db');
  // Offline also drops an answer still on its way (a long poll sent before the network went down).
  const down = (): Promise<never> => Promise.reject(new TypeError('fetch failed'));
  const net: FetchLike = (input, init) => (d.offline ? down() : fetch(input, init).then((res) => (d.offline ? down() : res)));
  const core = createAppCore({
    dbPath: file,
    sync: { idleWaitSeconds: 1, backoff: { baseMs: 50, maxMs: 200 }, api: new ServerApi(net), ...(options.pullLimit === undefined ? {} : { pullLimit: options.pullLimit }) },
  });
  const d: TestDevice = {
    core,
    file,
    token: null,
    offline: false,
    call: (method, args = {}) => core.dispatch({ method, args, sessionToken: d.token }) as never,
    async value(method, args = {}) {
      const r = await d.call(method, args);
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
  };
  return d;
}

/** Polls `check` every 25 ms until it holds; fails naming `what` after `ms`. */
export async function until(what: string, check: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Starts the test server's HTTP listener on a free port; answers its base URL. */
export async function listenOnFreePort(server: TestServer): Promise<string> {
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
}
