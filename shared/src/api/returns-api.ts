/** App API methods of Returns against an invoice, credit notes, refunds, store credit (issue 5). Merged into AppApi in ../api-contract.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReturnsApi {}

export const RETURNS_METHODS: readonly (keyof ReturnsApi)[] = [];

/** Error codes of this feature; part of ErrorCode (../errors.ts). Add literals: `| 'x.y'`. */
export type ReturnsErrorCode = never;
