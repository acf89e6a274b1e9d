import type { StateCreator } from 'zustand';
import type { AppState } from './store.js';

/** State of Goods receipt screen, adjustments with approval, stock alerts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StockOfficeSlice {}

export const createStockOfficeSlice: StateCreator<AppState, [], [], StockOfficeSlice> = () => ({});
