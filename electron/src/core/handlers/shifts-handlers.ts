import type { ShiftsApi } from '../../../../shared/src/api/shifts-api.js';
import type { FeatureHandlers, FeatureSchemas, HandlerDeps } from './handler.js';

/** Argument schema of every ShiftsApi method. */
export const SHIFTS_SCHEMAS: FeatureSchemas<ShiftsApi> = {};

/** Handlers of Shifts: float, cash in/out, X and Z reports. */
export function shiftsHandlers(_deps: HandlerDeps): FeatureHandlers<ShiftsApi> {
  return {};
}
