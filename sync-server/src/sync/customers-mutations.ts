import type { FeatureMutations } from './feature-mutations.js';

/** Mutation types of Customer search, history, loyalty points, B2B: validate the payload, then apply it in the push's transaction. */
export const CUSTOMERS_MUTATIONS: FeatureMutations = {};
