import { describe, expect, it } from 'vitest';
import type { CreditNoteSummary, ReturnableSale } from '../../../shared/src/api/returns-api.js';
import { paise } from '../../../shared/src/money.js';
import { approvalNeeded, creditNotesCsv, qtyProblems, refundPreview, requestLines } from './returns-draft.js';

const p = paise;
const sale: ReturnableSale = {
  saleId: 's1', invoiceNo: 'C1/2627/000007', businessDate: '2026-11-20', at: '2026-11-20T05:00:00.000Z', customerName: null, customerPhone: null,
  totalPaise: p(31_500), status: 'completed', own: true, customerId: null, interState: false, payments: [{ method: 'cash', amountPaise: p(31_500) }],
  refundMethods: ['cash'], approvalReason: null, limits: { cashierLimitPaise: p(200_000), cashierMaxDays: 30 },
  lines: [
    { lineNo: 1, productId: 'p1', batchId: 'b1', name: 'Arnica 30C', potency: '30C', packSize: '30 ml', hsn: '3004', batchNo: 'A1', expiry: '2028-01-31', qty: 2, returnedQty: 0, returnableQty: 2,
      unitPricePaise: p(10_500), rateBp: 500, discountPaise: p(1), taxablePaise: p(19_999), cgstPaise: p(500), sgstPaise: p(500), igstPaise: p(0), netPaise: p(20_999) },
    { lineNo: 2, productId: 'p2', batchId: 'b2', name: 'Nux 200C', potency: '200C', packSize: '30 ml', hsn: '3004', batchNo: 'N1', expiry: '2028-01-31', qty: 3, returnedQty: 2, returnableQty: 1,
      unitPricePaise: p(3_500), rateBp: 500, discountPaise: p(0), taxablePaise: p(10_000), cgstPaise: p(251), sgstPaise: p(250), igstPaise: p(0), netPaise: p(10_501) },
  ],
};

describe('the return being keyed in', () => {
  it('sends only lines with a quantity within what is returnable', () => {
    expect(requestLines(sale, { 1: '1', 2: '' })).toEqual([{ lineNo: 1, qty: 1 }]);
    expect(requestLines(sale, { 1: '3', 2: '1' })).toEqual([{ lineNo: 2, qty: 1 }]);
    expect(requestLines(sale, { 1: 'x' })).toEqual([]);
  });

  it('names the problem of a quantity typed beyond the remainder or not whole', () => {
    expect(qtyProblems(sale, { 1: '3', 2: '1.5' })).toEqual({ 1: 'At most 2.', 2: 'Whole units only.' });
  });

  it('previews the exact refund, the last unit of a part-returned line taking what is left', () => {
    const r = refundPreview(sale, { 2: '1' });
    // 2 of 3 went back before: round(10501 × 2/3) = 7001 of net, 167 of CGST and 167 of SGST.
    expect([r.netPaise, r.cgstPaise, r.sgstPaise, r.taxablePaise]).toEqual([10_501 - 7_001, 251 - 167, 250 - 167, 3_500 - 84 - 83]);
  });

  it('asks a cashier for a manager above the limit, never a manager', () => {
    const big = { ...sale, limits: { cashierLimitPaise: p(10_000), cashierMaxDays: 30 } };
    const r = refundPreview(big, { 1: '1' });
    expect(approvalNeeded(big, r, '2026-11-24', 'cashier')).toMatch(/cashier limit/);
    expect(approvalNeeded(big, r, '2026-11-24', 'manager')).toBeNull();
    expect(approvalNeeded(sale, r, '2026-11-24', 'cashier')).toBeNull();
  });

  it('exports credit notes with exact rupees and a total', () => {
    const note: CreditNoteSummary = { creditNoteId: 'c1', creditNoteNo: 'C1/2627/CN0001', at: '', businessDate: '2026-11-24', invoiceNo: 'C1/2627/000007', customerName: null,
      refundMethod: 'cash', taxablePaise: p(10_000), taxPaise: p(500), totalPaise: p(10_500), cashier: 'Asha', reason: 'wrong potency' };
    const csv = creditNotesCsv([note, { ...note, creditNoteNo: 'C1/2627/CN0002', refundMethod: 'store_credit' }], '2026-11-24', '2026-11-24');
    expect(csv.filename).toBe('similia-credit-notes-2026-11-24.csv');
    expect(csv.text.split(/\r?\n/).filter((l) => l !== '')).toEqual([
      'Credit note,Date,Invoice,Customer,Refund,Taxable (₹),GST (₹),Total (₹),Cashier,Reason',
      'C1/2627/CN0001,2026-11-24,C1/2627/000007,,Cash,100.00,5.00,105.00,Asha,wrong potency',
      'C1/2627/CN0002,2026-11-24,C1/2627/000007,,Store credit,100.00,5.00,105.00,Asha,wrong potency',
      'TOTAL,,,,,200.00,10.00,210.00,,',
    ]);
  });
});
