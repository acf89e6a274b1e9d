import type { FeatureMutations } from './feature-mutations.js';

/** Mutation types of Stocktake count sheets, variance, posting: validate the payload, then apply it in the push's transaction. */
export const STOCKTAKE_MUTATIONS: FeatureMutations = {};
