import type { OfficeTabDef } from './office-tab.js';
import { ShiftTab } from './shifts/ShiftTab.js';

/** Back-office tabs of Shifts: float, cash in/out, X and Z reports. Every role runs a drawer. */
export const SHIFTS_TABS: readonly OfficeTabDef[] = [{ id: 'shift', label: 'Shift', order: 50, visible: () => true, component: ShiftTab }];
