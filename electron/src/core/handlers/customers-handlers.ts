import type { CustomersApi } from '../../../../shared/src/api/customers-api.js';
import { fail, ok } from '../../../../shared/src/errors.js';
import { id } from '../api/fields.js';
import type { Field } from '../api/validate.js';
import { readLoyaltyRule, saveLoyaltyRule } from '../services/loyalty-service.js';
import type { FeatureHandlers, FeatureSchemas, HandlerDeps } from './handler.js';

const count = (min: number): Field => ({ kind: 'int', min, max: 100_000_000 });

/** Argument schema of every CustomersApi method. */
export const CUSTOMERS_SCHEMAS: FeatureSchemas<CustomersApi> = {
  'customer.search': { query: { kind: 'string', max: 80 }, limit: { kind: 'int', min: 1, max: 5000, optional: true } },
  'customer.detail': { customerId: id },
  'customer.update': {
    customerId: id,
    name: { kind: 'string', min: 1, max: 200 },
    gstin: { kind: 'string', max: 20, optional: true, nullable: true },
    stateCode: { kind: 'string', max: 2, pattern: /^\d{0,2}$/, optional: true, nullable: true },
  },
  'customer.wallet': { customerId: id },
  'loyalty.rule': {},
  'loyalty.setRule': {
    rule: {
      kind: 'object',
      shape: { earnPoints: count(0), earnPerPaise: count(100), pointValuePaise: count(1), minRedeemPoints: count(0), maxRedeemPoints: count(0) },
    },
  },
};

/** Handlers of Customer search, history, loyalty points, B2B. */
export function customersHandlers(deps: HandlerDeps): FeatureHandlers<CustomersApi> {
  const { customers, ctx, must } = deps;
  return {
    'customer.search': (args, staff) => (must(staff), ok(customers.search(args.query, args.limit ?? 50))),
    'customer.detail': (args, staff) => (must(staff), customers.detail(args.customerId)),
    'customer.update': (args, staff) => customers.update(must(staff).id, args),
    'customer.wallet': (args, staff) => (must(staff), customers.wallet(args.customerId)),
    'loyalty.rule': (_args, staff) => (must(staff), ok(readLoyaltyRule(ctx.db))),
    'loyalty.setRule': (args, staff) => {
      const role = must(staff).role;
      if (role !== 'manager' && role !== 'admin') return fail('auth.forbidden', 'Only a manager or an admin can change the loyalty rule.');
      return saveLoyaltyRule(ctx, args.rule);
    },
  };
}
