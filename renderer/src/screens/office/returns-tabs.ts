import type { OfficeTabDef } from './office-tab.js';

/** Back-office tabs of Returns against an invoice, credit notes, refunds, store credit. */
export const RETURNS_TABS: readonly OfficeTabDef[] = [];
