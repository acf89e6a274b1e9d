import type { FeatureMutations } from './feature-mutations.js';

/** Mutation types of CSV import of the catalogue and opening stock: validate the payload, then apply it in the push's transaction. */
export const IMPORTS_MUTATIONS: FeatureMutations = {};
