import { describe, expect, it } from 'vitest';
import { paise } from '../../../../shared/src/money.js';
import { addProductLine, editLine, nextField, parseExpiry, removeLine, toDraft } from './receipt-draft.js';

const product = { productId: 'p1', name: 'Arnica 30C', meta: 'SBL · 30 ml', mrpPaise: paise(12_000), lastCostPaise: paise(6_150) };

describe('receipt form', () => {
  it.each([
    ['2028-06-30', '2028-06-30'],
    ['06/28', '2028-06-30'],
    ['2/2028', '2028-02-29'],
    ['11-27', '2027-11-30'],
    ['13/28', '13/28'],
    ['junk', 'junk'],
  ])('reads expiry %s as %s', (typed, date) => {
    expect(parseExpiry(typed)).toBe(date);
  });

  it('adds a line with the catalogue MRP and the last cost, and focuses an open line of the same product instead of adding another', () => {
    const first = addProductLine([], product, 'k1');
    expect(first.lines[0]).toMatchObject({ key: 'k1', cost: '61.50', mrp: '120.00', freeQty: '0', qty: '' });
    expect(addProductLine(first.lines, product, 'k2')).toMatchObject({ focus: 'k1', added: false });
    const withBatch = editLine(first.lines, 'k1', 'batchNo', 'B1');
    expect(addProductLine(withBatch, { ...product, lastCostPaise: null }, 'k2')).toMatchObject({ focus: 'k2', added: true, lines: [{ key: 'k1' }, { key: 'k2', cost: '' }] });
    expect(removeLine(withBatch, 'k1')).toEqual([]);
  });

  it('parses the typed line for the shared rules: blank free quantity is 0, junk is null', () => {
    const [line] = addProductLine([], product, 'k1').lines;
    if (line === undefined) throw new Error('no line');
    expect(toDraft({ ...line, batchNo: 'B1', expiry: '6/28', qty: '12', freeQty: '', cost: '1,061.5' })).toEqual({
      productId: 'p1', batchNo: 'B1', expiry: '2028-06-30', qty: 12, freeQty: 0, costPaise: 106_150, mrpPaise: 12_000,
    });
    expect(toDraft({ ...line, qty: '1.5', cost: 'abc' })).toMatchObject({ qty: null, costPaise: null });
  });

  it('moves Enter along the line fields, then back to the product box', () => {
    expect(nextField('batchNo')).toBe('expiry');
    expect(nextField('cost')).toBe('mrp');
    expect(nextField('mrp')).toBeNull();
  });
});
