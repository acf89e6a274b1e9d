/** App API methods of Schemes and campaigns from the office (issue 5). Merged into AppApi in ../api-contract.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SchemesApi {}

export const SCHEMES_METHODS: readonly (keyof SchemesApi)[] = [];

/** Error codes of this feature; part of ErrorCode (../errors.ts). Add literals: `| 'x.y'`. */
export type SchemesErrorCode = never;
