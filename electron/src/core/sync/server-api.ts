/**
 * The sync server's device endpoints as the counter calls them (docs/sync-protocol.md), over
 * `fetch`. Every failure becomes a `SyncFailure` that says whether waiting and trying again can
 * help (network down, server restarting, 5xx) or not (the pairing code is wrong, the device was
 * revoked), so the loop backs off on the first kind and stops and tells the user on the second.
 */
import type { Mutation } from '../../../../shared/src/sync-protocol.js';

export type FailureKind =
  /** No answer: connection refused or cut, DNS, timeout. Retry with backoff. */
  | 'network'
  /** The server answered 5xx or 429. Retry with backoff. */
  | 'server'
  /** The access token was refused: refresh it, then retry. */
  | 'token'
  /** The credentials are dead (revoked, refresh token reused or unknown): pair again. */
  | 'credentials'
  /** The server refused the request as such (4xx): retrying the same request cannot help. */
  | 'refused';

export class SyncFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly code: string,
    message: string,
    readonly status = 0,
    /** The parsed JSON of a failed reply (for example the row errors of a refused import), when there was one. */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}

export interface PairReply {
  deviceId: string;
  branchId: string;
  invoicePrefix: string;
  accessToken: string;
  refreshToken: string;
}

export interface TokenReply {
  accessToken: string;
  refreshToken: string;
}

export interface PushResult {
  id: string;
  status: 'applied' | 'duplicate' | 'rejected';
  code?: string;
  message?: string;
  /** Extension: xid (decimal) of the transaction that applied the mutation. */
  pos?: string;
}

export interface PulledChange {
  table: string;
  op: 'upsert' | 'delete';
  row: Record<string, unknown>;
  /** Extension: xid (decimal) of the transaction that last wrote the entry. */
  pos?: string;
}

export interface PullReply {
  changes: PulledChange[];
  cursor: string;
  hasMore: boolean;
  remaining?: number;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

const CREDENTIAL_CODES = new Set(['device.revoked', 'auth.refresh_reused', 'auth.refresh_invalid']);

/** `http://host:port` without a trailing slash; refuses anything that is not an http(s) URL. */
export function normaliseServerUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export class ServerApi {
  constructor(
    private readonly fetchImpl: FetchLike = (input, init) => fetch(input, init),
    private readonly timeoutMs = 30_000,
  ) {}

  pair(serverUrl: string, code: string, name: string): Promise<PairReply> {
    return this.request<PairReply>(serverUrl, 'POST', '/v1/devices/pair', { body: { code, name } });
  }

  refresh(serverUrl: string, refreshToken: string, rotationId: string): Promise<TokenReply> {
    return this.request<TokenReply>(serverUrl, 'POST', '/v1/devices/token', { body: { refreshToken, rotationId } });
  }

  push(serverUrl: string, accessToken: string, mutations: readonly Mutation[]): Promise<{ results: PushResult[] }> {
    return this.request(serverUrl, 'POST', '/v1/sync/push', { body: { mutations }, accessToken });
  }

  /** Staff login for the office REST API (the counter's reports across branches). */
  login(serverUrl: string, username: string, password: string): Promise<{ accessToken: string; user: { role: string } }> {
    return this.request(serverUrl, 'POST', '/v1/auth/login', { body: { username, password } });
  }

  /** A GET of the REST API with a staff access token. */
  get<T>(serverUrl: string, path: string, accessToken: string): Promise<T> {
    return this.request<T>(serverUrl, 'GET', path, { accessToken });
  }

  /** A POST of the REST API with a staff access token; `extraMs` lengthens the timeout for a long job (a large import). */
  post<T>(serverUrl: string, path: string, body: unknown, accessToken: string, extraMs = 0): Promise<T> {
    return this.request<T>(serverUrl, 'POST', path, { body, accessToken, extraMs });
  }

  pull(serverUrl: string, accessToken: string, query: { cursor: string | null; limit: number; wait: number }, signal?: AbortSignal): Promise<PullReply> {
    const params = new URLSearchParams({ limit: String(query.limit), wait: String(query.wait) });
    if (query.cursor !== null) params.set('cursor', query.cursor);
    return this.request(serverUrl, 'GET', `/v1/sync/pull?${params.toString()}`, { accessToken, extraMs: query.wait * 1000, ...(signal === undefined ? {} : { signal }) });
  }

  private async request<T>(
    serverUrl: string,
    method: 'GET' | 'POST',
    path: string,
    options: { body?: unknown; accessToken?: string; extraMs?: number; signal?: AbortSignal },
  ): Promise<T> {
    const timeout = AbortSignal.timeout(this.timeoutMs + (options.extraMs ?? 0));
    const signal = options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.accessToken !== undefined) headers.authorization = `Bearer ${options.accessToken}`;
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(`${serverUrl}${path}`, {
        method,
        headers,
        signal,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      text = await response.text();
    } catch (error) {
      if (options.signal?.aborted === true) throw new SyncFailure('network', 'sync.aborted', 'The request was cancelled.');
      const reason = timeout.aborted ? 'it did not answer in time' : describeNetworkError(error);
      throw new SyncFailure('network', 'sync.server_unreachable', `Cannot reach the sync server at ${serverUrl}: ${reason}.`);
    }
    let json: unknown;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    if (response.ok) {
      if (json === null || typeof json !== 'object') throw new SyncFailure('server', 'sync.bad_reply', `The sync server sent a reply that is not JSON (${response.status}).`, response.status);
      return json as T;
    }
    const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const code = typeof error?.code === 'string' ? error.code : `http.${response.status}`;
    const message = typeof error?.message === 'string' ? error.message : `The sync server answered ${response.status}.`;
    throw new SyncFailure(classify(response.status, code), code, message, response.status, json ?? undefined);
  }
}

function classify(status: number, code: string): FailureKind {
  if (status >= 500 || status === 429 || status === 408) return 'server';
  if (CREDENTIAL_CODES.has(code)) return 'credentials';
  if (status === 401 && code.startsWith('auth.token')) return 'token';
  return 'refused';
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code === 'ECONNREFUSED' ? 'connection refused (is the server running?)' : cause.code;
  return error instanceof Error ? error.message : String(error);
}
