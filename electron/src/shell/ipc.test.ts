import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/src/errors.js';
import { IPC_CHANNELS, isAppUrl, registerIpc } from './ipc.js';
import type { InvokeEventLike, IpcChannel, IpcHandlers, IpcRegistry, SenderFrame, SenderTrust } from './ipc.js';

// Electron cannot run here, so a tiny in-memory stand-in for ipcMain records the listeners
// registerIpc installs, and plain objects stand in for the invoke event and its sender frame.
type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain(): IpcRegistry & { listeners: Map<string, Listener> } {
  const listeners = new Map<string, Listener>();
  return {
    listeners,
    handle(channel, listener) {
      if (listeners.has(channel)) throw new Error(`second handler for ${channel}`);
      listeners.set(channel, listener);
    },
    removeHandler(channel) {
      listeners.delete(channel);
    },
  };
}

const APP_URL = 'file:///opt/Similia/resources/app.asar/dist/renderer/index.html';

function frame(overrides: Partial<SenderFrame> = {}): SenderFrame {
  return { url: APP_URL, parent: null, processId: 4, routingId: 1, detached: false, ...overrides };
}

const appFrame = frame();
const trust: SenderTrust = { appUrl: APP_URL, appFrame: () => appFrame };

/** Handlers that record what reached them, so a test can prove a refused call never did. */
function recordingHandlers(): { handlers: IpcHandlers; reached: IpcChannel[] } {
  const reached: IpcChannel[] = [];
  const answer = (channel: IpcChannel) => async (): Promise<ApiResult<unknown>> => {
    reached.push(channel);
    return { ok: true, value: channel };
  };
  return { reached, handlers: { [IPC_CHANNELS.call]: answer(IPC_CHANNELS.call), [IPC_CHANNELS.print]: answer(IPC_CHANNELS.print) } };
}

const untrustedSenders: [string, SenderFrame | null][] = [
  ['no sender frame (the frame is gone)', null],
  ['a frame that has navigated away (detached)', frame({ detached: true })],
  ['an iframe inside the app page', frame({ parent: appFrame, routingId: 7 })],
  ['another window or web contents', frame({ processId: 9, routingId: 3 })],
  ['the app window after navigating to a web page', frame({ url: 'https://evil.example/index.html' })],
  ['the app window showing another local file', frame({ url: 'file:///tmp/downloaded.html' })],
  ['a data: URL', frame({ url: 'data:text/html,<script>similia.call()</script>' })],
  ['an unparseable URL', frame({ url: 'not a url' })],
];

describe('registerIpc', () => {
  it('registers exactly the channels the preload uses', () => {
    const ipcMain = fakeIpcMain();
    registerIpc(ipcMain, recordingHandlers().handlers, trust);
    expect([...ipcMain.listeners.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });

  for (const channel of Object.values(IPC_CHANNELS)) {
    for (const [who, senderFrame] of untrustedSenders) {
      it(`refuses ${channel} from ${who} without reaching the handler`, async () => {
        const ipcMain = fakeIpcMain();
        const { handlers, reached } = recordingHandlers();
        registerIpc(ipcMain, handlers, trust);
        const answer = await ipcMain.listeners.get(channel)?.({ senderFrame }, { method: 'app.info', args: {} });
        expect(answer).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
        expect(reached).toEqual([]);
      });
    }

    it(`answers ${channel} from the app window's main frame`, async () => {
      const ipcMain = fakeIpcMain();
      const { handlers, reached } = recordingHandlers();
      registerIpc(ipcMain, handlers, trust);
      // A fresh wrapper object for the same frame, with the renderer's hash route: still trusted.
      const sameFrame = frame({ url: `${APP_URL}#/sell` });
      const answer = await ipcMain.listeners.get(channel)?.({ senderFrame: sameFrame }, {});
      expect(answer).toEqual({ ok: true, value: channel });
      expect(reached).toEqual([channel]);
    });
  }

  it('refuses everything while there is no app window', async () => {
    const ipcMain = fakeIpcMain();
    registerIpc(ipcMain, recordingHandlers().handlers, { appUrl: APP_URL, appFrame: () => null });
    const answer = await ipcMain.listeners.get(IPC_CHANNELS.call)?.({ senderFrame: frame() }, {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });

  it('turns a throwing handler into an internal error without its message', async () => {
    const ipcMain = fakeIpcMain();
    const boom = async (): Promise<ApiResult<unknown>> => {
      throw new Error('SQLITE_CORRUPT: secret detail');
    };
    const original = console.error;
    console.error = () => {};
    try {
      registerIpc(ipcMain, { [IPC_CHANNELS.call]: boom, [IPC_CHANNELS.print]: boom }, trust);
      const answer = await ipcMain.listeners.get(IPC_CHANNELS.call)?.({ senderFrame: frame() }, {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(JSON.stringify(answer)).not.toContain('secret');
    } finally {
      console.error = original;
    }
  });

  it('removes every handler it registered when disposed', () => {
    const ipcMain = fakeIpcMain();
    const dispose = registerIpc(ipcMain, recordingHandlers().handlers, trust);
    dispose();
    expect(ipcMain.listeners.size).toBe(0);
  });
});

describe('isAppUrl', () => {
  const cases: [string, string, boolean][] = [
    [APP_URL, APP_URL, true],
    [`${APP_URL}#/receipt/1`, APP_URL, true],
    [`${APP_URL}?x=1`, APP_URL, true],
    ['file:///opt/Similia/resources/app.asar/dist/renderer/other.html', APP_URL, false],
    ['file://evil-host/opt/Similia/resources/app.asar/dist/renderer/index.html', APP_URL, false],
    ['https://example.com/', APP_URL, false],
    ['http://127.0.0.1:5173/#/sell', 'http://127.0.0.1:5173/', true],
    ['http://127.0.0.1:5174/', 'http://127.0.0.1:5173/', false],
    ['http://localhost:5173/', 'http://127.0.0.1:5173/', false],
    ['about:blank', APP_URL, false],
    ['', APP_URL, false],
  ];
  for (const [candidate, app, expected] of cases) {
    it(`says ${JSON.stringify(candidate)} is ${expected ? '' : 'not '}the app at ${app}`, () => {
      expect(isAppUrl(candidate, app)).toBe(expected);
    });
  }
});

describe('the preload', () => {
  const source = readFileSync(new URL('./preload.cts', import.meta.url), 'utf8');

  it('invokes only the channels main registers, and each of them', () => {
    const invoked = [...source.matchAll(/ipcRenderer\.invoke\('([^']+)'/g)].map((m) => m[1]);
    expect(invoked.sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });

  it('exposes one object, window.similia, and never the raw ipcRenderer', () => {
    expect([...source.matchAll(/exposeInMainWorld\(/g)]).toHaveLength(1);
    expect(source).toMatch(/exposeInMainWorld\('similia', bridge\)/);
    expect(source).not.toMatch(/\b(send|sendSync|on|once)\(/);
  });
});
