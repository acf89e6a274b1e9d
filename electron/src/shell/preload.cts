/**
 * Preload for the app window: exposes exactly `window.similia` (`SimiliaBridge` from
 * shared/src/api-contract.ts) and nothing else — never `ipcRenderer` itself, which would let
 * the page send on any channel.
 *
 * CommonJS because sandboxed preloads cannot be ES modules; compiled to `preload.cjs`. It cannot
 * import our ESM modules at run time either, so the channel names are literals here; ipc.test.ts
 * checks they match `IPC_CHANNELS` in ipc.ts.
 */
import electron = require('electron');
import type { SimiliaBridge } from '../../../shared/src/api-contract.js';

const bridge: SimiliaBridge = {
  // Only the request crosses: no event object, no sender, nothing the page could use to reach Electron.
  call: (request) => electron.ipcRenderer.invoke('similia:call', request),
  print: (options) => electron.ipcRenderer.invoke('similia:print', options),
};

electron.contextBridge.exposeInMainWorld('similia', bridge);
