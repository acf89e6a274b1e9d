/** Test support: one generated demo store per test file, copied fresh for each test that writes. */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppCore, type AppCore, type AppCoreOptions } from '../app-core.js';
import { DEMO_STAFF } from '../../../../shared/src/demo/demo-data.js';
import { generateDemo } from '../demo/generate-demo.js';
import { openStore } from '../store/open-store.js';

export const TEST_TODAY = '2026-11-24';
/** 10:00 IST on TEST_TODAY. */
export const TEST_NOW_MS = Date.parse('2026-11-24T04:30:00Z');

const createdDirs: string[] = [];

/** A fresh temp dir, removed by {@link removeTestDirs}. */
export function testDir(prefix = 'similia-case-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  createdDirs.push(dir);
  return dir;
}

/** Deletes every dir this test file created (call from afterAll, after closing the stores). */
export function removeTestDirs(): void {
  for (const dir of createdDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export async function makeTemplate(skuCount = 6000): Promise<string> {
  const dir = testDir('similia-test-');
  const file = join(dir, 'template.db');
  const db = openStore(file);
  await generateDemo(db, { today: TEST_TODAY, skuCount });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return file;
}

export function copyOf(template: string): string {
  const file = join(testDir(), 'similia.db');
  copyFileSync(template, file);
  return file;
}

/** A controllable clock for the core. */
export class Clock {
  constructor(public ms = TEST_NOW_MS) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface TestClient {
  core: AppCore;
  token: string | null;
  call<T = unknown>(method: string, args?: Record<string, unknown>): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } }>;
  value<T = unknown>(method: string, args?: Record<string, unknown>): Promise<T>;
  loginAs(name: string): Promise<void>;
}

export function client(dbPath: string, options: Partial<AppCoreOptions> = {}): TestClient {
  // Tests run at a fixed instant unless they bring their own clock: results never depend on the day.
  const core = createAppCore({ dbPath, now: new Clock().now, ...options });
  const c: TestClient = {
    core,
    token: null,
    call: (method, args = {}) => core.dispatch({ method, args, sessionToken: c.token }) as never,
    async value(method, args = {}) {
      const r = await c.call(method, args);
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    async loginAs(name) {
      const staff = await c.value<{ id: string; name: string }[]>('auth.staffList');
      const member = staff.find((s) => s.name === name);
      const pin = DEMO_STAFF.find((s) => s.name === name)?.pin;
      if (member === undefined || pin === undefined) throw new Error(`no demo staff ${name}`);
      c.token = (await c.value<{ sessionToken: string }>('auth.login', { staffId: member.id, pin })).sessionToken;
    },
  };
  return c;
}
