import type { OfficeTabDef } from './office-tab.js';

/** Back-office tabs of Customer search, history, loyalty points, B2B. */
export const CUSTOMERS_TABS: readonly OfficeTabDef[] = [];
