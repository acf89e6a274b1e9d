import type { OfficeTabDef } from './office-tab.js';

/** Back-office tabs of Transfers between branches. */
export const TRANSFERS_TABS: readonly OfficeTabDef[] = [];
