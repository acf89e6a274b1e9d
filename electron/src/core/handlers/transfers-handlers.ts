import type { TransfersApi } from '../../../../shared/src/api/transfers-api.js';
import { fail, ok } from '../../../../shared/src/errors.js';
import { canTransferStock, MAX_TRANSFER_LINES, MAX_TRANSFER_NOTE, MAX_TRANSFER_QTY } from '../../../../shared/src/transfers.js';
import { id } from '../api/fields.js';
import { TransferService } from '../services/transfer-service.js';
import { listTransfers } from '../services/transfer-views.js';
import type { FeatureHandlers, FeatureSchemas, HandlerDeps } from './handler.js';

const note = { kind: 'string', max: MAX_TRANSFER_NOTE, optional: true } as const;

/** Argument schema of every TransfersApi method. */
export const TRANSFERS_SCHEMAS: FeatureSchemas<TransfersApi> = {
  'transfers.branches': {},
  'transfers.list': {},
  'transfers.send': {
    toBranchId: id,
    note,
    lines: { kind: 'array', max: MAX_TRANSFER_LINES, of: { kind: 'object', shape: { batchId: id, qty: { kind: 'int', min: 1, max: MAX_TRANSFER_QTY } } } },
  },
  'transfers.receive': {
    transferId: id,
    note,
    lines: { kind: 'array', max: MAX_TRANSFER_LINES, of: { kind: 'object', shape: { batchId: id, receivedQty: { kind: 'int', min: 0, max: MAX_TRANSFER_QTY } } } },
  },
};

/** Handlers of Transfers between branches. */
export function transfersHandlers(deps: HandlerDeps): FeatureHandlers<TransfersApi> {
  const { ctx, must } = deps;
  const transfers = new TransferService(ctx);
  return {
    'transfers.branches': (_args, staff) => transfers.branches(must(staff)),
    'transfers.list': (_args, staff) => {
      const s = must(staff);
      return canTransferStock(s.role) ? ok(listTransfers(ctx.db)) : fail('auth.forbidden', `${s.name} (${s.role}) cannot see transfers: a manager must.`);
    },
    'transfers.send': (args, staff) => transfers.send(must(staff), args),
    'transfers.receive': (args, staff) => transfers.receive(must(staff), args),
  };
}
