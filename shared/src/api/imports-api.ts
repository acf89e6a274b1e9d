/** App API methods of CSV import of the catalogue and opening stock (issue 5). Merged into AppApi in ../api-contract.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ImportsApi {}

export const IMPORTS_METHODS: readonly (keyof ImportsApi)[] = [];

/** Error codes of this feature; part of ErrorCode (../errors.ts). Add literals: `| 'x.y'`. */
export type ImportsErrorCode = never;
