#!/usr/bin/env node
// `npm run build:electron`: compiles the shell, the core and the shared modules they import to
// dist/electron/ (Node ESM; the preload as CommonJS .cjs), then copies the non-TS files the core
// reads at run time (SQL migrations) next to the compiled modules that read them.
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT, binPath, runNode } from './run-tools.mjs';

const OUT = path.join(ROOT, 'dist', 'electron');
const SOURCE = path.join(ROOT, 'electron', 'src');
/** Run-time assets by extension; everything else under electron/src is code or tests. */
const ASSET = /\.(sql)$/;

/** @param {string} dir @returns {string[]} */
function assets(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return assets(full);
    return ASSET.test(entry.name) ? [full] : [];
  });
}

rmSync(OUT, { recursive: true, force: true });
const code = await runNode(binPath('typescript', 'tsc'), ['-p', 'electron/tsconfig.shell-build.json']);
if (code !== 0) {
  console.error('build:electron: tsc failed');
  process.exit(code);
}
const copied = assets(SOURCE);
for (const file of copied) {
  // Same relative place as the source: the compiled migrator finds migrations/ beside itself.
  cpSync(file, path.join(OUT, path.relative(ROOT, file)));
}
const main = path.join(OUT, 'electron', 'src', 'shell', 'main.js');
if (!existsSync(main) || !existsSync(path.join(path.dirname(main), 'preload.cjs'))) {
  console.error(`build:electron: expected ${path.relative(ROOT, main)} and preload.cjs beside it`);
  process.exit(1);
}
console.log(`build:electron: ${path.relative(ROOT, main)} (+ ${copied.length} SQL file${copied.length === 1 ? '' : 's'})`);
