import { describeFailure } from '../http/validation.js';
import { applyStockCounted, checkStockCounted } from './apply-stocktake.js';
import type { FeatureMutations } from './feature-mutations.js';
import { MutationRejected } from './mutation-context.js';

/** Mutation types of Stocktake count sheets, variance, posting: validate the payload, then apply it in the push's transaction. */
export const STOCKTAKE_MUTATIONS: FeatureMutations = {
  'stock.counted': (payload) => {
    if (!checkStockCounted(payload)) throw new MutationRejected('input.invalid', describeFailure(checkStockCounted, 'payload'));
    return { handler: (tx, ctx) => applyStockCounted(tx, ctx, payload) };
  },
};
