/**
 * The ONLY module that touches the transport: `window.similia` in Electron, `POST /api/call` in
 * browser mode. Everything else calls `call(method, args)` and gets an ApiResult, never a throw.
 */
import type { ApiCall, ApiRequest, SimiliaBridge } from '../../../shared/src/api-contract.js';
import type { ApiResult } from '../../../shared/src/errors.js';

const KEY_STORAGE = 'similia.launchKey';
const SESSION_STORAGE = 'similia.session';

declare global {
  interface Window {
    similia?: SimiliaBridge;
  }
}

/** The launch key arrives once in the URL fragment (never sent to any server); keep it for reloads. */
function launchKey(): string | null {
  const match = /(?:^#|&)key=([^&]+)/.exec(window.location.hash);
  if (match?.[1] !== undefined) {
    sessionStorage.setItem(KEY_STORAGE, decodeURIComponent(match[1]));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(KEY_STORAGE);
}

const key = typeof window.similia === 'undefined' ? launchKey() : null;

export function sessionToken(): string | null {
  return sessionStorage.getItem(SESSION_STORAGE);
}

export function setSessionToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(SESSION_STORAGE);
  else sessionStorage.setItem(SESSION_STORAGE, token);
}

async function overHttp(request: ApiRequest): Promise<ApiResult<unknown>> {
  if (key === null) return { ok: false, error: { code: 'auth.required', message: 'Open the app with the URL printed when it started (it carries the launch key).' } };
  try {
    const res = await fetch('./api/call', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
      body: JSON.stringify(request),
    });
    const body = (await res.json()) as ApiResult<unknown> | { error: { code: string; message: string } };
    if ('ok' in body) return body;
    return { ok: false, error: { code: 'auth.required', message: body.error.message } };
  } catch {
    return { ok: false, error: { code: 'internal', message: 'The app core is not answering. Is Similia still running?' } };
  }
}

export const call: ApiCall = async (method, args) => {
  const request: ApiRequest = { method, args, sessionToken: sessionToken() };
  const result = window.similia !== undefined ? await window.similia.call(request) : await overHttp(request);
  return result as never;
};

/** Prints the current page: the Electron shell's print dialog, or the browser's. */
export async function printPage(paper: '80mm' | 'A4'): Promise<void> {
  if (window.similia !== undefined) await window.similia.print({ paper });
  else window.print();
}
