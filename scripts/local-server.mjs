// The sync server `npm start` runs beside the app: PGlite under .data/server with the demo
// organisation, so a newcomer sees sync working with no set-up. Also issues the pairing code the
// app uses to pair itself with it (the app ignores it once paired).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './run-tools.mjs';

const DEMO_BRANCH_CODE = 'BLR';

/**
 * The office admin's password for this machine's embedded server: made on first start, kept in
 * the data folder (mode 600) so later starts can issue pairing codes.
 * @param {string} dataDir
 */
function adminPassword(dataDir) {
  const file = path.join(dataDir, 'admin-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const password = randomBytes(12).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return password;
}

/**
 * @param {string} url
 * @param {string} method
 * @param {string} route
 * @param {unknown} [body]
 * @param {string} [token]
 * @returns {Promise<any>}
 */
async function api(url, method, route, body, token) {
  /** @type {Record<string, string>} */
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${url}${route}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** @param {string} url */
async function healthy(url) {
  try {
    return (await fetch(`${url}/ready`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

/**
 * Starts the embedded server (unless one already answers on the port) and returns its URL, a
 * pairing code for the demo branch, and a stop function. Null, with a line on stderr, when it
 * cannot: the app then runs offline, which is how a counter works anyway.
 * @param {{ port?: number, dataDir?: string }} [options]
 * @returns {Promise<{ url: string, code: string | null, stop: () => void } | null>}
 */
export async function startLocalSyncServer(options = {}) {
  const port = options.port ?? Number(process.env.SIMILIA_SERVER_PORT ?? 3004);
  const dataDir = path.resolve(ROOT, options.dataDir ?? process.env.SIMILIA_SERVER_DATA ?? '.data/server');
  const url = `http://127.0.0.1:${port}`;
  const password = adminPassword(dataDir);
  /** @type {import('node:child_process').ChildProcess | null} */
  let child = null;
  if (!(await healthy(url))) {
    console.log(`Starting the sync server (PGlite in ${path.relative(ROOT, dataDir) || dataDir}, demo data) on ${url}…`);
    child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SIMILIA_SERVER_DATA: dataDir, SIMILIA_DEMO: '1', SIMILIA_ADMIN_PASSWORD: password, DATABASE_URL: '' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const started = Date.now();
    while (!(await healthy(url))) {
      if (child.exitCode !== null || Date.now() - started > 120_000) {
        console.error(`The sync server did not start (exit ${child.exitCode}); the app runs offline. Try: npm run server`);
        child.kill();
        return null;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const stop = () => {
    if (child !== null && child.exitCode === null) child.kill('SIGTERM');
  };
  try {
    const { accessToken } = await api(url, 'POST', '/v1/auth/login', { username: 'admin', password });
    const { branches } = await api(url, 'GET', '/v1/branches', undefined, accessToken);
    const branch = branches.find((/** @type {{ code: string }} */ b) => b.code === DEMO_BRANCH_CODE);
    if (branch === undefined) throw new Error(`no ${DEMO_BRANCH_CODE} branch on the server`);
    const { code } = await api(url, 'POST', `/v1/branches/${branch.id}/pairing-codes`, undefined, accessToken);
    console.log(`Sync server ready: ${url} (office login: admin / ${password}, kept in ${path.relative(ROOT, path.join(dataDir, 'admin-password'))})`);
    return { url, code, stop };
  } catch (error) {
    console.error(`The sync server answers but cannot issue a pairing code (${String(error)}); the app runs offline.`);
    return { url, code: null, stop };
  }
}
