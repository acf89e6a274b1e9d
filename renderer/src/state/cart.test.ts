import { describe, expect, it } from 'vitest';
import { paise } from '../../../shared/src/money.js';
import { addProduct, changeQty, removeLine, setBatchOverride, setDiscount, setQty } from './cart.js';

describe('cart transitions', () => {
  it('adding a product twice raises the quantity of its one line', () => {
    const cart = addProduct(addProduct([], 'p1', 'a'), 'p1', 'b');
    expect(cart).toHaveLength(1);
    expect(cart[0]?.qty).toBe(2);
    expect(cart[0]?.lineId).toBe('a');
  });

  it('a line with a chosen batch is not merged with a fresh scan of the same product', () => {
    let cart = addProduct([], 'p1', 'a');
    cart = setBatchOverride(cart, 'a', 'b1');
    cart = addProduct(cart, 'p1', 'b');
    expect(cart.map((l) => [l.lineId, l.qty, l.batchOverrideId])).toEqual([
      ['a', 1, 'b1'],
      ['b', 1, null],
    ]);
  });

  it('setting a quantity of zero or less removes the line, and fractions are truncated', () => {
    const cart = addProduct([], 'p1', 'a');
    expect(setQty(cart, 'a', 0)).toEqual([]);
    expect(setQty(cart, 'a', -3)).toEqual([]);
    expect(setQty(cart, 'a', 2.7)[0]?.qty).toBe(2);
    expect(changeQty(cart, 'a', -1)).toEqual([]);
    expect(changeQty(cart, 'a', 4)[0]?.qty).toBe(5);
  });

  it('a discount is stored in paise and never negative', () => {
    const cart = addProduct([], 'p1', 'a');
    expect(setDiscount(cart, 'a', paise(1250))[0]?.discountPaise).toBe(1250);
    expect(setDiscount(cart, 'a', paise(-5))[0]?.discountPaise).toBe(0);
  });

  it('removing a line leaves the others untouched', () => {
    const cart = addProduct(addProduct([], 'p1', 'a'), 'p2', 'b');
    expect(removeLine(cart, 'a').map((l) => l.lineId)).toEqual(['b']);
  });
});
