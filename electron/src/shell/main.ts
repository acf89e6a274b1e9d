/**
 * Electron main process: one locked-down window showing the built renderer, talking to the
 * core (SQLite store + services) only through the two IPC channels in ipc.ts.
 *
 * Compiled by electron/tsconfig.shell-build.json to dist/electron/electron/src/shell/main.js,
 * next to preload.cjs. Cannot run on the build machines (no Electron binary); it is
 * type-checked, linted and audited by Electronegativity there.
 */
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAppCore } from '../core/app-core.js';
import type { AppCore } from '../core/app-core.js';
import { hardenSession, hardenWebContents } from './hardening.js';
import { IPC_CHANNELS, registerAppIpc } from './ipc.js';
import { printContents } from './printing.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where the pieces live: `app.getAppPath()` is the repo root in development and the asar root when packaged. */
function appPaths() {
  const root = app.getAppPath();
  const index = path.join(root, 'dist', 'renderer', 'index.html');
  return {
    index,
    indexUrl: pathToFileURL(index).href,
    preload: path.join(here, 'preload.cjs'),
    // Packaged builds carry a better-sqlite3 that electron-builder rebuilt for Electron (npmRebuild),
    // so the default lookup is right. In development node_modules holds the Node build the tests
    // use, and scripts/electron-native.mjs puts the Electron build here. See docs/native-modules.md.
    nativeBinding: app.isPackaged ? undefined : path.join(root, '.electron-native', 'better_sqlite3.node'),
  };
}

function createWindow(preload: string, index: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 680,
    title: 'Similia',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would otherwise open links in a new window; the window-open handler denies
      // those too, but there is no reason to let the event fire at all.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(index);
  return win;
}

/** Minimal menu: the counter's own shortcuts (shown on screen) must not be shadowed by menu accelerators. */
function buildMenu(): Menu {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  // Developer tools only in development: at the counter they would be a way around every check.
  if (!app.isPackaged) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    // Printing is the invoice screen's own action (window.similia.print with the right paper), not a menu item.
    { label: 'File', submenu: [{ role: 'quit' }] },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
  ];
  return Menu.buildFromTemplate(template);
}

async function start(): Promise<void> {
  const paths = appPaths();
  if (paths.nativeBinding !== undefined && !existsSync(paths.nativeBinding)) {
    dialog.showErrorBox(
      'Similia cannot open its database',
      `better-sqlite3 has not been built for Electron (${paths.nativeBinding} is missing). Start the app with "npm start", which builds it.`,
    );
    app.quit();
    return;
  }

  let core: AppCore;
  try {
    core = createAppCore({ dbPath: path.join(app.getPath('userData'), 'similia.db'), nativeBinding: paths.nativeBinding });
  } catch (error) {
    dialog.showErrorBox('Similia cannot open its database', error instanceof Error ? error.message : String(error));
    app.quit();
    return;
  }
  app.on('will-quit', () => void core.close());
  // `npm start` runs an embedded sync server and passes a pairing code for an unpaired store.
  const pairServer = process.env.SIMILIA_PAIR_SERVER;
  const pairCode = process.env.SIMILIA_PAIR_CODE;
  if (pairServer !== undefined && pairCode !== undefined && core.sync !== null && !core.sync.paired) void core.sync.pair(pairServer, pairCode);

  hardenSession(session.defaultSession);
  let win: BrowserWindow | null = null;
  await registerAppIpc(
    {
      [IPC_CHANNELS.call]: (request) => core.dispatch(request),
      [IPC_CHANNELS.print]: async (options) =>
        win === null ? { ok: false, error: { code: 'internal', message: 'There is no window to print.' } } : printContents(win.webContents, options),
    },
    { appUrl: paths.indexUrl, appFrame: () => (win === null || win.isDestroyed() ? null : win.webContents.mainFrame) },
  );

  Menu.setApplicationMenu(buildMenu());
  win = createWindow(paths.preload, paths.index);
  win.on('closed', () => {
    win = null;
  });
  app.on('second-instance', () => {
    if (win === null) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
}

// Every renderer sandboxed, whatever a future window forgets to set.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // A second copy would open a second writer on the same database; hand focus to the first instead.
  app.quit();
} else {
  hardenWebContents(app, () => appPaths().indexUrl);
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Similia failed to start', error);
      app.exit(1);
    });
}
