/**
 * A private NATS server with JetStream for one test file: Debian's `nats-server -js` on a free port
 * with its own store directory, so tests can stop and restart "the broker" without touching the
 * machine's shared one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NATS_SERVER_BIN = process.env.SIMILIA_NATS_SERVER ?? '/usr/sbin/nats-server';

export interface TestNats {
  url: string;
  port: number;
  /** Stops the broker (SIGTERM, or SIGKILL with `hard`); the store directory is kept. */
  stop(hard?: boolean): Promise<void>;
  /** Starts it again on the same port and store. */
  start(): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startTestNats(): Promise<TestNats> {
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'similia-nats-'));
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    if (child !== null) return;
    const proc = spawn(NATS_SERVER_BIN, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store], { stdio: 'ignore' });
    child = proc;
    proc.once('exit', () => {
      if (child === proc) child = null;
    });
    const deadline = Date.now() + 10_000;
    while (!(await accepts(port))) {
      if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`nats-server did not start on port ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const stop = async (hard = false): Promise<void> => {
    const proc = child;
    if (proc === null) return;
    child = null;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill(hard ? 'SIGKILL' : 'SIGTERM');
    });
  };
  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    stop,
    start,
    close: async () => {
      await stop(true);
      rmSync(store, { recursive: true, force: true });
    },
  };
}
