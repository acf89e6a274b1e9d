import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,electron,renderer,sync-server,scripts,integration}/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**', 'e2e/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most test time is waiting (Postgres on the same machine, sockets, sync-loop timers), so three
    // workers finish much sooner than the default (cores − 1: one worker on a 2-core machine).
    maxWorkers: 3,
  },
});
