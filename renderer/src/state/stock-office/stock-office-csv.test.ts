import { describe, expect, it } from 'vitest';
import { paise } from '../../../../shared/src/money.js';
import { parseCsv } from '../../../../shared/src/reports/csv.js';
import { adjustmentsCsv, batchAlertsCsv, receiptsCsv, reorderAlertsCsv } from './stock-office-csv.js';

describe('stock office CSV exports', () => {
  it('writes receipts with exact rupees and the sync state', () => {
    const csv = receiptsCsv([{ receiptId: 'r1', at: '2026-11-24T05:00:00.000Z', supplier: 'SBL, Pvt', supplierInvoiceNo: 'I-1', supplierInvoiceDate: '2026-11-20', staffName: 'Ravi', lines: 2, units: 26, freeUnits: 2, costPaise: paise(123_450), sync: { state: 'rejected', code: 'auth.forbidden', message: 'no' } }], '2026-11-24');
    expect(csv.filename).toBe('similia-goods-receipts-2026-11-24.csv');
    expect(parseCsv(csv.text)[1]).toEqual(['2026-11-24T05:00:00.000Z', 'SBL, Pvt', 'I-1', '2026-11-20', '2', '26', '2', '1234.50', 'Ravi', 'Refused: no', 'r1']);
  });

  it('writes adjustments with reason labels and approver', () => {
    const csv = adjustmentsCsv([{ adjustmentId: 'a1', at: 't', reason: 'expiry_write_off', note: '', staffName: 'Ravi', approverName: 'Meera', lines: 1, netQty: -4, valuePaise: paise(20_000), aboveThreshold: false, sync: { state: 'pending' } }], 'd');
    expect(parseCsv(csv.text)[1]).toEqual(['t', 'Expiry write-off', '', '1', '-4', '200.00', 'no', 'Ravi', 'Meera', 'Waiting to sync', 'a1']);
  });

  it('writes batch and reorder alerts', () => {
    const b = { batchId: 'b', productId: 'p', name: 'Bell 30C', brand: 'SBL', packSize: '30 ml', batchNo: 'X1', expiry: '2026-10-31', daysLeft: -24, qty: 3, costPaise: paise(15_000) };
    expect(parseCsv(batchAlertsCsv('expired', [b], 'd').text)).toEqual([['Product', 'Brand', 'Pack', 'Batch', 'Expiry', 'Days left', 'Qty', 'At cost (₹)'], ['Bell 30C', 'SBL', '30 ml', 'X1', '2026-10-31', '-24', '3', '150.00']]);
    expect(parseCsv(reorderAlertsCsv([{ productId: 'p', name: 'N', brand: 'B', packSize: 'P', onHand: 1, minQty: 5, shortBy: 4 }], 'd').text)[1]).toEqual(['N', 'B', 'P', '1', '5', '4']);
  });
});
