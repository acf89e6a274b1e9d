import type { OfficeTabDef } from './office-tab.js';

/** Back-office tabs of Schemes and campaigns from the office. */
export const SCHEMES_TABS: readonly OfficeTabDef[] = [];
