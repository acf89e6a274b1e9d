/** App API methods of Schemes and campaigns from the office (issue 5). Merged into AppApi in ../api-contract.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SchemesApi {}

export const SCHEMES_METHODS: readonly (keyof SchemesApi)[] = [];
