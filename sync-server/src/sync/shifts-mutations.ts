import type { FeatureMutations } from './feature-mutations.js';

/** Mutation types of Shifts: float, cash in/out, X and Z reports: validate the payload, then apply it in the push's transaction. */
export const SHIFTS_MUTATIONS: FeatureMutations = {};
