/** App API methods of Transfers between branches (issue 5). Merged into AppApi in ../api-contract.ts. */
import type { Paise } from '../money.js';
import type { TransferStatus } from '../transfers.js';

/** Another branch a transfer can go to (from the synced `branches` table). */
export interface TransferBranch {
  id: string;
  code: string;
  name: string;
}

export interface TransferLineView {
  lineNo: number;
  productId: string;
  /** Product name with potency, form and pack, for the screen and the CSV. */
  productName: string;
  batchId: string;
  batchNo: string;
  expiry: string;
  costPaise: Paise;
  mrpPaise: Paise;
  qty: number;
  /** null until received. */
  receivedQty: number | null;
  /** sent − received; null until received. */
  differenceQty: number | null;
}

/** A transfer as this branch sees it: 'out' = sent from here, 'in' = coming here. */
export interface TransferView {
  transferId: string;
  direction: 'out' | 'in';
  fromBranch: TransferBranch;
  toBranch: TransferBranch;
  status: TransferStatus;
  /** True while this device's send or receive has not reached the server yet. */
  pendingSync: boolean;
  note: string;
  sentAt: string;
  sentByName: string;
  receivedAt: string | null;
  receivedByName: string | null;
  receivedNote: string | null;
  totalSentQty: number;
  /** null until received. */
  totalReceivedQty: number | null;
  lines: TransferLineView[];
}

export interface TransferSendLineInput {
  batchId: string;
  qty: number;
}

export interface TransfersApi {
  /** Branches a transfer can be sent to (every branch but this one). */
  'transfers.branches': { args: Record<string, never>; result: TransferBranch[] };
  /** Sent and incoming transfers of this branch, newest first. */
  'transfers.list': { args: Record<string, never>; result: { sent: TransferView[]; incoming: TransferView[] } };
  /** Sends stock to another branch: it leaves this branch's stock now (in transit). Manager or admin. */
  'transfers.send': { args: { toBranchId: string; note?: string; lines: TransferSendLineInput[] }; result: TransferView };
  /**
   * Receives an incoming transfer: the received quantities enter this branch's stock; a line not
   * named is received as sent. Manager or admin.
   */
  'transfers.receive': { args: { transferId: string; note?: string; lines: { batchId: string; receivedQty: number }[] }; result: TransferView };
}

export const TRANSFERS_METHODS: readonly (keyof TransfersApi)[] = ['transfers.branches', 'transfers.list', 'transfers.send', 'transfers.receive'];

/** Error codes of this feature; part of ErrorCode (../errors.ts). */
export type TransfersErrorCode = 'transfer.unknown' | 'transfer.already_received' | 'transfer.branch_invalid';
