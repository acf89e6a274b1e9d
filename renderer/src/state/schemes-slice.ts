import type { StateCreator } from 'zustand';
import type { AppState } from './store.js';

/** State of Schemes and campaigns from the office. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SchemesSlice {}

export const createSchemesSlice: StateCreator<AppState, [], [], SchemesSlice> = () => ({});
