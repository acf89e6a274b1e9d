#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .electron-native/better_sqlite3.node, leaving
// node_modules/better-sqlite3 (the Node build the tests use) untouched. The shell passes that
// file to better-sqlite3 as `nativeBinding` when it runs unpackaged. Packaged apps do not use
// it: electron-builder rebuilds node_modules for Electron itself (npmRebuild).
// See docs/native-modules.md.
//
//   node scripts/electron-native.mjs           rebuild only when Electron or better-sqlite3 changed
//   node scripts/electron-native.mjs --force   rebuild anyway
//   node scripts/electron-native.mjs --check   exit 0 if up to date, 1 if a rebuild is needed
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './run-tools.mjs';

const require = createRequire(path.join(ROOT, 'package.json'));
export const NATIVE_DIR = path.join(ROOT, '.electron-native');
export const BINDING = path.join(NATIVE_DIR, 'better_sqlite3.node');
const STAMP = path.join(NATIVE_DIR, 'stamp.json');

/** What the binary was built for; any change means a rebuild. */
export function wanted() {
  return {
    electron: /** @type {string} */ (require('electron/package.json').version),
    betterSqlite3: /** @type {string} */ (require('better-sqlite3/package.json').version),
    platform: process.platform,
    arch: process.arch,
  };
}

/** True when BINDING exists and was built for exactly `target`. */
export function upToDate(target = wanted()) {
  if (!existsSync(BINDING) || !existsSync(STAMP)) return false;
  try {
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
    return Object.entries(target).every(([key, value]) => stamp[key] === value);
  } catch {
    return false;
  }
}

async function rebuildForElectron() {
  const target = wanted();
  const modules = path.join(NATIVE_DIR, 'node_modules');
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const staged = path.join(modules, 'better-sqlite3');
  rmSync(NATIVE_DIR, { recursive: true, force: true });
  mkdirSync(modules, { recursive: true });
  // A private copy of the package (sources, no Node build) that @electron/rebuild may rebuild in place.
  cpSync(source, staged, { recursive: true, filter: (src) => !src.startsWith(path.join(source, 'build')) });
  writeFileSync(
    path.join(NATIVE_DIR, 'package.json'),
    `${JSON.stringify({ name: 'similia-electron-native', private: true, dependencies: { 'better-sqlite3': target.betterSqlite3 } }, null, 2)}\n`,
  );
  console.log(`electron-native: building better-sqlite3 ${target.betterSqlite3} for Electron ${target.electron} (${target.platform}-${target.arch})…`);
  const { rebuild } = await import('@electron/rebuild');
  // Tries a prebuilt binary first (prebuild-install), then compiles against Electron's headers;
  // either needs the network once, and compiling needs a C++ toolchain (see docs/native-modules.md).
  // SIMILIA_ELECTRON_HEADERS_URL points at a mirror of https://www.electronjs.org/headers for offline sites.
  const headerURL = process.env.SIMILIA_ELECTRON_HEADERS_URL;
  await rebuild({
    buildPath: NATIVE_DIR,
    electronVersion: target.electron,
    arch: target.arch,
    onlyModules: ['better-sqlite3'],
    force: true,
    ...(headerURL ? { headerURL } : {}),
  });
  const built = path.join(staged, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) throw new Error(`rebuild finished but ${path.relative(ROOT, built)} is missing`);
  copyFileSync(built, BINDING);
  writeFileSync(STAMP, `${JSON.stringify(target, null, 2)}\n`);
  console.log(`electron-native: ${path.relative(ROOT, BINDING)} ready`);
}

async function main() {
  const args = new Set(process.argv.slice(2));
  if (args.has('--check')) {
    const ok = upToDate();
    console.log(ok ? 'electron-native: up to date' : 'electron-native: rebuild needed');
    process.exitCode = ok ? 0 : 1;
    return;
  }
  if (!args.has('--force') && upToDate()) {
    console.log(`electron-native: better-sqlite3 for Electron ${wanted().electron} is up to date`);
    return;
  }
  await rebuildForElectron();
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, 'scripts', 'electron-native.mjs')) {
  main().catch((error) => {
    console.error(`electron-native: ${error instanceof Error ? error.message : String(error)}`);
    console.error('electron-native: see docs/native-modules.md (needs the network once, or a C++ toolchain and Electron headers).');
    process.exitCode = 1;
  });
}
