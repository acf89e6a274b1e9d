// electron-builder cannot package here (no Electron binary, no network), so its configuration
// is checked the way electron-builder itself checks it before a build: against its JSON schema.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
// Resolved through electron-builder, whose dependencies these are.
const fromBuilder = createRequire(require.resolve('electron-builder'));
const { validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = fromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const yaml = fromBuilder('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  files: string[];
  extraMetadata: { main: string };
  directories: { output: string };
  linux: { target: string[]; category: string };
  win: { target: string[] };
  mac: { target: string[] };
}

const config = yaml.load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('matches electron-builder’s schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('rejects a misspelt key, so the schema check above can fail', async () => {
    await expect(validateConfiguration({ ...config, asarUnpak: ['x'] }, new DebugLogger(false))).rejects.toThrow(/asarUnpak/);
  });

  it('packs into an asar but leaves better-sqlite3 unpacked, rebuilt for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(true);
  });

  it('starts the compiled shell that build:electron writes, and ships it with the renderer', () => {
    expect(config.extraMetadata.main).toBe('dist/electron/electron/src/shell/main.js');
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'package.json']));
    const emitted = JSON.parse(readFileSync(path.join(ROOT, 'electron', 'tsconfig.shell-build.json'), 'utf8')) as { compilerOptions: { outDir: string; rootDir: string } };
    const mainSource = path.join(ROOT, 'electron', 'src', 'shell', 'main.ts');
    const outDir = path.resolve(ROOT, 'electron', emitted.compilerOptions.outDir);
    const rootDir = path.resolve(ROOT, 'electron', emitted.compilerOptions.rootDir);
    const compiledMain = path.join(outDir, path.relative(rootDir, mainSource)).replace(/\.ts$/, '.js');
    expect(path.relative(ROOT, compiledMain).split(path.sep).join('/')).toBe(config.extraMetadata.main);
  });

  it('builds the agreed targets', () => {
    expect(config.appId).toBe('in.similia.pos');
    expect(config.productName).toBe('Similia');
    expect(config.directories.output).toBe('dist/release');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });
});
