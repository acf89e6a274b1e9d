import type { StockOfficeApi } from '../../../../shared/src/api/stock-office-api.js';
import type { FeatureHandlers, FeatureSchemas, HandlerDeps } from './handler.js';

/** Argument schema of every StockOfficeApi method. */
export const STOCK_OFFICE_SCHEMAS: FeatureSchemas<StockOfficeApi> = {};

/** Handlers of Goods receipt screen, adjustments with approval, stock alerts. */
export function stockOfficeHandlers(_deps: HandlerDeps): FeatureHandlers<StockOfficeApi> {
  return {};
}
