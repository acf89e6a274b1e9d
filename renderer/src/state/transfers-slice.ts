import type { StateCreator } from 'zustand';
import type { TransferBranch, TransferSendLineInput, TransferView } from '../../../shared/src/api/transfers-api.js';
import type { AppError } from '../../../shared/src/errors.js';
import { call } from '../api/bridge.js';
import type { AppState } from './store.js';

/** State of Transfers between branches: this branch's sent and incoming lists and the destinations. */
export interface TransfersSlice {
  /** null until first loaded. */
  transfers: { sent: TransferView[]; incoming: TransferView[] } | null;
  transferBranches: TransferBranch[];
  transfersError: AppError | null;
  loadTransfers(): Promise<void>;
  sendTransfer(args: { toBranchId: string; note: string; lines: TransferSendLineInput[] }): Promise<{ ok: true; transfer: TransferView } | { ok: false; error: AppError }>;
  receiveTransfer(args: { transferId: string; note: string; lines: { batchId: string; receivedQty: number }[] }): Promise<AppError | null>;
}

export const createTransfersSlice: StateCreator<AppState, [], [], TransfersSlice> = (set, get) => ({
  transfers: null,
  transferBranches: [],
  transfersError: null,
  async loadTransfers() {
    const [list, branches] = await Promise.all([call('transfers.list', {}), call('transfers.branches', {})]);
    if (!list.ok) return set({ transfersError: list.error });
    set({ transfers: list.value, transferBranches: branches.ok ? branches.value : [], transfersError: null });
  },
  async sendTransfer(args) {
    const r = await call('transfers.send', args);
    if (!r.ok) return { ok: false, error: r.error };
    await get().loadTransfers();
    return { ok: true, transfer: r.value };
  },
  async receiveTransfer(args) {
    const r = await call('transfers.receive', args);
    if (!r.ok) return r.error;
    await get().loadTransfers();
    return null;
  },
});
