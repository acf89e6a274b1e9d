import type { ReturnsApi } from '../../../../shared/src/api/returns-api.js';
import { rangeProblem } from '../../../../shared/src/reports/periods.js';
import { fail, ok } from '../../../../shared/src/errors.js';
import { businessDate, id, optionalId } from '../api/fields.js';
import { creditNote, listCreditNotes } from '../services/return-credit-notes.js';
import { ReturnService } from '../services/return-service.js';
import type { FeatureHandlers, FeatureSchemas, HandlerDeps } from './handler.js';

/** Argument schema of every ReturnsApi method. */
export const RETURNS_SCHEMAS: FeatureSchemas<ReturnsApi> = {
  'return.find': { query: { kind: 'string', min: 1, max: 80 } },
  'return.sale': { saleId: id },
  'return.create': {
    clientRequestId: id,
    saleId: id,
    lines: { kind: 'array', max: 200, of: { kind: 'object', shape: { lineNo: { kind: 'int', min: 1, max: 10_000 }, qty: { kind: 'int', min: 1, max: 9999 } } } },
    refundMethod: { kind: 'enum', values: ['cash', 'card', 'upi', 'store_credit'] },
    reason: { kind: 'string', min: 1, max: 200 },
    managerStaffId: optionalId,
    managerPin: { kind: 'string', min: 1, max: 12, optional: true, nullable: true },
  },
  'return.creditNote': { creditNoteId: id },
  'return.list': { from: businessDate, to: businessDate },
};

/** Handlers of Returns against an invoice, credit notes, refunds, store credit. */
export function returnsHandlers(deps: HandlerDeps): FeatureHandlers<ReturnsApi> {
  const returns = new ReturnService(deps.ctx);
  return {
    'return.find': (args) => ok(returns.find(args.query)),
    'return.sale': (args) => returns.sale(args.saleId),
    'return.create': (args, staff) => returns.create(deps.must(staff), args),
    'return.creditNote': (args) => creditNote(deps.ctx.db, args.creditNoteId),
    'return.list': (args) => {
      const range = rangeProblem({ from: args.from, to: args.to });
      return range === null ? ok(listCreditNotes(deps.ctx.db, args.from, args.to)) : fail('input.invalid', range);
    },
  };
}
