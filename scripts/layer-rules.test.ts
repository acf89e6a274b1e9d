// Proves the layer rules are enforced by the build, not by hope: plant a violation in each
// layer, run the real tool over the real folder, and watch it fail. Probes are removed in
// `finally`, and named so that nobody mistakes one left behind by a killed run.
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);
const probeName = (ext = 'ts') => `zz-layer-probe-${process.pid}.${ext}`;

/** Runs tsc with `shared/tsconfig.json`'s own settings and file set, only without emitting. */
async function typecheckShared(): Promise<{ ok: boolean; output: string }> {
  const config = path.join(ROOT, 'shared', `tsconfig.${probeName('json')}`);
  writeFileSync(
    config,
    JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: { composite: false, incremental: false, declaration: false, emitDeclarationOnly: false, noEmit: true, tsBuildInfoFile: null },
    }),
  );
  try {
    await run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', config, '--pretty', 'false'], { cwd: ROOT });
    return { ok: true, output: '' };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${stdout}${stderr}` };
  } finally {
    rmSync(config, { force: true });
  }
}

async function withProbe<T>(relativeDir: string, source: string, check: (file: string) => Promise<T>, ext = 'ts'): Promise<T> {
  const file = path.join(ROOT, relativeDir, probeName(ext));
  writeFileSync(file, source);
  try {
    return await check(file);
  } finally {
    rmSync(file, { force: true });
  }
}

const eslint = new ESLint({ cwd: ROOT });

/** Rule ids ESLint reports for one file. */
async function lintRules(file: string): Promise<string[]> {
  const [result] = await eslint.lintFiles([file]);
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const LAYER_RULES = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax']);

describe('layer rules', () => {
  it('tsc refuses a shared/ module that imports node:fs, and accepts shared/ as it is', async () => {
    const clean = await typecheckShared();
    expect(clean.output).toBe('');
    expect(clean.ok).toBe(true);

    const dirty = await withProbe('shared/src', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", () => typecheckShared());
    expect(dirty.ok).toBe(false);
    expect(dirty.output).toMatch(new RegExp(`${probeName().replaceAll('.', '\\.')}.*TS2307.*node:fs`));
  }, 120_000);

  // [layer folder, probe source, why it must fail]
  const violations: [string, string, string][] = [
    ['renderer/src', "import { clipboard } from 'electron';\nexport const x = clipboard;\n", 'renderer imports electron'],
    ['renderer/src', "import type { IpcRenderer } from 'electron';\nexport type X = IpcRenderer;\n", 'renderer imports electron types'],
    ['renderer/src', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'renderer imports node:fs'],
    ['renderer/src', "import Database from 'better-sqlite3';\nexport const x = Database;\n", 'renderer imports better-sqlite3'],
    ['renderer/src', "export * from '../../electron/src/core/app-core.js';\n", 'renderer reaches into electron/'],
    ['electron/src/core', "import { app } from 'electron';\nexport const x = app;\n", 'core imports electron'],
    ['electron/src/core', "export const x = await import('electron');\n", 'core imports electron dynamically'],
    ['electron/src/shell', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n", 'shell imports ipcMain outside ipc.ts'],
    ['shared/src', "import fs from 'fs';\nexport const x = fs;\n", 'shared imports a Node built-in by bare name'],
    ['shared/src', "import { create } from 'zustand';\nexport const x = create;\n", 'shared imports zustand'],
    ['shared/src', "export * from '../../renderer/src/main.js';\n", 'shared reaches into renderer/'],
  ];
  for (const [folder, source, why] of violations) {
    it(`eslint fails when ${why}`, async () => {
      const rules = await withProbe(folder, source, lintRules);
      expect(rules.filter((r) => LAYER_RULES.has(r)).length).toBeGreaterThan(0);
    });
  }

  it('eslint allows the shell to import electron, and ipc.ts and the preload to use raw IPC', async () => {
    const rules = await withProbe('electron/src/shell', "import { app, BrowserWindow } from 'electron';\nexport const x = [app, BrowserWindow];\n", lintRules);
    expect(rules).toEqual([]);
    const [ipc, preload] = await eslint.lintFiles(['electron/src/shell/ipc.ts', 'electron/src/shell/preload.cts']);
    expect(ipc?.messages).toEqual([]);
    expect(preload?.messages).toEqual([]);
  });

  it('the tree as it is breaks no layer rule', async () => {
    const results = await eslint.lintFiles(['.']);
    const broken = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId !== null && LAYER_RULES.has(m.ruleId)).map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.message}`),
    );
    expect(broken).toEqual([]);
  }, 60_000);
});
