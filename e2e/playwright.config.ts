import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { E2E_ADMIN_PASSWORD, E2E_DATA_DIR, E2E_FRESH_PORT, E2E_KEY, E2E_PORT, E2E_SYNC_PORT } from './e2e-env.js';

/** E2E against browser mode, driving Debian's Chromium (no browser download here). */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '../test-results/e2e-report.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    viewport: { width: 1366, height: 768 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    headless: true,
  },
  webServer: [
    {
      // The demo counter (unpaired: the counter flows run offline, as a counter may).
      command: 'node --import tsx electron/src/core/browser-host/main.ts',
      cwd: '..',
      url: `http://127.0.0.1:${E2E_PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { SIMILIA_DATA_DIR: E2E_DATA_DIR, SIMILIA_PORT: String(E2E_PORT), SIMILIA_LAUNCH_KEY: E2E_KEY },
      stdout: 'pipe',
    },
    {
      // The real sync server on PGlite with the demo organisation, for the pairing flow.
      command: 'node --import tsx sync-server/src/main.ts',
      cwd: '..',
      url: `http://127.0.0.1:${E2E_SYNC_PORT}/ready`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        PORT: String(E2E_SYNC_PORT),
        SIMILIA_SERVER_DATA: join(E2E_DATA_DIR, 'server'),
        SIMILIA_DEMO: '1',
        SIMILIA_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
        DATABASE_URL: '',
      },
      stdout: 'ignore',
    },
    {
      // A fresh install: no demo store, so it opens on the pairing screen.
      command: 'node --import tsx electron/src/core/browser-host/main.ts',
      cwd: '..',
      url: `http://127.0.0.1:${E2E_FRESH_PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { SIMILIA_DATA_DIR: join(E2E_DATA_DIR, 'fresh'), SIMILIA_PORT: String(E2E_FRESH_PORT), SIMILIA_LAUNCH_KEY: E2E_KEY, SIMILIA_FRESH_INSTALL: '1' },
      stdout: 'pipe',
    },
  ],
});
