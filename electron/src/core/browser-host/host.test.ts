import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../app-core.js';
import { copyOf, makeTemplate, removeTestDirs, testDir } from '../testing/demo-store.js';
import { startBrowserHost, type BrowserHost } from './host.js';

const KEY = 'test-launch-key-123';
let core: AppCore;
let host: BrowserHost;

/** Raw HTTP so the test controls every header, including Host. */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (body: string, headers: Record<string, string> = {}) =>
  send('/api/call', { method: 'POST', body, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${KEY}`, ...headers } });

beforeAll(async () => {
  core = createAppCore({ dbPath: copyOf(await makeTemplate(300)) });
  const root = testDir('similia-static-');
  const staticDir = join(root, 'app');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Similia</title>');
  writeFileSync(join(root, 'secret.txt'), 'do not serve'); // one level above the served folder
  host = await startBrowserHost({ core, staticDir, port: 0, launchKey: KEY });
});
afterAll(async () => {
  await host.close();
  core.close();
  removeTestDirs();
});

describe('the browser-mode host', () => {
  it('hands the launch key to the page only in the URL fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#key=${KEY}`);
  });

  it('answers API calls that carry the launch key', async () => {
    const res = await api(JSON.stringify({ method: 'app.info', args: {} }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { deviceName: 'Counter 1' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses calls without the key or with a wrong one', async () => {
    expect((await api('{"method":"app.info","args":{}}', { Authorization: '' })).status).toBe(401);
    expect((await api('{"method":"app.info","args":{}}', { Authorization: `Bearer ${KEY}x` })).status).toBe(401);
  });

  it('refuses a request whose Host is another name, as a DNS-rebinding page would send', async () => {
    const res = await api('{"method":"app.info","args":{}}', { Host: `evil.example:${host.port}` });
    expect(res.status).toBe(421);
    expect((await send('/', { headers: { Host: 'evil.example' } })).status).toBe(421);
  });

  it('answers bad bodies with a clear 4xx, never a crash', async () => {
    expect((await api('{not json')).status).toBe(400);
    expect((await api('x'.repeat(1024 * 1024 + 10))).status).toBe(413);
    expect((await api('{}', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await send('/api/call')).status).toBe(405);
  });

  it('serves the screens with a strict Content-Security-Policy and nothing outside its folder', async () => {
    const page = await send('/sell');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(page.headers['content-security-policy'])).not.toContain('unsafe-inline');
    for (const path of ['/..%2fsecret.txt', '/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const traversal = await send(path);
      expect([403, 404]).toContain(traversal.status);
      expect(traversal.body).not.toContain('do not serve');
    }
  });

  it('still serves the API when the screens are not built, and says so in plain text for pages', async () => {
    const bare = await startBrowserHost({ core, staticDir: testDir('similia-empty-'), port: 0, launchKey: KEY });
    try {
      const page = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        request({ host: '127.0.0.1', port: bare.port, path: '/' }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
        })
          .on('error', reject)
          .end();
      });
      expect(page).toMatchObject({ status: 503, type: 'text/plain; charset=utf-8' });
      expect(page.body).toMatch(/build:renderer/);
      const info = await fetch(`http://127.0.0.1:${bare.port}/api/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${KEY}` },
        body: JSON.stringify({ method: 'sync.status', args: {} }),
      });
      expect(await info.json()).toMatchObject({ ok: true, value: { online: false } });
    } finally {
      await bare.close();
    }
  });
});
