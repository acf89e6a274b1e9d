/**
 * A fresh install: pair with a sync server, follow the initial sync, then boot again so the
 * synced staff can log in. The core reports "unpaired" through app.info (`device.unpaired`).
 */
import type { StateCreator } from 'zustand';
import type { ApiArgs } from '../../../shared/src/api-contract.js';
import type { AppError } from '../../../shared/src/errors.js';
import { call } from '../api/bridge.js';
import { readStatus } from './sync-slice.js';
import type { AppState } from './store.js';

export interface PairingSlice {
  /** True while app.info answers `device.unpaired`: the pairing screen is shown instead of login. */
  unpaired: boolean;
  /** 'form' until sync.pair succeeds; then 'initial-sync' until app.info answers. */
  pairingPhase: 'form' | 'initial-sync';
  /** Why the form is back after a pairing that did not last (e.g. the device was revoked mid-sync). */
  pairingLost: string | null;
  /** Pairs with the given, already validated, arguments; answers the core's error, or null. */
  pair(args: ApiArgs<'sync.pair'>): Promise<AppError | null>;
  /** Boots again once the initial sync is over and app.info answers. */
  checkInitialSync(): Promise<void>;
}

let checking = false;

export const createPairingSlice: StateCreator<AppState, [], [], PairingSlice> = (set, get) => ({
  unpaired: false,
  pairingPhase: 'form',
  pairingLost: null,
  async pair(args) {
    const result = await readStatus(set, 'sync.pair', args);
    if (result.ok || result.error.code === 'sync.already_paired') {
      set({ pairingPhase: 'initial-sync', pairingLost: null });
      return null;
    }
    return result.error;
  },
  async checkInitialSync() {
    const status = get().sync;
    if (checking || status === null || status.progress !== null) return;
    if (!status.paired) {
      set({ pairingPhase: 'form', pairingLost: status.lastError?.message ?? 'The pairing did not complete. Ask for a new pairing code and pair again.' });
      return;
    }
    checking = true;
    try {
      const info = await call('app.info', {});
      if (info.ok) await get().boot();
    } finally {
      checking = false;
    }
  },
});
