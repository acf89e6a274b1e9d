import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Figure } from './counter-bench.js';
import { median } from './stats.js';

async function waitForHttp(url: string, headers: Record<string, string>, deadlineMs: number): Promise<number> {
  for (;;) {
    try {
      const res = await fetch(url, { headers });
      if (res.status === 200) return performance.now();
    } catch {
      // not listening yet
    }
    if (performance.now() > deadlineMs) throw new Error(`${url} did not answer 200 in time`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function timeToServe(args: string[], env: NodeJS.ProcessEnv, url: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
  try {
    return (await waitForHttp(url, {}, t0 + 30_000)) - t0;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/**
 * startup_ms: browser mode from process spawn until the first screen (index.html) is served,
 * on an existing store; baseline: a bare Node HTTP server spawned the same way.
 */
export async function benchStartup(runs: number): Promise<Figure> {
  if (!existsSync('dist/renderer/index.html')) throw new Error('Build the renderer first (npm run build:renderer).');
  const dataDir = mkdtempSync(join(tmpdir(), 'similia-bench-start-'));
  const port = 5300 + Math.floor(Math.random() * 500);
  const env = { SIMILIA_DATA_DIR: dataDir, SIMILIA_PORT: String(port), SIMILIA_LAUNCH_KEY: 'bench' };
  const hostArgs = ['--import', 'tsx', 'electron/src/core/browser-host/main.ts'];
  await timeToServe(hostArgs, env, `http://127.0.0.1:${port}/`); // first run creates the demo store: not counted
  const real: number[] = [];
  const base: number[] = [];
  const bare = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port + 1}, '127.0.0.1')`;
  for (let i = 0; i < runs; i += 1) {
    real.push(await timeToServe(hostArgs, env, `http://127.0.0.1:${port}/`));
    base.push(await timeToServe(['-e', bare], {}, `http://127.0.0.1:${port + 1}/`));
  }
  const value = median(real);
  return { name: 'startup_ms', value, unit: 'ms', baselineName: 'bare Node HTTP server, spawn to first 200 (median)', baseline: median(base), target: '< 2000 ms', met: value < 2000 };
}
