/**
 * Where a counter of the fault suite runs: in this process (`createAppCore`, cheap) or in a child
 * process (`device-child.ts`, so it can really be SIGKILLed). Both answer the same calls; the
 * harness reads a device's SQLite file directly (`readStore`) to compare it with the server.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createAppCore, type AppCore } from '../../electron/src/core/app-core.js';
import { SyncFailure } from '../../electron/src/core/sync/server-api.js';
import type { SyncClientOptions } from '../../electron/src/core/sync/sync-client.js';
import { seededRandom } from './fault-proxy.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./device-child.ts', import.meta.url));

/** Sync settings a device runs with (the PRNG is built from `seed` on either side). */
export type DeviceSyncSettings = Required<Pick<SyncClientOptions, 'idleWaitSeconds' | 'backoff' | 'pushBatch' | 'pullLimit'>>;

export interface ChildDeviceConfig {
  dbPath: string;
  seed: number;
  sync: DeviceSyncSettings;
}

export type ChildRequest = { id: number } & ({ op: 'dispatch'; request: unknown } | { op: 'syncOnce' } | { op: 'stop' } | { op: 'close' });
export type ChildReply = { ready: true } | { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export type ApiReply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

export interface DeviceHost {
  readonly kind: 'in-process' | 'child';
  dispatch(request: { method: string; args: Record<string, unknown>; sessionToken: string | null }): Promise<ApiReply>;
  /** One push + pull; resolves to null, or the failure's message. */
  syncOnce(): Promise<string | null>;
  /** Stops the background loop (explicit syncOnce calls still work). */
  stopLoop(): Promise<void>;
  /** Orderly close. In-process: the returned promise waits for the push in flight to end. */
  close(): Promise<void>;
  /** Child only: SIGKILL, resolves once the process is gone. */
  kill(): Promise<void>;
}

/** `SyncFailure credentials/device.revoked: …` — kind and code first, so the harness can tell a dead pairing from a blip. */
export function describeSyncError(error: unknown): string {
  if (error instanceof SyncFailure) return `SyncFailure ${error.kind}/${error.code}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function openInProcess(dbPath: string, seed: number, sync: DeviceSyncSettings): DeviceHost {
  const core: AppCore = createAppCore({ dbPath, sync: { ...sync, random: seededRandom(seed) } });
  return {
    kind: 'in-process',
    dispatch: (request) => core.dispatch(request) as Promise<ApiReply>,
    syncOnce: async () => {
      try {
        await core.sync?.syncOnce();
        return null;
      } catch (error) {
        return describeSyncError(error);
      }
    },
    stopLoop: async () => {
      await core.sync?.stop();
    },
    close: () => core.close(),
    kill: () => Promise.reject(new Error('an in-process device cannot be SIGKILLed')),
  };
}

export async function openChild(dbPath: string, seed: number, sync: DeviceSyncSettings): Promise<DeviceHost> {
  const config: ChildDeviceConfig = { dbPath, seed, sync };
  const child: ChildProcess = fork(CHILD, [JSON.stringify(config)], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      for (const w of waiting.values()) w.reject(new Error('device process ended'));
      waiting.clear();
      resolve();
    });
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`device child did not start within 20 s: ${stderr}`)), 20_000);
    child.on('message', (reply: ChildReply) => {
      if ('ready' in reply) {
        clearTimeout(timer);
        resolve();
        return;
      }
      const w = waiting.get(reply.id);
      if (w === undefined) return;
      waiting.delete(reply.id);
      if (reply.ok) w.resolve(reply.value);
      else w.reject(new Error(reply.error));
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`device child exited before it was ready: ${stderr}`));
    });
  });
  const ask = (op: ChildRequest): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (exited) return reject(new Error('device process ended'));
      waiting.set(op.id, { resolve, reject });
      child.send(op);
    });
  return {
    kind: 'child',
    dispatch: (request) => ask({ id: nextId++, op: 'dispatch', request }) as Promise<ApiReply>,
    syncOnce: () =>
      ask({ id: nextId++, op: 'syncOnce' }).then(
        () => null,
        (error: Error) => error.message,
      ),
    stopLoop: async () => {
      await ask({ id: nextId++, op: 'stop' });
    },
    close: async () => {
      if (exited) return;
      await ask({ id: nextId++, op: 'close' }).catch(() => undefined);
      await exit;
    },
    kill: async () => {
      if (!exited) child.kill('SIGKILL');
      await exit;
    },
  };
}

/**
 * Reads a device's store with a connection of its own (read-write, so a file left by a killed
 * process is recovered first; nothing is written).
 */
export function readStore<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return read(db);
  } finally {
    db.close();
  }
}

/** Writes to a device's store from outside (the harness's clock tricks). */
export function writeStore(file: string, sql: string): void {
  readStore(file, (db) => db.prepare(sql).run());
}
