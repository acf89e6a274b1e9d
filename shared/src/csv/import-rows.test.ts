import { describe, expect, it } from 'vitest';
import { paise } from '../money.js';
import { catalogueCheck } from './catalogue-rows.js';
import { readCsv } from './csv-reader.js';
import { parseExpiry, parseMoney, parseQty } from './import-values.js';
import { openingStockCheck, type StockLookups } from './opening-stock-rows.js';

const CAT_HEADER = 'SKU,Name,Remedy,Potency,Form,Pack Size,Brand,HSN,Tax Category,MRP,Barcode';
const catalogue = (lines: string[]) => {
  const check = catalogueCheck((b) => (b === '8900000000017' ? 'SK000001' : undefined));
  check.add(readCsv([CAT_HEADER, ...lines].join('\r\n')));
  return check.finish();
};

describe('parseExpiry', () => {
  it.each([
    ['2027-03-31', '2027-03-31'],
    ['31/03/2027', '2027-03-31'],
    ['1-4-2027', '2027-04-01'],
    ['31.12.2027', '2027-12-31'],
    ['02/2028', '2028-02-29'],
    ['2027-06', '2027-06-30'],
  ])('reads %s as %s', (text, date) => {
    expect(parseExpiry(text)).toEqual({ ok: true, value: date });
  });
  it.each(['', '31/02/2027', '2027/03/31', '13/2027', 'soon'])('refuses %j', (text) => {
    expect(parseExpiry(text).ok).toBe(false);
  });
});

describe('parseQty and parseMoney', () => {
  it.each([['12', 12], ['1,200', 1200]])('reads quantity %s', (t, n) => expect(parseQty(t)).toEqual({ ok: true, value: n }));
  it.each(['0', '-3', '2.5', '', '2000000'])('refuses quantity %j', (t) => expect(parseQty(t).ok).toBe(false));
  it.each([['120', 12000], ['120.5', 12050], ['0.07', 7], ['1,234.56', 123456], ['₹ 99.99', 9999]])('reads rupees %s as exact paise', (t, p) => {
    expect(parseMoney(t, 'MRP', false)).toEqual({ ok: true, value: p });
  });
  it.each(['12.345', 'abc', '-5', '0'])('refuses MRP %j', (t) => expect(parseMoney(t, 'MRP', false).ok).toBe(false));
});

describe('catalogue rows', () => {
  it('turns a good row into typed values, normalising potency, form and tax category', () => {
    const r = catalogue(['NEW-1,Arnica 30 SBL,Arnica montana,30,Dilution,30 ml,SBL,30049014,CLASSICAL,120.50,']);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, sku: 'NEW-1', name: 'Arnica 30 SBL', remedy: 'Arnica montana', potency: '30C', form: 'dilution', packSize: '30 ml', brand: 'SBL', hsn: '30049014', taxCategory: 'classical', mrpPaise: paise(12050), barcode: null },
    ]);
  });

  it.each([
    ['an empty SKU', ',A,A,30C,dilution,30 ml,SBL,3004,classical,10,', 'SKU'],
    ['an unknown potency', 'X1,A,A,31Q,dilution,30 ml,SBL,3004,classical,10,', 'Potency'],
    ['an unknown form', 'X1,A,A,30C,powder,30 ml,SBL,3004,classical,10,', 'Form'],
    ['a short HSN', 'X1,A,A,30C,dilution,30 ml,SBL,30,classical,10,', 'HSN'],
    ['an unknown tax category', 'X1,A,A,30C,dilution,30 ml,SBL,3004,generic,10,', 'Tax Category'],
    ['an MRP with three decimals', 'X1,A,A,30C,dilution,30 ml,SBL,3004,classical,10.555,', 'MRP'],
    ['a barcode another SKU carries', 'X1,A,A,30C,dilution,30 ml,SBL,3004,classical,10,8900000000017', 'Barcode'],
  ])('reports %s with its row and the column as the header names it', (_label, line, column) => {
    const r = catalogue([line]);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ row: 2, column, reason: expect.any(String) }]);
  });

  it('reports a repeated SKU and a repeated barcode on the later line', () => {
    const r = catalogue([
      'A1,A,A,30C,dilution,30 ml,SBL,3004,classical,10,111111',
      'a1,B,B,30C,dilution,30 ml,SBL,3004,classical,10,',
      'C1,C,C,30C,dilution,30 ml,SBL,3004,classical,10,111111',
    ]);
    expect(r.errors).toEqual([
      { row: 3, column: 'SKU', reason: 'SKU a1 is already on line 2.' },
      { row: 4, column: 'Barcode', reason: 'Barcode 111111 is already on line 2.' },
    ]);
    expect(r.rows.map((x) => x.sku)).toEqual(['A1']);
  });

  it('reports a missing required column once, and ignored columns by name', () => {
    const check = catalogueCheck();
    check.add(readCsv('sku,name,S.No\r\nA,B,1\r\n'));
    const r = check.finish();
    expect(r.ignored).toEqual(['S.No']);
    expect(r.errors.map((e) => e.column)).toEqual(['remedy', 'potency', 'form', 'pack size', 'brand', 'hsn', 'tax category', 'mrp']);
    expect(r.errors.every((e) => e.row === 1)).toBe(true);
  });

  it('reports a row with the wrong number of fields as a whole-row error', () => {
    const r = catalogue(['A1,too,few']);
    expect(r.errors).toEqual([{ row: 2, column: '', reason: 'The row has 3 fields, the header 11.' }]);
  });

  it('reports an empty file and a header without rows', () => {
    const empty = catalogueCheck();
    expect(empty.finish().errors[0]?.reason).toMatch(/empty/);
    expect(catalogue([]).errors[0]?.reason).toMatch(/no rows/);
  });
});

