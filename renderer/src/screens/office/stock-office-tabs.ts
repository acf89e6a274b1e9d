import type { OfficeTabDef } from './office-tab.js';

/** Back-office tabs of Goods receipt screen, adjustments with approval, stock alerts. */
export const STOCK_OFFICE_TABS: readonly OfficeTabDef[] = [];
