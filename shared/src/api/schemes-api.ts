/** App API methods of Schemes and campaigns from the office (issue 5). Merged into AppApi in ../api-contract.ts. */
import type { Scheme, SchemeStatus } from '../schemes.js';

/** A scheme as the back office lists it: where it stands today and what it gives, in words. */
export interface SchemeView extends Scheme {
  status: SchemeStatus;
  benefit: string;
  /** Target in words: the product's name for a product scheme, else the brand, form or "Whole bill". */
  targetLabel: string;
  /** True when the scheme runs at this device's branch (branch list null or naming it). */
  atThisBranch: boolean;
  updatedAt: string;
}

export interface SchemesApi {
  /** Every scheme the office has synced down to this counter, newest first, with today's status. */
  'schemes.list': { args: Record<string, never>; result: { businessDate: string; schemes: SchemeView[] } };
}

export const SCHEMES_METHODS: readonly (keyof SchemesApi)[] = ['schemes.list'];

/** Error codes of this feature; part of ErrorCode (../errors.ts). */
export type SchemesErrorCode = 'scheme.invalid';
