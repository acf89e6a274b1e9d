import type { StateCreator } from 'zustand';
import type { AppState } from './store.js';

/** State of Customer search, history, loyalty points, B2B. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CustomersSlice {}

export const createCustomersSlice: StateCreator<AppState, [], [], CustomersSlice> = () => ({});
