/** App API methods of Transfers between branches (issue 5). Merged into AppApi in ../api-contract.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TransfersApi {}

export const TRANSFERS_METHODS: readonly (keyof TransfersApi)[] = [];

/** Error codes of this feature; part of ErrorCode (../errors.ts). Add literals: `| 'x.y'`. */
export type TransfersErrorCode = never;
