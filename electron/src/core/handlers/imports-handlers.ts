import type { ImportsApi } from '../../../../shared/src/api/imports-api.js';
import type { FeatureHandlers, FeatureSchemas, HandlerDeps } from './handler.js';

/** Argument schema of every ImportsApi method. */
export const IMPORTS_SCHEMAS: FeatureSchemas<ImportsApi> = {};

/** Handlers of CSV import of the catalogue and opening stock. */
export function importsHandlers(_deps: HandlerDeps): FeatureHandlers<ImportsApi> {
  return {};
}
