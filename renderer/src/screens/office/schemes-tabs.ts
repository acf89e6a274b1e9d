import type { OfficeTabDef } from './office-tab.js';
import { SchemesTab } from './schemes/SchemesTab.js';

/** Back-office tabs of Schemes and campaigns from the office. Everyone may see what runs; the office edits. */
export const SCHEMES_TABS: readonly OfficeTabDef[] = [{ id: 'schemes', label: 'Schemes', order: 65, visible: () => true, component: SchemesTab }];
