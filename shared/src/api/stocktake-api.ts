/** App API methods of Stocktake count sheets, variance, posting (issue 5). Merged into AppApi in ../api-contract.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StocktakeApi {}

export const STOCKTAKE_METHODS: readonly (keyof StocktakeApi)[] = [];

/** Error codes of this feature; part of ErrorCode (../errors.ts). Add literals: `| 'x.y'`. */
export type StocktakeErrorCode = never;
