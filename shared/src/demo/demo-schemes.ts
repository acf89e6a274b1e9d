/**
 * The demo office's schemes (the same rows on the counter's demo store and the server's demo seed):
 * two in force around the demo's date, each on one Calendula product that no other flow sells, one
 * upcoming bill scheme and one expired brand scheme, so the back office list shows every status.
 */
import { addDays } from '../dates.js';
import type { Scheme } from '../schemes.js';
import type { DemoData } from './demo-data.js';

export const DEMO_SCHEME_PRODUCT_NAMES = { freeQty: 'Calendula Officinalis Q Mother Tincture 30 ml', percent: 'Calendula Officinalis 200C Dilution 30 ml' } as const;

const none = { percentBp: null, amountPaise: null, buyQty: null, freeQty: null } as const;

/** The demo schemes; a product missing from a small catalogue drops its scheme. */
export function demoSchemes(data: Pick<DemoData, 'products'>, today: string): Scheme[] {
  const sbl = (name: string) => data.products.find((p) => p.name === name && p.brand === 'SBL');
  const out: Scheme[] = [];
  const window = { validFrom: addDays(today, -7), validTo: addDays(today, 60), branchIds: null, capBp: null, active: true, minBillPaise: 0 };
  const mt = sbl(DEMO_SCHEME_PRODUCT_NAMES.freeQty);
  if (mt !== undefined) out.push({ ...none, ...window, id: '0199a000-0000-7000-8000-00000000c001', name: 'Calendula Q: buy 2 get 1 free', kind: 'free_qty', targetType: 'product', targetValue: mt.id, buyQty: 2, freeQty: 1, capBp: 4000 });
  const dil = sbl(DEMO_SCHEME_PRODUCT_NAMES.percent);
  if (dil !== undefined) out.push({ ...none, ...window, id: '0199a000-0000-7000-8000-00000000c002', name: 'Calendula 200C: 12% off', kind: 'percent', targetType: 'product', targetValue: dil.id, percentBp: 1200 });
  out.push({ ...none, ...window, id: '0199a000-0000-7000-8000-00000000c003', name: 'Big bill 5% (₹2,000 and above)', kind: 'percent', targetType: 'bill', targetValue: '', percentBp: 500, minBillPaise: 200_000, validFrom: addDays(today, 14), validTo: addDays(today, 45) });
  out.push({ ...none, ...window, id: '0199a000-0000-7000-8000-00000000c004', name: 'Dr. Reckeweg week: 10% off', kind: 'percent', targetType: 'brand', targetValue: 'Dr. Reckeweg', percentBp: 1000, validFrom: addDays(today, -40), validTo: addDays(today, -10) });
  return out;
}
