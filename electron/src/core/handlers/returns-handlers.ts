import type { ReturnsApi } from '../../../../shared/src/api/returns-api.js';
import type { FeatureHandlers, FeatureSchemas, HandlerDeps } from './handler.js';

/** Argument schema of every ReturnsApi method. */
export const RETURNS_SCHEMAS: FeatureSchemas<ReturnsApi> = {};

/** Handlers of Returns against an invoice, credit notes, refunds, store credit. */
export function returnsHandlers(_deps: HandlerDeps): FeatureHandlers<ReturnsApi> {
  return {};
}
