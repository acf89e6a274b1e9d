/** Builds a server on a fresh test database with fast hashing, plus helpers for common set-up. */
import { buildApp, type App } from '../app.js';
import { DEFAULT_CONFIG, type ServerConfig } from '../config.js';
import type { Db } from '../db/db.js';
import { createTestDatabase, type BackendKind, type TestDatabase } from './test-db.js';

export const ADMIN_PASSWORD = 'admin-password-1';

/** Cheap scrypt (the cost travels in each hash) and a small login budget so tests stay fast. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return { ...DEFAULT_CONFIG, adminPassword: ADMIN_PASSWORD, scryptN: 2 ** 10, loginRateMax: 5, ...overrides };
}

export interface TestServer {
  app: App;
  db: Db;
  database: TestDatabase;
  adminToken: string;
  close(): Promise<void>;
}

type InjectReply = Awaited<ReturnType<App['inject']>>;

/** JSON request helper over `inject`; `token` becomes a Bearer header. */
export function call(app: App, method: 'GET' | 'POST', url: string, body?: unknown, token?: string): Promise<InjectReply> {
  return app.inject({
    method,
    url,
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
}

export async function startTestServer(kind: BackendKind, overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const database = await createTestDatabase(kind);
  const db = await database.open();
  const app = await buildApp({ db, config: testConfig(overrides) });
  const login = await call(app, 'POST', '/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  const adminToken = (login.json() as { accessToken: string }).accessToken;
  const server: TestServer = {
    app,
    db,
    database,
    adminToken,
    // Reads the fields at close time: a test may swap `db` for a fresh handle.
    async close() {
      await server.app.close();
      await server.db.close();
      await server.database.drop();
    },
  };
  return server;
}

let branchCounter = 0;

/** Creates a branch (Karnataka, no GSTIN) and returns its id. */
export async function createBranch(server: TestServer, code = `B${++branchCounter}`): Promise<string> {
  const res = await call(server.app, 'POST', '/v1/branches', { code, name: `Branch ${code}`, stateCode: '29' }, server.adminToken);
  if (res.statusCode !== 201) throw new Error(`createBranch failed: ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** Creates a user with a password and returns a fresh access token for them. */
export async function createStaff(
  server: TestServer,
  user: { username: string; role: 'cashier' | 'pharmacist' | 'manager' | 'admin'; branchIds: string[] },
): Promise<{ id: string; token: string }> {
  const password = `${user.username}-password`;
  const res = await call(server.app, 'POST', '/v1/users', { ...user, name: user.username, pin: '1234', password }, server.adminToken);
  if (res.statusCode !== 201) throw new Error(`createStaff failed: ${res.body}`);
  const login = await call(server.app, 'POST', '/v1/auth/login', { username: user.username, password });
  return { id: (res.json() as { id: string }).id, token: (login.json() as { accessToken: string }).accessToken };
}

export interface PairedDevice {
  deviceId: string;
  branchId: string;
  invoicePrefix: string;
  accessToken: string;
  refreshToken: string;
}

/** Issues a pairing code for `branchId` as admin and pairs a device with it. */
export async function pairDevice(server: TestServer, branchId: string, name = 'Counter 1'): Promise<PairedDevice> {
  const code = await call(server.app, 'POST', `/v1/branches/${branchId}/pairing-codes`, undefined, server.adminToken);
  const pair = await call(server.app, 'POST', '/v1/devices/pair', { code: (code.json() as { code: string }).code, name });
  if (pair.statusCode !== 201) throw new Error(`pairDevice failed: ${pair.body}`);
  return pair.json() as PairedDevice;
}
