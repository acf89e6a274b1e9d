/**
 * `stock.transfer.sent` and `stock.transfer.received` (docs/transfers.md): payload schemas,
 * checked before the push's transaction; the handlers are in ./apply-transfer.ts.
 */
import { Type, type Static } from 'typebox';
import { MAX_TRANSFER_LINES, MAX_TRANSFER_NOTE, MAX_TRANSFER_QTY } from '../../../shared/src/transfers.js';
import { Uuid } from '../http/schemas.js';
import { compileStrict, describeFailure } from '../http/validation.js';
import { applyTransferReceived, applyTransferSent } from './apply-transfer.js';
import type { FeatureMutations } from './feature-mutations.js';
import { MutationRejected } from './mutation-context.js';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Paise = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });

export const TransferSentSchema = Type.Object(
  {
    transferId: Uuid,
    toBranchId: Uuid,
    note: Type.String({ maxLength: MAX_TRANSFER_NOTE }),
    lines: Type.Array(
      Type.Object(
        {
          productId: Uuid,
          batchId: Uuid,
          batchNo: Type.String({ minLength: 1, maxLength: 64 }),
          expiry: Day,
          costPaise: Paise,
          mrpPaise: Paise,
          qty: Type.Integer({ minimum: 1, maximum: MAX_TRANSFER_QTY }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_TRANSFER_LINES },
    ),
  },
  { additionalProperties: false },
);
export type TransferSent = Static<typeof TransferSentSchema>;

export const TransferReceivedSchema = Type.Object(
  {
    transferId: Uuid,
    note: Type.String({ maxLength: MAX_TRANSFER_NOTE }),
    lines: Type.Array(
      Type.Object({ batchId: Uuid, receivedQty: Type.Integer({ minimum: 0, maximum: MAX_TRANSFER_QTY }) }, { additionalProperties: false }),
      { maxItems: MAX_TRANSFER_LINES },
    ),
  },
  { additionalProperties: false },
);
export type TransferReceived = Static<typeof TransferReceivedSchema>;

const checkSent = compileStrict<TransferSent>(TransferSentSchema);
const checkReceived = compileStrict<TransferReceived>(TransferReceivedSchema);

function distinctBatches(lines: readonly { batchId: string }[]): void {
  const seen = new Set<string>();
  for (const [i, l] of lines.entries()) {
    if (seen.has(l.batchId)) throw new MutationRejected('input.invalid', `payload/lines/${i}: batch ${l.batchId} is named twice on one transfer.`);
    seen.add(l.batchId);
  }
}

/** Mutation types of Transfers between branches: validate the payload, then apply it in the push's transaction. */
export const TRANSFERS_MUTATIONS: FeatureMutations = {
  'stock.transfer.sent': (payload) => {
    if (!checkSent(payload)) throw new MutationRejected('input.invalid', describeFailure(checkSent, 'payload'));
    distinctBatches(payload.lines);
    return { handler: (tx, ctx) => applyTransferSent(tx, ctx, payload), lockProducts: payload.lines.map((l) => l.productId) };
  },
  'stock.transfer.received': (payload) => {
    if (!checkReceived(payload)) throw new MutationRejected('input.invalid', describeFailure(checkReceived, 'payload'));
    distinctBatches(payload.lines);
    return { handler: (tx, ctx) => applyTransferReceived(tx, ctx, payload) };
  },
};
