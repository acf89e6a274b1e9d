import { timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AppCore } from '../app-core.js';

/** Same policy as the Electron shell: nothing inline, nothing remote. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const MAX_BODY_BYTES = 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface BrowserHostOptions {
  core: AppCore;
  staticDir: string;
  host?: string;
  port?: number;
  /** Per-launch secret every API call must carry; handed to the page in the URL fragment. */
  launchKey: string;
}

export interface BrowserHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Browser mode: serves the built renderer and the app API on one local port. Another web page the
 * user has open cannot call the API: it lacks the key (sent only as a header, so a form post or an
 * <img> cannot carry it), gets no CORS headers, and a DNS-rebinding page fails the Host check.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const host = options.host ?? '127.0.0.1';
  const staticRoot = resolve(options.staticDir);
  const key = Buffer.from(`Bearer ${options.launchKey}`);
  let allowedHosts = new Set<string>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('similia host: request failed', error);
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message: 'The local host failed to answer.' } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      return sendJson(res, 421, { error: { code: 'auth.forbidden', message: 'Unexpected Host header.' } });
    }
    const url = new URL(req.url ?? '/', 'http://local');
    if (url.pathname === '/api/call') return handleApi(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: { code: 'input.invalid', message: 'Method not allowed.' } });
    return serveStatic(url.pathname, res);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { error: { code: 'input.invalid', message: 'Use POST.' } });
    const auth = Buffer.from(req.headers.authorization ?? '');
    if (auth.length !== key.length || !timingSafeEqual(auth, key)) {
      return sendJson(res, 401, { error: { code: 'auth.required', message: 'Missing or wrong launch key: open the URL printed at start-up.' } });
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, { error: { code: 'input.invalid', message: 'Send JSON.' } });
    }
    const body = await readBody(req);
    if (body === null) return sendJson(res, 413, { error: { code: 'input.invalid', message: 'Request too large.' } });
    let request: unknown;
    try {
      request = JSON.parse(body);
    } catch {
      return sendJson(res, 400, { error: { code: 'input.invalid', message: 'The request body is not valid JSON.' } });
    }
    sendJson(res, 200, await options.core.dispatch(request));
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return sendJson(res, 400, { error: { code: 'input.invalid', message: 'Bad path.' } });
    }
    const candidate = resolve(staticRoot, `.${normalize(`/${decoded}`)}`);
    if (candidate !== staticRoot && !candidate.startsWith(staticRoot + sep)) {
      return sendJson(res, 403, { error: { code: 'auth.forbidden', message: 'Outside the app folder.' } });
    }
    // A path without an extension is a screen of the single-page app.
    const file = extname(candidate) === '' ? join(staticRoot, 'index.html') : candidate;
    const info = await stat(file).catch(() => null);
    if (info === null || !info.isFile()) {
      if (file.endsWith('index.html')) {
        res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('The screens are not built yet: run `npm run build:renderer` (npm start does it for you).');
        return;
      }
      return sendJson(res, 404, { error: { code: 'input.invalid', message: 'Not found.' } });
    }
    const content = await readFile(file);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    res.end(content);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`${host}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`].map((h) => h.toLowerCase()));
  return {
    url: `http://${host}:${port}/#key=${encodeURIComponent(options.launchKey)}`,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
