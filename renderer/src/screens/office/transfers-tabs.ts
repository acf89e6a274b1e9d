import { canTransferStock } from '../../../../shared/src/transfers.js';
import type { OfficeTabDef } from './office-tab.js';
import { TransfersTab } from './transfers/TransfersTab.js';

/** Back-office tabs of Transfers between branches (managers and admins). */
export const TRANSFERS_TABS: readonly OfficeTabDef[] = [{ id: 'transfers', label: 'Transfers', order: 40, visible: canTransferStock, component: TransfersTab }];
