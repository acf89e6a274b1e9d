import { CustomersTab } from './customers/CustomersTab.js';
import type { OfficeTabDef } from './office-tab.js';

/** Back-office tabs of Customer search, history, loyalty points, B2B. Every role serves customers. */
export const CUSTOMERS_TABS: readonly OfficeTabDef[] = [{ id: 'customers', label: 'Customers', order: 60, visible: () => true, component: CustomersTab }];
