/**
 * An HTTP proxy between devices and the sync server that misbehaves on purpose, driven by a
 * seeded PRNG so a failing run can be replayed from its seed. Faults, per request:
 * - `drop-request`: the connection is cut before the server sees anything;
 * - `drop-response`: the server handles the request, then the device's connection is cut (the
 *   device cannot know whether its push applied: the case idempotency exists for);
 * - `duplicate`: the server receives the request twice at once, the device sees one answer;
 * - `replay-later`: forwarded normally, and a copy is sent again after later requests (reorder);
 * - `pass`.
 * When the upstream is down (server killed), the device's connection is cut too.
 *
 * For the harness's own faults the proxy can also hold one matching request (before it reaches
 * the server, or after the server answered and before the device gets the answer) until told to
 * deliver or cut it, and it reports every exchange with the server to an observer, so a test can
 * see what the server answered even when the device never did.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../../shared/src/seeded-random.js';

export { seededRandom };

export type Fault = 'pass' | 'drop-request' | 'drop-response' | 'duplicate' | 'replay-later';

export interface FaultWeights {
  pass: number;
  'drop-request': number;
  'drop-response': number;
  duplicate: number;
  'replay-later': number;
}

/** One request the server answered (or failed to), as the proxy saw it. */
export interface Exchange {
  method: string;
  path: string;
  requestBody: Buffer;
  /** Why it was sent upstream: the device's request, the extra copy of `duplicate`, a replay. */
  via: 'device' | 'duplicate' | 'replay';
  /** null = no answer (connection refused or cut: the server may or may not have acted). */
  status: number | null;
  responseBody: Buffer;
}

/** Where a held request waits: before the server sees it, or after it answered. */
export type HoldStage = 'before-forward' | 'after-forward';

/** A request the proxy is holding on the harness's behalf. */
export interface HeldRequest {
  method: string;
  path: string;
  requestBody: Buffer;
  /** after-forward: the server's answer the device has not received (yet). */
  answer: { status: number; body: Buffer } | null;
  /** Sends the held answer to the device (after-forward) or forwards the request (before-forward). */
  deliver(): void;
  /** Cuts the device's connection; a request held before forwarding never reaches the server. */
  cut(): void;
}

export interface FaultProxy {
  url: string;
  /** Counts of the faults injected so far, by kind. */
  readonly injected: Record<Fault, number>;
  /** Number of requests forwarded upstream (including duplicates and replays). */
  readonly forwarded: number;
  setUpstream(port: number): void;
  setWeights(weights: FaultWeights): void;
  /** Sends every held copy for `replay-later` now, and waits for the answers. */
  flushReplays(): Promise<void>;
  /**
   * Holds the next request matching `method` and `path` (no fault is drawn for it). Resolves once
   * it is held; for `after-forward`, once the server answered (a request the server does not
   * answer is cut and the hold stays armed for the next one).
   */
  hold(method: string, path: string, stage: HoldStage): Promise<HeldRequest>;
  /** Drops an armed hold that caught nothing yet. */
  disarm(): void;
  /** Called for every request as it is sent upstream (to kill the server under it). */
  onForward: ((method: string, path: string) => void) | null;
  /** Called for every exchange with the server, including duplicates and replays. */
  onExchange: ((exchange: Exchange) => void) | null;
  close(): Promise<void>;
}


export const NO_FAULTS: FaultWeights = { pass: 1, 'drop-request': 0, 'drop-response': 0, duplicate: 0, 'replay-later': 0 };

