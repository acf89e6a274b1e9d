import type { FeatureMutations } from './feature-mutations.js';

/** Mutation types of Goods receipt screen, adjustments with approval, stock alerts: validate the payload, then apply it in the push's transaction. */
export const STOCK_OFFICE_MUTATIONS: FeatureMutations = {};
