import type { OfficeTabDef } from './office-tab.js';

/** Back-office tabs of Shifts: float, cash in/out, X and Z reports. */
export const SHIFTS_TABS: readonly OfficeTabDef[] = [];
