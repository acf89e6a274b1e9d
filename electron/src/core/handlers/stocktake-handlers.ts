import type { StocktakeApi } from '../../../../shared/src/api/stocktake-api.js';
import type { FeatureHandlers, FeatureSchemas, HandlerDeps } from './handler.js';

/** Argument schema of every StocktakeApi method. */
export const STOCKTAKE_SCHEMAS: FeatureSchemas<StocktakeApi> = {};

/** Handlers of Stocktake count sheets, variance, posting. */
export function stocktakeHandlers(_deps: HandlerDeps): FeatureHandlers<StocktakeApi> {
  return {};
}
