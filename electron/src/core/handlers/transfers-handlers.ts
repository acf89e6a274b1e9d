import type { TransfersApi } from '../../../../shared/src/api/transfers-api.js';
import type { FeatureHandlers, FeatureSchemas, HandlerDeps } from './handler.js';

/** Argument schema of every TransfersApi method. */
export const TRANSFERS_SCHEMAS: FeatureSchemas<TransfersApi> = {};

/** Handlers of Transfers between branches. */
export function transfersHandlers(_deps: HandlerDeps): FeatureHandlers<TransfersApi> {
  return {};
}
