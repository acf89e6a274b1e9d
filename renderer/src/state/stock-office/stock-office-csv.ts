/** CSV exports of the back office's stock lists (receipts, adjustments, alerts). Pure. */
import type { AdjustmentSummary, AlertBatch, DocumentSync, ReceiptSummary, ReorderAlert } from '../../../../shared/src/api/stock-office-api.js';
import { rupeesField, toCsv } from '../../../../shared/src/reports/csv.js';
import type { CsvFile } from '../report-csv.js';

export const REASON_LABELS: Readonly<Record<AdjustmentSummary['reason'], string>> = {
  damage: 'Damage',
  expiry_write_off: 'Expiry write-off',
  sample: 'Sample',
  correction: 'Correction',
};

export function syncLabel(sync: DocumentSync): string {
  if (sync.state === 'synced') return 'Synced';
  if (sync.state === 'pending') return 'Waiting to sync';
  return `Refused: ${sync.message}`;
}

export function receiptsCsv(rows: readonly ReceiptSummary[], today: string): CsvFile {
  return {
    filename: `similia-goods-receipts-${today}.csv`,
    text: toCsv(['Received at', 'Supplier', 'Supplier invoice', 'Invoice date', 'Lines', 'Units', 'Free units', 'Cost (₹)', 'By', 'Sync', 'Receipt id'],
      rows.map((r) => [r.at, r.supplier, r.supplierInvoiceNo, r.supplierInvoiceDate, r.lines, r.units, r.freeUnits, rupeesField(r.costPaise), r.staffName, syncLabel(r.sync), r.receiptId])),
  };
}

export function adjustmentsCsv(rows: readonly AdjustmentSummary[], today: string): CsvFile {
  return {
    filename: `similia-stock-adjustments-${today}.csv`,
    text: toCsv(['At', 'Reason', 'Note', 'Lines', 'Net packs', 'Value at cost (₹)', 'Above threshold', 'By', 'Approved by', 'Sync', 'Adjustment id'],
      rows.map((r) => [r.at, REASON_LABELS[r.reason], r.note, r.lines, r.netQty, rupeesField(r.valuePaise), r.aboveThreshold ? 'yes' : 'no', r.staffName, r.approverName, syncLabel(r.sync), r.adjustmentId])),
  };
}

export function batchAlertsCsv(kind: 'expired' | 'near-expiry', rows: readonly AlertBatch[], today: string): CsvFile {
  return {
    filename: `similia-${kind}-batches-${today}.csv`,
    text: toCsv(['Product', 'Brand', 'Pack', 'Batch', 'Expiry', 'Days left', 'Qty', 'At cost (₹)'],
      rows.map((b) => [b.name, b.brand, b.packSize, b.batchNo, b.expiry, b.daysLeft, b.qty, rupeesField(b.costPaise)])),
  };
}

export function reorderAlertsCsv(rows: readonly ReorderAlert[], today: string): CsvFile {
  return {
    filename: `similia-below-reorder-level-${today}.csv`,
    text: toCsv(['Product', 'Brand', 'Pack', 'On hand', 'Reorder level', 'Short by'], rows.map((r) => [r.name, r.brand, r.packSize, r.onHand, r.minQty, r.shortBy])),
  };
}
