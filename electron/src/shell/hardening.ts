/**
 * Process-wide security settings for the shell, applied before any window exists. Each one
 * closes a way for content that is not our renderer to run with the app's privileges.
 */
import type { App, Session, WebContents } from 'electron';
import { withCsp } from './csp.js';
import { isAppUrl } from './ipc.js';

/**
 * Every response gets our CSP header, every permission request (camera, notifications,
 * geolocation, …) is refused — a point of sale needs none of them — and web contents can
 * neither navigate away from the app page, open windows, nor attach `<webview>`s.
 */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Locks down every web contents the app ever creates, so none can slip past by being created later. */
export function hardenWebContents(app: App, appUrl: () => string): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, appUrl())) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, appUrl())) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // Links meant for a new window (target=_blank, window.open) are refused outright; the app
    // has no external links, and opening them in the OS browser would be a way out of the sandbox.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
