/**
 * A counter in its own process, so the fault suite can SIGKILL it mid-push: the app core on a
 * SQLite file, driven over the IPC channel by `device-host.ts`. Argument: the JSON of
 * `ChildDeviceConfig`. Sends `{ ready: true }` once the store is open and the sync loop started.
 */
import { createAppCore } from '../../electron/src/core/app-core.js';
import { seededRandom } from './fault-proxy.js';
import { describeSyncError, type ChildDeviceConfig, type ChildReply, type ChildRequest } from './device-host.js';

const config = JSON.parse(process.argv[2] ?? '{}') as ChildDeviceConfig;
const core = createAppCore({ dbPath: config.dbPath, sync: { ...config.sync, random: seededRandom(config.seed) } });

function send(reply: ChildReply): void {
  process.send?.(reply);
}

process.on('message', (message: ChildRequest) => {
  void (async () => {
    try {
      let value: unknown = null;
      if (message.op === 'dispatch') value = await core.dispatch(message.request);
      else if (message.op === 'syncOnce') await core.sync?.syncOnce();
      else if (message.op === 'stop') await core.sync?.stop();
      else if (message.op === 'close') {
        await core.close();
        send({ id: message.id, ok: true, value: null });
        process.disconnect();
        return;
      }
      send({ id: message.id, ok: true, value });
    } catch (error) {
      send({ id: message.id, ok: false, error: describeSyncError(error) });
    }
  })();
});

// The harness went away (or closed us): nothing more will be asked.
process.once('disconnect', () => process.exit(0));

send({ ready: true });
