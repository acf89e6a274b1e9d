import type { OfficeTabDef } from './office-tab.js';

/** Back-office tabs of CSV import of the catalogue and opening stock. */
export const IMPORTS_TABS: readonly OfficeTabDef[] = [];
