import type { StateCreator } from 'zustand';
import type { AppState } from './store.js';

/** Which back-office tab is up (F3 opens the screen; Esc goes back to selling). */
export interface OfficeSlice {
  officeTab: string | null;
  openOffice(tab?: string): void;
  setOfficeTab(tab: string): void;
  closeOffice(): void;
}

export const createOfficeSlice: StateCreator<AppState, [], [], OfficeSlice> = (set, get) => ({
  officeTab: null,
  openOffice(tab) {
    if (get().staff === null) return;
    set({ screen: 'office', dialog: 'none', officeTab: tab ?? get().officeTab });
  },
  setOfficeTab(tab) {
    set({ officeTab: tab });
  },
  closeOffice() {
    set({ screen: 'sell' });
    get().refocus();
  },
});
