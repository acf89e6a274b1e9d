import type { StateCreator } from 'zustand';
import type { AdjustmentSummary, AlertBatch, ReceiptSummary, StockAlerts } from '../../../shared/src/api/stock-office-api.js';
import type { StockAdjustmentReason } from '../../../shared/src/sync-protocol.js';
import { call } from '../api/bridge.js';
import type { AppState } from './store.js';

/** An adjustment another tab asked for (the alerts tab's "Write off" on an expired batch). */
export interface AdjustmentPrefill {
  reason: StockAdjustmentReason;
  note: string;
  lines: { batchId: string; productId: string; name: string; batchNo: string; expiry: string; qtyDelta: number }[];
}

/** State of Goods receipt screen, adjustments with approval, stock alerts. */
export interface StockOfficeSlice {
  stockAlerts: StockAlerts | null;
  stockReceipts: ReceiptSummary[];
  stockAdjustments: AdjustmentSummary[];
  adjustmentPrefill: AdjustmentPrefill | null;
  loadStockAlerts(): Promise<void>;
  loadStockReceipts(): Promise<void>;
  loadStockAdjustments(): Promise<void>;
  /** Opens the adjustments tab with an expiry write-off of the batch's whole stock. */
  writeOffBatch(batch: AlertBatch): void;
  takeAdjustmentPrefill(): AdjustmentPrefill | null;
}

export const STOCK_TAB_IDS = { receipt: 'goods-receipt', adjust: 'stock-adjust', alerts: 'stock-alerts' } as const;

export const createStockOfficeSlice: StateCreator<AppState, [], [], StockOfficeSlice> = (set, get) => ({
  stockAlerts: null,
  stockReceipts: [],
  stockAdjustments: [],
  adjustmentPrefill: null,
  async loadStockAlerts() {
    const r = await call('stock.alerts', {});
    if (r.ok) set({ stockAlerts: r.value });
  },
  async loadStockReceipts() {
    const r = await call('stock.receipts', { limit: 50 });
    if (r.ok) set({ stockReceipts: r.value });
  },
  async loadStockAdjustments() {
    const r = await call('stock.adjustments', { limit: 50 });
    if (r.ok) set({ stockAdjustments: r.value });
  },
  writeOffBatch(batch) {
    set({
      adjustmentPrefill: {
        reason: 'expiry_write_off',
        note: `Expired ${batch.expiry}`,
        lines: [{ batchId: batch.batchId, productId: batch.productId, name: batch.name, batchNo: batch.batchNo, expiry: batch.expiry, qtyDelta: -batch.qty }],
      },
    });
    get().setOfficeTab(STOCK_TAB_IDS.adjust);
  },
  takeAdjustmentPrefill() {
    const prefill = get().adjustmentPrefill;
    if (prefill !== null) set({ adjustmentPrefill: null });
    return prefill;
  },
});
