/** App API methods of Customer search, history, loyalty points, B2B (issue 5). Merged into AppApi in ../api-contract.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CustomersApi {}

export const CUSTOMERS_METHODS: readonly (keyof CustomersApi)[] = [];

/** Error codes of this feature; part of ErrorCode (../errors.ts). Add literals: `| 'x.y'`. */
export type CustomersErrorCode = never;
