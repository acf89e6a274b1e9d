import { defineConfig } from '@playwright/test';
import { E2E_DATA_DIR, E2E_KEY, E2E_PORT } from './e2e-env.js';

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
  webServer: {
    command: 'node --import tsx electron/src/core/browser-host/main.ts',
    cwd: '..',
    url: `http://127.0.0.1:${E2E_PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { SIMILIA_DATA_DIR: E2E_DATA_DIR, SIMILIA_PORT: String(E2E_PORT), SIMILIA_LAUNCH_KEY: E2E_KEY },
    stdout: 'pipe',
  },
});
