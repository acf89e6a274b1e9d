// Small helpers shared by the scripts: where the repo is, how to run a package's CLI with the
// current Node (no shell, no PATH lookup, same on every OS), and running one to completion.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const require = createRequire(path.join(ROOT, 'package.json'));

/**
 * Absolute path of a package's CLI script, from its package.json `bin`.
 * @param {string} pkg  package name, e.g. `typescript`
 * @param {string} [name]  bin name when it differs from the package's, e.g. `tsc`
 */
export function binPath(pkg, name = pkg) {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  /** @type {{ bin?: string | Record<string, string> }} */
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[name];
  if (bin === undefined) throw new Error(`${pkg} has no "${name}" bin`);
  return path.join(path.dirname(manifestPath), bin);
}

/** Children in their own process group do not get the terminal's Ctrl-C; pass it on. */
const live = new Set();
let forwarding = false;
function forwardSignals() {
  if (forwarding) return;
  forwarding = true;
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.on(signal, () => {
      for (const pid of live) killTree(pid);
      process.exit(130);
    });
  }
}

/**
 * Runs `node <script> ...args` with inherited stdio. Resolves with the exit code (1 for a
 * signal or a timeout); never rejects, so callers can keep going after a failure.
 * @param {string} script
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, timeoutMs?: number, nodeArgs?: string[] }} [options]
 * @returns {Promise<number>}
 */
export function runNode(script, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: options.env ?? process.env,
      // Own process group, so a timeout can stop the tool *and* whatever it started (browsers, servers).
      detached: process.platform !== 'win32',
    });
    const pid = child.pid;
    if (pid !== undefined && process.platform !== 'win32') {
      live.add(pid);
      forwardSignals();
    }
    /** @type {NodeJS.Timeout | undefined} */
    let timer;
    if (options.timeoutMs !== undefined) {
      timer = setTimeout(() => {
        console.error(`\n${path.relative(ROOT, script)} did not finish within ${Math.round((options.timeoutMs ?? 0) / 1000)} s; stopping it.`);
        killTree(child.pid);
      }, options.timeoutMs);
    }
    child.on('error', (error) => {
      clearTimeout(timer);
      console.error(error);
      resolve(1);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      live.delete(pid);
      // Anything the tool left behind in its group (a dev server, a browser) goes with it.
      if (process.platform !== 'win32') killTree(pid);
      resolve(code ?? 1);
    });
  });
}

/** @param {number | undefined} pid */
function killTree(pid) {
  if (pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
