import { describeFailure } from '../http/validation.js';
import { applyReturnCreated, checkReturnCreated } from './apply-return.js';
import type { FeatureMutations } from './feature-mutations.js';
import { MutationRejected } from './mutation-context.js';

/** Mutation types of Returns against an invoice, credit notes, refunds, store credit: validate the payload, then apply it in the push's transaction. */
export const RETURNS_MUTATIONS: FeatureMutations = {
  'return.created': (payload) => {
    if (!checkReturnCreated(payload)) throw new MutationRejected('input.invalid', describeFailure(checkReturnCreated, 'payload'));
    return { handler: (tx, ctx) => applyReturnCreated(tx, ctx, payload), lockProducts: [...new Set(payload.lines.map((l) => l.productId))] };
  },
};
