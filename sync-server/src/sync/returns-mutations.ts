import type { FeatureMutations } from './feature-mutations.js';

/** Mutation types of Returns against an invoice, credit notes, refunds, store credit: validate the payload, then apply it in the push's transaction. */
export const RETURNS_MUTATIONS: FeatureMutations = {};
