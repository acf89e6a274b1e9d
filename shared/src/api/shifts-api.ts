/** App API methods of Shifts: float, cash in/out, X and Z reports (issue 5). Merged into AppApi in ../api-contract.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ShiftsApi {}

export const SHIFTS_METHODS: readonly (keyof ShiftsApi)[] = [];

/** Error codes of this feature; part of ErrorCode (../errors.ts). Add literals: `| 'x.y'`. */
export type ShiftsErrorCode = never;
