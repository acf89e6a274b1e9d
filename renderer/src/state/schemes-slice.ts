import type { StateCreator } from 'zustand';
import type { SchemeView } from '../../../shared/src/api/schemes-api.js';
import { call } from '../api/bridge.js';
import type { AppState } from './store.js';

/** State of Schemes and campaigns from the office: the list the counter holds (read-only here; the office edits). */
export interface SchemesSlice {
  schemesList: SchemeView[];
  schemesDate: string;
  schemesError: string | null;
  loadSchemes(): Promise<void>;
}

export const createSchemesSlice: StateCreator<AppState, [], [], SchemesSlice> = (set) => ({
  schemesList: [],
  schemesDate: '',
  schemesError: null,
  async loadSchemes() {
    const r = await call('schemes.list', {});
    if (r.ok) set({ schemesList: r.value.schemes, schemesDate: r.value.businessDate, schemesError: null });
    else set({ schemesError: r.error.message });
  },
});
