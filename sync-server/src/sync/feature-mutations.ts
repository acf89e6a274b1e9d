/**
 * Mutation types applied by a back-office feature (issue 5), by type. Each feature file exports a
 * map type → prepare(payload): the prepare step validates the payload (throwing MutationRejected
 * with `input.invalid`) before the push's transaction, and returns the handler that applies it
 * under the mutation's savepoint (push.ts). The handler answers 'applied' or 'duplicate', or
 * throws MutationRejected to undo only its own writes.
 */
import type { Queryable } from '../db/db.js';
import type { MutationContext } from './mutation-context.js';
import { CUSTOMERS_MUTATIONS } from './customers-mutations.js';
import { IMPORTS_MUTATIONS } from './imports-mutations.js';
import { RETURNS_MUTATIONS } from './returns-mutations.js';
import { SCHEMES_MUTATIONS } from './schemes-mutations.js';
import { SHIFTS_MUTATIONS } from './shifts-mutations.js';
import { STOCK_OFFICE_MUTATIONS } from './stock-office-mutations.js';
import { STOCKTAKE_MUTATIONS } from './stocktake-mutations.js';
import { TRANSFERS_MUTATIONS } from './transfers-mutations.js';

export type MutationHandler = (tx: Queryable, ctx: MutationContext) => Promise<'applied' | 'duplicate'>;

export interface PreparedFeatureMutation {
  handler: MutationHandler;
  /** Products whose stock the handler moves: locked in a stable order with the push's other writes. */
  lockProducts?: readonly string[];
}

export type FeatureMutations = Readonly<Record<string, (payload: unknown) => PreparedFeatureMutation>>;

const FEATURE_MUTATIONS: FeatureMutations = {
  ...STOCK_OFFICE_MUTATIONS,
  ...STOCKTAKE_MUTATIONS,
  ...TRANSFERS_MUTATIONS,
  ...RETURNS_MUTATIONS,
  ...SHIFTS_MUTATIONS,
  ...CUSTOMERS_MUTATIONS,
  ...SCHEMES_MUTATIONS,
  ...IMPORTS_MUTATIONS,
};

export function featureMutation(type: string): ((payload: unknown) => PreparedFeatureMutation) | undefined {
  return Object.hasOwn(FEATURE_MUTATIONS, type) ? FEATURE_MUTATIONS[type] : undefined;
}
