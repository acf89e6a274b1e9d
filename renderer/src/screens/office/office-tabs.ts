import type { Role } from '../../../../shared/src/domain.js';
import { CUSTOMERS_TABS } from './customers-tabs.js';
import { IMPORTS_TABS } from './imports-tabs.js';
import type { OfficeTabDef } from './office-tab.js';
import { RETURNS_TABS } from './returns-tabs.js';
import { SCHEMES_TABS } from './schemes-tabs.js';
import { SHIFTS_TABS } from './shifts-tabs.js';
import { STOCK_OFFICE_TABS } from './stock-office-tabs.js';
import { STOCKTAKE_TABS } from './stocktake-tabs.js';
import { TRANSFERS_TABS } from './transfers-tabs.js';

const ALL_TABS: readonly OfficeTabDef[] = [
  ...STOCK_OFFICE_TABS,
  ...STOCKTAKE_TABS,
  ...TRANSFERS_TABS,
  ...RETURNS_TABS,
  ...SHIFTS_TABS,
  ...CUSTOMERS_TABS,
  ...SCHEMES_TABS,
  ...IMPORTS_TABS,
].sort((a, b) => a.order - b.order || a.label.localeCompare(b.label));

/** The back-office tabs a role sees, in display order. */
export function officeTabsFor(role: Role): OfficeTabDef[] {
  return ALL_TABS.filter((tab) => tab.visible(role));
}
