import type { SchemesApi } from '../../../../shared/src/api/schemes-api.js';
import { ok } from '../../../../shared/src/errors.js';
import { listSchemeViews } from '../services/scheme-list.js';
import type { FeatureHandlers, FeatureSchemas, HandlerDeps } from './handler.js';

/** Argument schema of every SchemesApi method. */
export const SCHEMES_SCHEMAS: FeatureSchemas<SchemesApi> = {
  'schemes.list': {},
};

/** Handlers of Schemes and campaigns from the office: every signed-in role may read them; the office edits them. */
export function schemesHandlers(deps: HandlerDeps): FeatureHandlers<SchemesApi> {
  const { ctx, must } = deps;
  return {
    'schemes.list': (_args, staff) => (must(staff), ok(listSchemeViews(ctx))),
  };
}
