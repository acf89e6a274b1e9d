/** App API methods of Goods receipt screen, adjustments with approval, stock alerts (issue 5). Merged into AppApi in ../api-contract.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StockOfficeApi {}

export const STOCK_OFFICE_METHODS: readonly (keyof StockOfficeApi)[] = [];

/** Error codes of this feature; part of ErrorCode (../errors.ts). Add literals: `| 'x.y'`. */
export type StockOfficeErrorCode = never;
