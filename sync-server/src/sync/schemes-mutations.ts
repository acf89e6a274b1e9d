import type { FeatureMutations } from './feature-mutations.js';

/** Mutation types of Schemes and campaigns from the office: validate the payload, then apply it in the push's transaction. */
export const SCHEMES_MUTATIONS: FeatureMutations = {};
