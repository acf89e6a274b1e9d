import type { CustomersApi } from '../../../../shared/src/api/customers-api.js';
import type { FeatureHandlers, FeatureSchemas, HandlerDeps } from './handler.js';

/** Argument schema of every CustomersApi method. */
export const CUSTOMERS_SCHEMAS: FeatureSchemas<CustomersApi> = {};

/** Handlers of Customer search, history, loyalty points, B2B. */
export function customersHandlers(_deps: HandlerDeps): FeatureHandlers<CustomersApi> {
  return {};
}
