import type { StateCreator } from 'zustand';
import type { StocktakeBrand, StocktakeLineView, StocktakeSheet, StocktakeSummary } from '../../../shared/src/api/stocktake-api.js';
import { call } from '../api/bridge.js';
import { withLine } from './stocktake-view.js';
import type { AppState } from './store.js';

/** State of Stocktake count sheets, variance, posting. */
export interface StocktakeSlice {
  stocktakeSheets: StocktakeSummary[];
  stocktakeBrands: StocktakeBrand[];
  /** The sheet being counted or reviewed; null = the list. */
  stocktakeSheet: StocktakeSheet | null;
  /** The batch the last scan counted into (its row is highlighted and focused). */
  stocktakeLastBatch: string | null;
  stocktakeError: string | null;
  loadStocktakes(): Promise<void>;
  startStocktake(brand: string, form: string | null): Promise<boolean>;
  openStocktake(stocktakeId: string): Promise<void>;
  closeStocktake(): void;
  countStocktake(batchId: string, countedQty: number | null): Promise<boolean>;
  scanStocktake(barcode: string): Promise<boolean>;
  /** Posts the open sheet; a pharmacist passes a manager's id and PIN. */
  postStocktake(approval?: { managerStaffId: string; managerPin: string }): Promise<boolean>;
  cancelStocktake(): Promise<boolean>;
  clearStocktakeError(): void;
}

export const createStocktakeSlice: StateCreator<AppState, [], [], StocktakeSlice> = (set, get) => {
  const sheetId = (): string | null => get().stocktakeSheet?.stocktakeId ?? null;
  const took = (r: { ok: true; value: StocktakeSheet } | { ok: false; error: { message: string } }): boolean => {
    if (!r.ok) {
      set({ stocktakeError: r.error.message });
      return false;
    }
    set({ stocktakeSheet: r.value, stocktakeError: null });
    return true;
  };
  // A count answers only its line: the sheet is patched and its report recomputed here, so a
  // scan on a sheet of thousands of batches does not ship the whole sheet back.
  const patched = (r: { ok: true; value: StocktakeLineView } | { ok: false; error: { message: string } }): boolean => {
    if (!r.ok) {
      set({ stocktakeError: r.error.message });
      return false;
    }
    const sheet = get().stocktakeSheet;
    if (sheet !== null) set({ stocktakeSheet: withLine(sheet, r.value) });
    set({ stocktakeLastBatch: r.value.batchId, stocktakeError: null });
    return true;
  };
  return {
    stocktakeSheets: [],
    stocktakeBrands: [],
    stocktakeSheet: null,
    stocktakeLastBatch: null,
    stocktakeError: null,
    async loadStocktakes() {
      const [sheets, brands] = await Promise.all([call('stocktake.list', {}), call('stocktake.brands', {})]);
      if (!sheets.ok) return set({ stocktakeError: sheets.error.message });
      if (!brands.ok) return set({ stocktakeError: brands.error.message });
      set({ stocktakeSheets: sheets.value, stocktakeBrands: brands.value });
    },
    async startStocktake(brand, form) {
      const ok = took(await call('stocktake.start', { brand, form }));
      if (ok) set({ stocktakeLastBatch: null });
      return ok;
    },
    async openStocktake(stocktakeId) {
      if (took(await call('stocktake.get', { stocktakeId }))) set({ stocktakeLastBatch: null });
    },
    closeStocktake() {
      set({ stocktakeSheet: null, stocktakeLastBatch: null, stocktakeError: null });
      void get().loadStocktakes();
    },
    async countStocktake(batchId, countedQty) {
      const id = sheetId();
      if (id === null) return false;
      return patched(await call('stocktake.count', { stocktakeId: id, batchId, countedQty }));
    },
    async scanStocktake(barcode) {
      const id = sheetId();
      if (id === null) return false;
      return patched(await call('stocktake.scan', { stocktakeId: id, barcode }));
    },
    async postStocktake(approval) {
      const id = sheetId();
      if (id === null) return false;
      return took(await call('stocktake.post', { stocktakeId: id, ...(approval === undefined ? {} : approval) }));
    },
    async cancelStocktake() {
      const id = sheetId();
      if (id === null) return false;
      return took(await call('stocktake.cancel', { stocktakeId: id }));
    },
    clearStocktakeError() {
      set({ stocktakeError: null });
    },
  };
};
