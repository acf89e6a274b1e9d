/**
 * The one wrapper over `ipcMain` (lint forbids raw `ipcMain` anywhere else in the shell).
 *
 * Every channel answers only the app's own main frame, loaded from the app's own URL. Electron
 * delivers `ipcRenderer.invoke` from any frame of any page that has a preload with access to
 * the channel, so without this check an iframe or a page the window was tricked into showing
 * could call the core. Electronegativity does not audit this; `ipc.test.ts` does.
 */
import type { ApiResult } from '../../../shared/src/errors.js';

/** The channels the preload invokes. preload.cts repeats these literals (it cannot import ESM); a test keeps them in step. */
export const IPC_CHANNELS = { call: 'similia:call', print: 'similia:print' } as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

/** The parts of Electron's `WebFrameMain` the sender check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: SenderFrame | null;
  readonly processId: number;
  readonly routingId: number;
  /** True once the frame has navigated away or been removed; its `url` may then be stale. */
  readonly detached: boolean;
}

/** The parts of Electron's `IpcMainInvokeEvent` the wrapper reads. */
export interface InvokeEventLike {
  readonly senderFrame: SenderFrame | null;
}

/** What `registerIpc` needs from `ipcMain`; a tiny in-memory registry satisfies it in tests. */
export interface IpcRegistry {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Who may call: the app window's main frame showing the app's own page. */
export interface SenderTrust {
  /** The app window's main frame, or null while there is no window. */
  appFrame(): SenderFrame | null;
  /** The URL the app window loads: its `file://…/index.html`, or an `http(s)` origin in development. */
  readonly appUrl: string;
}

/** A channel handler. It only ever sees requests from a trusted sender. */
export type IpcHandler = (payload: unknown) => Promise<ApiResult<unknown>>;

export type IpcHandlers = Readonly<Record<IpcChannel, IpcHandler>>;

const FORBIDDEN: ApiResult<never> = {
  ok: false,
  error: { code: 'auth.forbidden', message: 'This request did not come from the Similia window, so it was refused.' },
};

const INTERNAL: ApiResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'Something went wrong in the app. Try again; if it keeps happening, restart Similia.' },
};

/**
 * True when `candidate` is the app's page: for a `file:` app URL the same file (query and hash
 * ignored, since the renderer routes with the hash); for `http(s)` the same origin.
 */
export function isAppUrl(candidate: string, appUrl: string): boolean {
  let target: URL;
  let app: URL;
  try {
    target = new URL(candidate);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') {
    return target.protocol === 'file:' && target.host === app.host && target.pathname === app.pathname;
  }
  if (app.protocol === 'http:' || app.protocol === 'https:') return target.origin === app.origin;
  return false;
}

/** The sender check every channel runs first. */
export function isTrustedSender(frame: SenderFrame | null, trust: SenderTrust): boolean {
  if (frame === null || frame.detached || frame.parent !== null) return false;
  const appFrame = trust.appFrame();
  if (appFrame === null) return false;
  // Compare the frame's identity, not the object: Electron may hand out fresh wrappers.
  if (frame.processId !== appFrame.processId || frame.routingId !== appFrame.routingId) return false;
  return isAppUrl(frame.url, trust.appUrl);
}

/**
 * Registers every handler on `ipcMain` behind the sender check and returns a function that
 * removes them again. A handler that throws answers a generic `internal` error: thrown
 * objects lose their prototype across IPC anyway, and internals must not reach the page.
 */
export function registerIpc(ipcMain: IpcRegistry, handlers: IpcHandlers, trust: SenderTrust): () => void {
  const channels = Object.keys(handlers) as IpcChannel[];
  for (const channel of channels) {
    const handler = handlers[channel];
    ipcMain.handle(channel, async (event, payload) => {
      if (!isTrustedSender(event.senderFrame, trust)) return FORBIDDEN;
      try {
        return await handler(payload);
      } catch (error) {
        console.error(`[ipc] ${channel} failed`, error);
        return INTERNAL;
      }
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/**
 * `registerIpc` on Electron's real `ipcMain`. The import is dynamic so that this module (and its
 * test) loads under plain Node, where the `electron` package has no binary and throws on import.
 */
export async function registerAppIpc(handlers: IpcHandlers, trust: SenderTrust): Promise<() => void> {
  const { ipcMain } = await import('electron');
  return registerIpc(ipcMain, handlers, trust);
}
