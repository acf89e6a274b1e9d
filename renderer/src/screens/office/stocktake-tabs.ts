import { canReceiveStock } from '../../../../shared/src/roles.js';
import type { OfficeTabDef } from './office-tab.js';
import { StocktakeTab } from './stocktake/StocktakeTab.js';

/** Back-office tabs of Stocktake count sheets, variance, posting: pharmacists count, managers confirm. */
export const STOCKTAKE_TABS: readonly OfficeTabDef[] = [{ id: 'stocktake', label: 'Stocktake', order: 20, visible: canReceiveStock, component: StocktakeTab }];
