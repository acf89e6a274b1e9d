/**
 * Sync status and the sync panel's actions. Every method that answers a SyncStatus goes through
 * one reader, so a slow answer never overwrites a newer one on screen.
 */
import type { StateCreator } from 'zustand';
import type { ApiArgs, SyncStatus } from '../../../shared/src/api-contract.js';
import type { ApiResult } from '../../../shared/src/errors.js';
import { call } from '../api/bridge.js';
import { acceptStatus, issueStatusRequest, NO_STATUS, type StatusOrder } from './status-order.js';
import type { AppState } from './store.js';

type StatusMethod = 'sync.status' | 'sync.pair' | 'sync.now' | 'sync.retryRejected';

export type SyncAction = { kind: 'now' } | { kind: 'retry'; mutationId: string } | null;

export interface SyncSlice {
  sync: SyncStatus | null;
  /** When `sync` was read (ms since epoch): the "now" for the ages and countdowns shown beside it. */
  syncReadAt: number;
  /** The panel action in flight, if any. */
  syncAction: SyncAction;
  /** Why the last panel action failed, shown in the panel until the next one. */
  syncActionError: string | null;
  refreshSync(): Promise<void>;
  /** One tick of the status poll: refresh, and follow the initial sync while pairing. */
  pollSync(): Promise<void>;
  syncNow(): Promise<void>;
  retryRejected(mutationId: string): Promise<void>;
  /** Ctrl+Y and the header chip: opens the panel, or closes it when open. Never replaces another dialog. */
  toggleSyncPanel(): void;
}

let order: StatusOrder = NO_STATUS;

type Set = Parameters<StateCreator<AppState, [], [], SyncSlice>>[0];

/** Calls a method that answers a SyncStatus and shows the answer unless it is stale (status-order.ts). */
export async function readStatus<M extends StatusMethod>(set: Set, method: M, args: ApiArgs<M>): Promise<ApiResult<SyncStatus>> {
  const issuedNow = issueStatusRequest(order);
  order = issuedNow.order;
  const result: ApiResult<SyncStatus> = await call(method, args);
  if (!result.ok) return result;
  const accepted = acceptStatus(order, issuedNow.ticket, method === 'sync.status' ? 'read' : 'action');
  order = accepted.order;
  if (accepted.show) set({ sync: result.value, syncReadAt: Date.now() });
  return result;
}

export const createSyncSlice: StateCreator<AppState, [], [], SyncSlice> = (set, get) => ({
  sync: null,
  syncReadAt: 0,
  syncAction: null,
  syncActionError: null,
  async refreshSync() {
    await readStatus(set, 'sync.status', {});
  },
  async pollSync() {
    await get().refreshSync();
    const state = get();
    if (state.unpaired && state.pairingPhase === 'initial-sync') await state.checkInitialSync();
  },
  async syncNow() {
    if (get().syncAction !== null) return;
    set({ syncAction: { kind: 'now' }, syncActionError: null });
    const result = await readStatus(set, 'sync.now', {});
    set({ syncAction: null, syncActionError: result.ok ? null : result.error.message });
  },
  async retryRejected(mutationId) {
    if (get().syncAction !== null) return;
    set({ syncAction: { kind: 'retry', mutationId }, syncActionError: null });
    const result = await readStatus(set, 'sync.retryRejected', { mutationId });
    set({ syncAction: null, syncActionError: result.ok ? null : result.error.message });
  },
  toggleSyncPanel() {
    const { dialog } = get();
    if (dialog === 'sync') return get().closeDialog();
    if (dialog !== 'none') return;
    set({ dialog: 'sync', syncActionError: null });
    void get().refreshSync();
  },
});
