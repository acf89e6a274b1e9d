import type { StocktakeApi } from '../../../../shared/src/api/stocktake-api.js';
import { ok } from '../../../../shared/src/errors.js';
import { MAX_COUNT } from '../../../../shared/src/stocktake.js';
import { id, optionalId } from '../api/fields.js';
import { postStocktake } from '../services/stocktake-post.js';
import { mayCount, StocktakeService } from '../services/stocktake-service.js';
import type { FeatureHandlers, FeatureSchemas, HandlerDeps } from './handler.js';

const brand = { kind: 'string', min: 1, max: 100 } as const;

/** Argument schema of every StocktakeApi method. */
export const STOCKTAKE_SCHEMAS: FeatureSchemas<StocktakeApi> = {
  'stocktake.brands': {},
  'stocktake.list': {},
  'stocktake.start': { brand, form: { kind: 'string', min: 1, max: 40, optional: true, nullable: true } },
  'stocktake.get': { stocktakeId: id },
  'stocktake.count': { stocktakeId: id, batchId: id, countedQty: { kind: 'int', min: 0, max: MAX_COUNT, nullable: true } },
  'stocktake.scan': { stocktakeId: id, barcode: { kind: 'string', min: 1, max: 64, pattern: /^[0-9A-Za-z-]+$/ }, batchId: optionalId },
  'stocktake.post': { stocktakeId: id, managerStaffId: optionalId, managerPin: { kind: 'string', min: 4, max: 8, pattern: /^\d+$/, optional: true, nullable: true } },
  'stocktake.cancel': { stocktakeId: id },
};

/** Handlers of Stocktake count sheets, variance, posting. */
export function stocktakeHandlers(deps: HandlerDeps): FeatureHandlers<StocktakeApi> {
  const { ctx, must } = deps;
  const sheets = new StocktakeService(ctx);
  return {
    'stocktake.brands': (_args, staff) => {
      const allowed = mayCount(must(staff));
      return allowed.ok ? ok(sheets.brands()) : allowed;
    },
    'stocktake.list': (_args, staff) => {
      const allowed = mayCount(must(staff));
      return allowed.ok ? ok(sheets.list()) : allowed;
    },
    'stocktake.start': (args, staff) => sheets.start(must(staff), args.brand, args.form ?? null),
    'stocktake.get': (args, staff) => {
      const allowed = mayCount(must(staff));
      return allowed.ok ? sheets.get(args.stocktakeId) : allowed;
    },
    'stocktake.count': (args, staff) => sheets.count(must(staff), args.stocktakeId, args.batchId, args.countedQty),
    'stocktake.scan': (args, staff) => sheets.scan(must(staff), args.stocktakeId, args.barcode, args.batchId ?? null),
    'stocktake.post': (args, staff) => postStocktake(ctx, sheets, must(staff), args.stocktakeId, { managerStaffId: args.managerStaffId ?? null, managerPin: args.managerPin ?? null }),
    'stocktake.cancel': (args, staff) => sheets.cancel(must(staff), args.stocktakeId),
  };
}
