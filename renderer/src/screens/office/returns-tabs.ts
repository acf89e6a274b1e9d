import type { OfficeTabDef } from './office-tab.js';
import { ReturnsTab } from './returns/ReturnsTab.js';

/** Back-office tabs of Returns against an invoice, credit notes, refunds, store credit. Every role returns (cashiers within limits). */
export const RETURNS_TABS: readonly OfficeTabDef[] = [{ id: 'returns', label: 'Returns', order: 30, visible: () => true, component: ReturnsTab }];
