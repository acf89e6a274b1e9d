import { describe, expect, it } from 'vitest';
import { paise } from '../money.js';
import { checkReceipt, firstReceiptProblem, receiptTotals, type ReceiptLineDraft } from './receipt-rules.js';

const TODAY = '2026-11-24';
const header = { supplier: 'SBL Pvt Ltd', supplierInvoiceNo: 'INV-1', supplierInvoiceDate: '2026-11-20' };
const line = (over: Partial<ReceiptLineDraft> = {}): ReceiptLineDraft => ({
  productId: 'p1', batchNo: 'B1', expiry: '2028-06-30', qty: 10, freeQty: 2, costPaise: paise(5_000), mrpPaise: paise(9_500), ...over,
});

describe('goods receipt rules', () => {
  it('accepts a complete receipt', () => {
    expect(checkReceipt(header, [line(), line({ productId: 'p2' })], TODAY).count).toBe(0);
  });

  it.each([
    ['an expiry in the past', { expiry: '2026-11-23' }, 'expiry', 'is in the past'],
    ['an expiry that is not a date', { expiry: '2026-02-30' }, 'expiry', 'YYYY-MM-DD'],
    ['an MRP below the cost', { mrpPaise: paise(4_999) }, 'mrpPaise', 'MRP ₹49.99 is below the cost ₹50.00'],
    ['no packs at all', { qty: 0, freeQty: 0 }, 'qty', 'at least 1'],
    ['a quantity that did not parse', { qty: null }, 'qty', 'whole number'],
    ['a negative free quantity', { freeQty: -1 }, 'freeQty', 'whole number'],
    ['no batch number', { batchNo: '  ' }, 'batchNo', 'batch number'],
    ['no cost', { costPaise: null }, 'costPaise', 'cost'],
  ] as const)('refuses %s on that field', (_name, over, field, text) => {
    const p = checkReceipt(header, [line(over)], TODAY);
    expect(p.count).toBe(1);
    expect(p.lines[0]?.[field]).toContain(text);
  });

  it('accepts an expiry of today and free packs only', () => {
    expect(checkReceipt(header, [line({ expiry: TODAY, qty: 0, freeQty: 3 })], TODAY).count).toBe(0);
  });

  it('flags a second line of the same product and batch (ignoring case and spaces) on its batch field', () => {
    const p = checkReceipt(header, [line(), line({ productId: 'p2' }), line({ batchNo: ' b1 ' })], TODAY);
    expect(p.lines.map((l) => l.batchNo)).toEqual([undefined, undefined, 'Same product and batch as line 1: add the quantity there.']);
  });

  it('checks the header: supplier, invoice number and a date not after today', () => {
    const p = checkReceipt({ supplier: ' ', supplierInvoiceNo: '', supplierInvoiceDate: '2026-11-25' }, [line()], TODAY);
    expect(Object.keys(p.header).sort()).toEqual(['supplier', 'supplierInvoiceDate', 'supplierInvoiceNo']);
    expect(p.header.supplierInvoiceDate).toContain('after today');
  });

  it('needs a line, and names the first problem as one sentence with its line', () => {
    expect(firstReceiptProblem(checkReceipt(header, [], TODAY))).toMatchObject({ field: 'lines', line: null });
    expect(firstReceiptProblem(checkReceipt(header, [line(), line({ productId: 'p2', expiry: '2020-01-01' })], TODAY))).toEqual({
      message: 'Line 2: Expiry 2020-01-01 is in the past: expired stock cannot be sold.', line: 2, field: 'expiry',
    });
    expect(firstReceiptProblem(checkReceipt(header, [line()], TODAY))).toBeNull();
  });

  it('totals units (paid + free), the cost of the paid packs and the stock at MRP', () => {
    expect(receiptTotals([line(), line({ qty: 3, freeQty: 0, costPaise: paise(1_000), mrpPaise: paise(2_000) }), line({ qty: null })])).toEqual({
      lines: 3, units: 17, freeUnits: 4, costPaise: 53_000, mrpPaise: 9_500 * 12 + 2_000 * 3 + 9_500 * 2,
    });
  });
});
