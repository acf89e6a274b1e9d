import { describe, expect, it } from 'vitest';
import type { AdjustableBatch } from '../../../../shared/src/api/stock-office-api.js';
import { paise } from '../../../../shared/src/money.js';
import { defaultBatch, parseDelta, valuedLines } from './adjustment-form.js';

const batch = (batchId: string, qty: number, expired: boolean, cost = 1_000): AdjustableBatch => ({ batchId, productId: 'p', batchNo: batchId, expiry: '2027-01-31', qty, costPaise: paise(cost), mrpPaise: paise(2_000), expired });

describe('adjustment form', () => {
  it.each([
    ['-3', -3],
    ['+2', 2],
    [' 4 ', 4],
    ['- 5', -5],
    ['0', null],
    ['1.5', null],
    ['', null],
    ['abc', null],
  ])('reads %j as %j', (text, delta) => {
    expect(parseDelta(text)).toBe(delta);
  });

  it('starts a line on the earliest good batch with stock, else an expired one with stock, else the first', () => {
    expect(defaultBatch([batch('a', 0, false), batch('b', 3, true), batch('c', 2, false)])).toBe('c');
    expect(defaultBatch([batch('a', 0, false), batch('b', 3, true)])).toBe('b');
    expect(defaultBatch([batch('a', 0, false)])).toBe('a');
    expect(defaultBatch([])).toBe('');
  });

  it('values each line at its chosen batch’s cost, unparsed lines as 0', () => {
    const lines = [
      { key: 'k1', productId: 'p', name: 'n', batches: [batch('a', 5, false, 700), batch('b', 5, false, 900)], batchId: 'b', qty: '-2' },
      { key: 'k2', productId: 'p', name: 'n', batches: [batch('a', 5, false, 700)], batchId: 'a', qty: 'x' },
    ];
    expect(valuedLines(lines)).toEqual([{ qtyDelta: -2, costPaise: 900 }, { qtyDelta: 0, costPaise: 700 }]);
  });
});
