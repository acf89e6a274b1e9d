import type { StateCreator } from 'zustand';
import type { AppState } from './store.js';

/** State of Stocktake count sheets, variance, posting. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StocktakeSlice {}

export const createStocktakeSlice: StateCreator<AppState, [], [], StocktakeSlice> = () => ({});
