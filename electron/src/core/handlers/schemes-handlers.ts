import type { SchemesApi } from '../../../../shared/src/api/schemes-api.js';
import type { FeatureHandlers, FeatureSchemas, HandlerDeps } from './handler.js';

/** Argument schema of every SchemesApi method. */
export const SCHEMES_SCHEMAS: FeatureSchemas<SchemesApi> = {};

/** Handlers of Schemes and campaigns from the office. */
export function schemesHandlers(_deps: HandlerDeps): FeatureHandlers<SchemesApi> {
  return {};
}
