import type { StockOfficeApi } from '../../../../shared/src/api/stock-office-api.js';
import { id, optionalId } from '../api/fields.js';
import { StockOfficeService } from '../services/stock-office/stock-office-service.js';
import type { FeatureHandlers, FeatureSchemas, HandlerDeps } from './handler.js';

const limit = { kind: 'int', min: 1, max: 500, optional: true } as const;
const pin = { kind: 'string', min: 1, max: 16, optional: true, nullable: true } as const;

/** Argument schema of every StockOfficeApi method. */
export const STOCK_OFFICE_SCHEMAS: FeatureSchemas<StockOfficeApi> = {
  'stock.receiptDefaults': { productId: id },
  'stock.receipts': { limit },
  'stock.adjustableBatches': { productId: id },
  'stock.adjustmentPolicy': {},
  'stock.setAdjustmentPolicy': { maxValuePaise: { kind: 'int', min: 0, max: 10_000_000_000 }, maxLineUnits: { kind: 'int', min: 0, max: 1_000_000 } },
  'stock.adjustWithApproval': {
    reason: { kind: 'enum', values: ['damage', 'expiry_write_off', 'sample', 'correction'] },
    note: { kind: 'string', max: 500 },
    lines: { kind: 'array', max: 500, of: { kind: 'object', shape: { batchId: id, qtyDelta: { kind: 'int', min: -100_000, max: 100_000 } } } },
    approverStaffId: optionalId,
    approverPin: pin,
  },
  'stock.adjustments': { limit },
  'stock.alerts': {},
  'stock.reorderLevels': {},
  'stock.setReorderLevel': { productId: id, minQty: { kind: 'int', min: 0, max: 1_000_000 } },
};

/** Handlers of Goods receipt screen, adjustments with approval, stock alerts. */
export function stockOfficeHandlers(deps: HandlerDeps): FeatureHandlers<StockOfficeApi> {
  const office = new StockOfficeService(deps.ctx, deps.stock);
  const { must } = deps;
  return {
    'stock.receiptDefaults': (args, staff) => office.receiptDefaults(must(staff), args.productId),
    'stock.receipts': (args, staff) => office.receipts(must(staff), args.limit ?? 50),
    'stock.adjustableBatches': (args, staff) => office.adjustableBatches(must(staff), args.productId),
    'stock.adjustmentPolicy': () => office.policy(),
    'stock.setAdjustmentPolicy': (args, staff) => office.setPolicy(must(staff), args),
    'stock.adjustWithApproval': (args, staff) => {
      const approval = args.approverStaffId == null ? null : { staffId: args.approverStaffId, pin: args.approverPin ?? '' };
      return office.adjustWithApproval(must(staff), { reason: args.reason, note: args.note, lines: args.lines }, approval);
    },
    'stock.adjustments': (args, staff) => office.adjustments(must(staff), args.limit ?? 50),
    'stock.alerts': () => office.alerts(),
    'stock.reorderLevels': () => office.reorderLevels(),
    'stock.setReorderLevel': (args, staff) => office.setReorderLevel(must(staff), args.productId, args.minQty),
  };
}
