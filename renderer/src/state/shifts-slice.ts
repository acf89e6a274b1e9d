import type { StateCreator } from 'zustand';
import type { AppState } from './store.js';

/** State of Shifts: float, cash in/out, X and Z reports. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ShiftsSlice {}

export const createShiftsSlice: StateCreator<AppState, [], [], ShiftsSlice> = () => ({});
