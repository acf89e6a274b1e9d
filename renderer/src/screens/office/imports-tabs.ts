import type { OfficeTabDef } from './office-tab.js';
import { ImportsTab } from './imports/ImportsTab.js';

/** Back-office tabs of CSV import of the catalogue and opening stock: managers (opening stock) and admins (also the catalogue). */
export const IMPORTS_TABS: readonly OfficeTabDef[] = [
  { id: 'imports', label: 'Import', order: 90, visible: (role) => role === 'manager' || role === 'admin', component: ImportsTab },
];
