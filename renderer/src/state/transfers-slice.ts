import type { StateCreator } from 'zustand';
import type { AppState } from './store.js';

/** State of Transfers between branches. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TransfersSlice {}

export const createTransfersSlice: StateCreator<AppState, [], [], TransfersSlice> = () => ({});
