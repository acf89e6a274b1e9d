import { canReceiveStock, canRecordAdjustment } from '../../../../shared/src/roles.js';
import { STOCK_TAB_IDS } from '../../state/stock-office-slice.js';
import type { OfficeTabDef } from './office-tab.js';
import { AdjustmentsTab } from './stock-office/AdjustmentsTab.js';
import { AlertsTab } from './stock-office/AlertsTab.js';
import { GoodsReceiptTab } from './stock-office/GoodsReceiptTab.js';
import { useStockAlertCount } from './stock-office/StockAlertStrip.js';

/** Back-office tabs of Goods receipt screen, adjustments with approval, stock alerts. */
export const STOCK_OFFICE_TABS: readonly OfficeTabDef[] = [
  { id: STOCK_TAB_IDS.receipt, label: 'Goods receipt', order: 10, visible: canReceiveStock, component: GoodsReceiptTab },
  { id: STOCK_TAB_IDS.adjust, label: 'Adjustments', order: 11, visible: canRecordAdjustment, component: AdjustmentsTab },
  { id: STOCK_TAB_IDS.alerts, label: 'Stock alerts', order: 12, visible: () => true, component: AlertsTab, useBadge: useStockAlertCount },
];
