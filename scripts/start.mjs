#!/usr/bin/env node
// `npm start`: builds the renderer if it is missing or stale, then opens the Electron app where
// the Electron binary is installed, or serves the same app in browser mode where it is not
// (installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1, like our build machines).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { startLocalSyncServer } from './local-server.mjs';
import { ROOT, binPath, runNode } from './run-tools.mjs';

const require = createRequire(path.join(ROOT, 'package.json'));
const RENDERER_INDEX = path.join(ROOT, 'dist', 'renderer', 'index.html');
/** What the renderer bundle is built from (it bundles shared/ too). */
const RENDERER_INPUTS = ['renderer/src', 'renderer/index.html', 'renderer/public', 'renderer/vite.config.ts', 'shared/src'];

/**
 * Newest modification time under a file or folder, 0 if absent.
 * @param {string} target
 * @returns {number}
 */
function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((/** @type {number} */ newest, name) => Math.max(newest, newestMtime(path.join(target, name))), stat.mtimeMs);
}

/** True when dist/renderer is missing or older than any of its inputs. */
export function rendererStale() {
  if (!existsSync(RENDERER_INDEX)) return true;
  const built = statSync(RENDERER_INDEX).mtimeMs;
  return RENDERER_INPUTS.some((input) => newestMtime(path.join(ROOT, input)) > built);
}

/**
 * Path of the Electron executable, or null when it is not installed. The `electron` package
 * exports the path of the binary it downloaded; with ELECTRON_SKIP_BINARY_DOWNLOAD it either
 * throws ("Electron failed to install correctly") or names a file that is not there.
 */
export function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/**
 * Runs a long-lived child in the foreground (same process group, so Ctrl-C reaches it
 * directly) and exits with its code once it is gone, after `onExit` (stopping the sync server).
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @param {() => void} onExit
 */
function foreground(command, args, env, onExit) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env });
  // The child gets the terminal's signals itself; we only wait for it to finish.
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    onExit();
    process.exit(code ?? (signal ? 1 : 0));
  });
  child.on('error', (error) => {
    console.error(error.message);
    process.exit(1);
  });
}

async function main() {
  if (rendererStale()) {
    console.log('Building the renderer…');
    const code = await runNode(binPath('vite'), ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']);
    if (code !== 0) process.exit(code);
  }

  // The embedded sync server, and a pairing code the app uses if it is not paired yet.
  const server = process.env.SIMILIA_NO_SYNC === '1' ? null : await startLocalSyncServer();
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, ...(server?.code ? { SIMILIA_PAIR_SERVER: server.url, SIMILIA_PAIR_CODE: server.code } : {}) };
  const stopServer = () => server?.stop();

  const electron = electronBinary();
  if (electron === null) {
    console.log('Electron binary not installed here; serving Similia in browser mode.');
    // tsx as a loader inside this Node, not its CLI wrapper: one process, quicker start.
    foreground(process.execPath, ['--import', 'tsx', 'electron/src/core/browser-host/main.ts', ...process.argv.slice(2)], env, stopServer);
    return;
  }

  for (const script of ['electron-native.mjs', 'build-electron.mjs']) {
    const code = await runNode(path.join(ROOT, 'scripts', script), []);
    if (code !== 0) process.exit(code);
  }
  foreground(electron, [ROOT, ...process.argv.slice(2)], env, stopServer);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, 'scripts', 'start.mjs')) {
  await main();
}
