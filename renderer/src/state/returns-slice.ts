import type { StateCreator } from 'zustand';
import type { AppState } from './store.js';

/** State of Returns against an invoice, credit notes, refunds, store credit. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReturnsSlice {}

export const createReturnsSlice: StateCreator<AppState, [], [], ReturnsSlice> = () => ({});
