import type { FeatureMutations } from './feature-mutations.js';

/** Mutation types of Transfers between branches: validate the payload, then apply it in the push's transaction. */
export const TRANSFERS_MUTATIONS: FeatureMutations = {};
