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
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'pass' | 'drop-request' | 'drop-response' | 'duplicate' | 'replay-later';

export interface FaultWeights {
  pass: number;
  'drop-request': number;
  'drop-response': number;
  duplicate: number;
  'replay-later': number;
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
  close(): Promise<void>;
}

/** mulberry32: small, fast and good enough to pick faults reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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

  const send = async (captured: Captured): Promise<Upstream> => {
    forwarded += 1;
    return forward(upstreamPort, captured);
  };
  const cut = (res: ServerResponse): void => {
    res.socket?.destroy();
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const captured: Captured = { method: req.method ?? 'GET', path: req.url ?? '/', headers, body };
      const fault = pick(weights, random());
      injected[fault] += 1;
      if (fault === 'drop-request') return cut(res);
      try {
        let answer: Upstream;
        if (fault === 'duplicate') {
          const [first] = await Promise.allSettled([send(captured), send(captured)]);
          if (first.status === 'rejected') return cut(res);
          answer = first.value;
        } else {
          answer = await send(captured);
          if (fault === 'replay-later') held.push(captured);
        }
        if (fault === 'drop-response') return cut(res);
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      } catch {
        cut(res);
      }
    })();
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
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
      await Promise.allSettled(copies.map((c) => send(c)));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
