import type { StateCreator } from 'zustand';
import type { AppState } from './store.js';

/** State of CSV import of the catalogue and opening stock. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ImportsSlice {}

export const createImportsSlice: StateCreator<AppState, [], [], ImportsSlice> = () => ({});