describe('opening stock rows', () => {
  const products = [
    { id: 'p1', sku: 'SK000001', barcode: '8900000000017', mrpPaise: paise(10000) },
    { id: 'p2', sku: 'SK000002', barcode: '8900000000024', mrpPaise: paise(20000) },
  ];
  const lookups: StockLookups = {
    bySku: (s) => products.find((p) => p.sku.toUpperCase() === s.toUpperCase()),
    byBarcode: (b) => products.find((p) => p.barcode === b),
    lotOnFile: (id, no) =>
      id === 'p2' && no === 'OLD' ? { batchId: 'b-old', expiry: '2027-01-31', atBranch: true } : id === 'p1' && no === 'ELSEWHERE' ? { batchId: 'b-else', expiry: '2027-06-30', atBranch: false } : undefined,
  };
  const stock = (lines: string[], header = 'sku,barcode,batch no,expiry,qty,cost,mrp') => {
    const check = openingStockCheck(lookups);
    check.add(readCsv([header, ...lines].join('\n')));
    return check.finish();
  };

  it('resolves the product by SKU or by barcode and takes the MRP from the catalogue when the cell is empty', () => {
    const r = stock(['sk000001,,B1,31/12/2027,10,60,', ',8900000000024,B2,2028-01-31,5,150.25,210']);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, productId: 'p1', sku: 'SK000001', batchNo: 'B1', expiry: '2027-12-31', qty: 10, costPaise: 6000, mrpPaise: 10000, batchId: null },
      { line: 3, productId: 'p2', sku: 'SK000002', batchNo: 'B2', expiry: '2028-01-31', qty: 5, costPaise: 15025, mrpPaise: 21000, batchId: null },
    ]);
  });

  it.each([
    ['an unknown SKU', 'NOPE,,B1,2027-12-31,1,1,', 'sku'],
    ['a barcode of another SKU', 'SK000001,8900000000024,B1,2027-12-31,1,1,', 'barcode'],
    ['no product at all', ',,B1,2027-12-31,1,1,', 'sku'],
    ['an empty batch number', 'SK000001,,,2027-12-31,1,1,', 'batch no'],
    ['a bad expiry', 'SK000001,,B1,31-31-2027,1,1,', 'expiry'],
    ['a fractional quantity', 'SK000001,,B1,2027-12-31,1.5,1,', 'qty'],
    ['a cost above the MRP', 'SK000001,,B1,2027-12-31,1,150,', 'cost'],
    ['a lot already in this branch’s stock', 'SK000002,,OLD,2027-01-31,1,1,', 'batch no'],
    ['a lot another branch holds with another expiry', 'SK000001,,ELSEWHERE,2027-12-31,1,1,', 'expiry'],
  ])('reports %s in its column', (_label, line, column) => {
    const r = stock([line]);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ row: 2, column, reason: expect.any(String) }]);
  });

  it('adds to the batch on file when another branch holds the same lot with the same expiry', () => {
    const r = stock(['SK000001,,ELSEWHERE,30/06/2027,3,1,']);
    expect(r.rows.map((x) => x.batchId)).toEqual(['b-else']);
  });

  it('reports the same lot twice in the file on the later line', () => {
    const r = stock(['SK000001,,B1,2027-12-31,1,1,', 'SK000001,,b1,2027-12-31,2,1,']);
    expect(r.errors).toEqual([{ row: 3, column: 'batch no', reason: 'Batch b1 of SKU SK000001 is already on line 2.' }]);
  });

  it('needs a SKU or a barcode column in the header', () => {
    const r = stock(['B1,2027-12-31,1,1'], 'batch,expiry,qty,cost');
    expect(r.errors).toEqual([{ row: 1, column: 'sku / barcode', reason: 'The header needs a sku or a barcode column.' }]);
  });
});
