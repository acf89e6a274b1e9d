// Flat ESLint config: typescript-eslint recommended (not type-aware, for speed) plus the layer
// rules from STYLE.md. The per-folder tsconfigs stop a layer from *seeing* forbidden types; these
// import restrictions stop it from *naming* forbidden modules, which tsc alone cannot (a package
// that ships its own types, like `electron` or `better-sqlite3`, compiles anywhere).
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTIN_NAMES = [
  'assert', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'crypto', 'dgram',
  'diagnostics_channel', 'dns', 'domain', 'events', 'fs', 'fs/promises', 'http', 'http2', 'https',
  'inspector', 'module', 'net', 'os', 'path', 'path/posix', 'path/win32', 'perf_hooks', 'process',
  'punycode', 'querystring', 'readline', 'repl', 'stream', 'stream/promises', 'string_decoder',
  'sys', 'timers', 'timers/promises', 'tls', 'trace_events', 'tty', 'url', 'util', 'v8', 'vm',
  'wasi', 'worker_threads', 'zlib',
];

const nodeBuiltins = (why) => [
  { group: ['node:*'], message: `${why} cannot use Node built-ins.` },
  ...NODE_BUILTIN_NAMES.map((name) => ({ name, message: `${why} cannot use Node built-ins.` })),
];

const electronModule = (why) => [
  { name: 'electron', message: `${why} Only electron/src/shell/ may import 'electron'.` },
  { group: ['electron/*'], message: `${why} Only electron/src/shell/ may import 'electron'.` },
];

/** Raw IPC objects stay inside the one wrapper (shell/ipc.ts) and the preload. */
const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Use the wrapper in electron/src/shell/ipc.ts (main) or the preload; raw ipcMain/ipcRenderer stays there.',
};

/** `import()` and `require()` of 'electron' dodge no-restricted-imports; catch them too. */
const dynamicElectron = [
  {
    selector: "ImportExpression[source.value='electron']",
    message: "Only electron/src/shell/ may import 'electron'.",
  },
  {
    selector: "CallExpression[callee.name='require'][arguments.0.value='electron']",
    message: "Only electron/src/shell/ may import 'electron'.",
  },
];

const restrict = (paths, patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
});

// Node built-in names as `paths`, everything else as `patterns` groups.
const split = (entries) => ({
  paths: entries.filter((e) => 'name' in e),
  patterns: entries.filter((e) => 'group' in e),
});

const sharedRules = split([
  ...nodeBuiltins('shared/ is pure TypeScript and'),
  ...electronModule('shared/ is pure TypeScript.'),
  { group: ['react', 'react/*', 'react-dom', 'react-dom/*'], message: 'shared/ is pure TypeScript: no React.' },
  { name: 'better-sqlite3', message: 'shared/ is pure TypeScript: no SQLite.' },
  { group: ['zustand', 'zustand/*'], message: 'shared/ is pure TypeScript: no UI state.' },
  { group: ['pg', 'pg/*', '@electric-sql/*'], message: 'shared/ is pure TypeScript: no database drivers.' },
  {
    group: ['**/electron/**', '**/renderer/**', '**/sync-server/**'],
    message: 'shared/ imports nothing from the other top-level folders.',
  },
]);

const sharedTestRules = split([
  ...electronModule('shared/ tests run under plain Node.'),
  {
    group: ['**/electron/**', '**/renderer/**', '**/sync-server/**'],
    message: 'shared/ imports nothing from the other top-level folders, in tests too.',
  },
]);

const rendererRules = split([
  ...nodeBuiltins('renderer/ runs in the browser and'),
  ...electronModule('renderer/ talks to the core only through the typed API.'),
  { name: 'better-sqlite3', message: 'renderer/ runs in the browser: no SQLite.' },
  {
    group: ['**/electron/**', '**/sync-server/**'],
    message: 'renderer/ talks to the core only through the typed API contract in shared/.',
  },
]);

const coreRules = split([
  ...electronModule('electron/src/core/ runs under plain Node.'),
  { group: ['**/shell/**', '../shell*'], message: 'The core does not depend on the shell (the shell depends on the core).' },
  { group: ['**/renderer/**', '**/sync-server/**'], message: 'The core imports shared/ only.' },
]);

const syncServerRules = split([
  ...electronModule('sync-server/ is a Node service.'),
  { group: ['**/electron/**', '**/renderer/**'], message: 'sync-server/ imports shared/ only.' },
]);

export default defineConfig(
  {
    ignores: [
      '**/dist/**', '**/node_modules/**', 'test-results/**', 'playwright-report/**', '.data/**',
      '.electron-native/**', 'bench-results/**', 'coverage/**',
    ],
  },
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx}'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      // Unused arguments named `_x` are deliberate (callbacks whose shape is fixed by the caller).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // Everywhere: no raw ipcMain/ipcRenderer (ipc.ts and the preload are exempted below).
      ...restrict([rawIpc], []),
    },
  },
  {
    files: ['scripts/**', 'bench/**', 'e2e/**', 'integration/**', '*.config.{js,ts}', '.ci/**', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    ignores: ['shared/**/*.test.ts'],
    rules: { ...restrict(sharedRules.paths, sharedRules.patterns), 'no-restricted-syntax': ['error', ...dynamicElectron] },
  },
  {
    // Tests may use Node (temp files, timers) but still never reach into other layers.
    files: ['shared/**/*.test.ts'],
    rules: { ...restrict(sharedTestRules.paths, sharedTestRules.patterns), 'no-restricted-syntax': ['error', ...dynamicElectron] },
  },
  {
    files: ['renderer/**/*.{ts,tsx,js,jsx}'],
    ignores: ['renderer/vite.config.*'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...restrict([...rendererRules.paths, rawIpc], rendererRules.patterns), 'no-restricted-syntax': ['error', ...dynamicElectron] },
  },
  {
    files: ['renderer/vite.config.*'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['electron/src/core/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { ...restrict([...coreRules.paths, rawIpc], coreRules.patterns), 'no-restricted-syntax': ['error', ...dynamicElectron] },
  },
  {
    files: ['electron/src/shell/**/*.{ts,cts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The one wrapper over ipcMain, and the preload (the only user of ipcRenderer).
    files: ['electron/src/shell/ipc.ts', 'electron/src/shell/preload.cts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['electron/src/shell/preload.cts'],
    languageOptions: { sourceType: 'commonjs' },
    // Sandboxed preloads are CommonJS, and `import x = require()` is the typed way to write that.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['sync-server/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { ...restrict([...syncServerRules.paths, rawIpc], syncServerRules.patterns), 'no-restricted-syntax': ['error', ...dynamicElectron] },
  },
);
