/** Pure cart transitions: data in, new data out. The core prices; these only edit intent. */
import type { CartLineInput } from '../../../shared/src/api-contract.js';
import { paise, type Paise } from '../../../shared/src/money.js';

export type Cart = readonly CartLineInput[];

/** Adds one unit of a product; scanning the same product again raises the quantity of its line. */
export function addProduct(cart: Cart, productId: string, newLineId: string): Cart {
  const existing = cart.find((l) => l.productId === productId && (l.batchOverrideId ?? null) === null);
  if (existing !== undefined) return cart.map((l) => (l === existing ? { ...l, qty: l.qty + 1 } : l));
  return [...cart, { lineId: newLineId, productId, qty: 1, discountPaise: paise(0), batchOverrideId: null }];
}

/** Sets a quantity; 0 or less removes the line. Non-integers are truncated (packs are whole). */
export function setQty(cart: Cart, lineId: string, qty: number): Cart {
  const whole = Math.trunc(qty);
  if (!Number.isFinite(whole) || whole <= 0) return removeLine(cart, lineId);
  return cart.map((l) => (l.lineId === lineId ? { ...l, qty: Math.min(whole, 9999) } : l));
}

export function changeQty(cart: Cart, lineId: string, delta: number): Cart {
  const line = cart.find((l) => l.lineId === lineId);
  return line === undefined ? cart : setQty(cart, lineId, line.qty + delta);
}

export function setDiscount(cart: Cart, lineId: string, discountPaise: Paise): Cart {
  return cart.map((l) => (l.lineId === lineId ? { ...l, discountPaise: paise(Math.max(0, discountPaise)) } : l));
}

export function setBatchOverride(cart: Cart, lineId: string, batchId: string | null): Cart {
  return cart.map((l) => (l.lineId === lineId ? { ...l, batchOverrideId: batchId } : l));
}

export function removeLine(cart: Cart, lineId: string): Cart {
  return cart.filter((l) => l.lineId !== lineId);
}