function pick(weights: FaultWeights, r: number): Fault {
  const entries = Object.entries(weights) as [Fault, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let x = r * total;
  for (const [fault, w] of entries) {
    if (x < w) return fault;
    x -= w;
  }
  return 'pass';
}

interface Captured {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

interface Upstream {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forward(port: number, captured: Captured): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      { host: '127.0.0.1', port, method: captured.method, path: captured.path, headers: { ...captured.headers, host: `127.0.0.1:${port}`, connection: 'close' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string' && k !== 'connection' && k !== 'transfer-encoding') headers[k] = v;
          resolve({ status: res.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.setTimeout(60_000, () => upstream.destroy(new Error('upstream timeout')));
    upstream.end(captured.body);
  });
}

export async function startFaultProxy(options: { upstreamPort: number; seed: number; weights?: FaultWeights }): Promise<FaultProxy> {
  const random = seededRandom(options.seed);
  let upstreamPort = options.upstreamPort;
  let weights = options.weights ?? NO_FAULTS;
  const injected: Record<Fault, number> = { pass: 0, 'drop-request': 0, 'drop-response': 0, duplicate: 0, 'replay-later': 0 };
  let forwarded = 0;
  const held: Captured[] = [];

  let hold: { method: string; path: string; stage: HoldStage; resolve: (held: HeldRequest) => void } | null = null;
  const pending = new Set<() => void>();

  const send = async (captured: Captured, via: Exchange['via']): Promise<Upstream> => {
    forwarded += 1;
    proxy.onForward?.(captured.method, captured.path.split('?')[0] ?? '');
    try {
      const answer = await forward(upstreamPort, captured);
      proxy.onExchange?.({ method: captured.method, path: captured.path, requestBody: captured.body, via, status: answer.status, responseBody: answer.body });
      return answer;
    } catch (error) {
      proxy.onExchange?.({ method: captured.method, path: captured.path, requestBody: captured.body, via, status: null, responseBody: Buffer.alloc(0) });
      throw error;
    }
  };
  const cut = (res: ServerResponse): void => {
    res.socket?.destroy();
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => cut(res));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const captured: Captured = { method: req.method ?? 'GET', path: req.url ?? '/', headers, body };
    const armed = hold;
    if (armed !== null && armed.method === captured.method && armed.path === (captured.path.split('?')[0] ?? '')) {
      await holdRequest(armed, captured, res);
      return;
    }
    const fault = pick(weights, random());
    injected[fault] += 1;
    if (fault === 'drop-request') return cut(res);
    try {
      let answer: Upstream;
      if (fault === 'duplicate') {
        const [first] = await Promise.allSettled([send(captured, 'device'), send(captured, 'duplicate')]);
        if (first.status === 'rejected') return cut(res);
        answer = first.value;
      } else {
        answer = await send(captured, 'device');
        if (fault === 'replay-later') held.push(captured);
      }
      if (fault === 'drop-response') return cut(res);
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    } catch {
      cut(res);
    }
  }

  /** Parks a request for the harness; returns once the harness delivered or cut it. */
  async function holdRequest(armed: NonNullable<typeof hold>, captured: Captured, res: ServerResponse): Promise<void> {
    let answer: Upstream | null = null;
    if (armed.stage === 'after-forward') {
      try {
        answer = await send(captured, 'device');
      } catch {
        return cut(res); // the server did not answer: nothing to hold, stay armed
      }
    }
    if (hold !== armed) {
      // Disarmed (or caught by a concurrent request) while forwarding: behave like `pass`.
      if (answer === null) return cut(res);
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
      return;
    }
    hold = null;
    await new Promise<void>((done) => {
      let settled = false;
      const settle = (action: () => Promise<void> | void): void => {
        if (settled) return;
        settled = true;
        pending.delete(cutNow);
        void Promise.resolve(action()).finally(done);
      };
      const cutNow = (): void => settle(() => cut(res));
      pending.add(cutNow);
      armed.resolve({
        method: captured.method,
        path: captured.path,
        requestBody: captured.body,
        answer: answer === null ? null : { status: answer.status, body: answer.body },
        cut: cutNow,
        deliver: () =>
          settle(async () => {
            let reply = answer;
            if (reply === null) {
              try {
                reply = await send(captured, 'device');
              } catch {
                return cut(res);
              }
            }
            if (res.destroyed) return;
            res.writeHead(reply.status, reply.headers);
            res.end(reply.body);
          }),
      });
    });
  }

  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${port}`,
    onForward: null,
    onExchange: null,
    get injected() {
      return injected;
    },
    get forwarded() {
      return forwarded;
    },
    setUpstream: (p) => {
      upstreamPort = p;
    },
    setWeights: (w) => {
      weights = w;
    },
    flushReplays: async () => {
      const copies = held.splice(0);
      await Promise.allSettled(copies.map((c) => send(c, 'replay')));
    },
    hold: (method, path, stage) =>
      new Promise<HeldRequest>((resolve) => {
        hold = { method, path, stage, resolve };
      }),
    disarm: () => {
      hold = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        hold = null;
        for (const cutNow of [...pending]) cutNow();
        held.splice(0);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
