import type { OfficeTabDef } from './office-tab.js';

/** Back-office tabs of Stocktake count sheets, variance, posting. */
export const STOCKTAKE_TABS: readonly OfficeTabDef[] = [];
