/** Pure payment maths for the payment panel; the core re-checks everything on completion. */
import type { PaymentInput } from '../../../shared/src/api-contract.js';
import type { PaymentMethod } from '../../../shared/src/domain.js';
import { paise, parseRupees, type Paise } from '../../../shared/src/money.js';

export interface PaymentRow {
  method: PaymentMethod;
  /** What the cashier typed, in rupees (for points: whole points). For cash this is the amount TENDERED. */
  amountText: string;
}

export interface PaymentPlan {
  payments: PaymentInput[];
  /** Still to pay (0 when covered). */
  duePaise: Paise;
  changePaise: Paise;
  /** A message when the rows cannot be accepted as typed. */
  problem: string | null;
}

/**
 * Card and UPI rows are charged as typed; cash covers what is left, and any cash beyond that
 * is change. Payments always add up to the total exactly, as the core requires.
 */
export function planPayments(totalPaise: Paise, rows: readonly PaymentRow[], pointValuePaise = 100): PaymentPlan {
  const points = (text: string): Paise | null => (/^\d{1,9}$/.test(text.trim()) ? paise(Number(text.trim()) * pointValuePaise) : null);
  const parsed = rows.map((r) => ({ method: r.method, amount: r.amountText.trim() === '' ? paise(0) : r.method === 'points' ? points(r.amountText) : parseRupees(r.amountText) }));
  if (parsed.some((p, i) => p.amount === null && rows[i]?.method === 'points')) return { payments: [], duePaise: totalPaise, changePaise: paise(0), problem: 'Enter whole points, e.g. 120.' };
  if (parsed.some((p) => p.amount === null)) return { payments: [], duePaise: totalPaise, changePaise: paise(0), problem: 'Enter amounts in rupees, e.g. 500 or 499.50.' };
  const exact = parsed.filter((p) => p.method !== 'cash').reduce((a, p) => a + (p.amount ?? 0), 0);
  if (exact > totalPaise) return { payments: [], duePaise: paise(0), changePaise: paise(0), problem: 'Card, UPI, points and store credit cannot exceed the bill; give change only on cash.' };
  const cashTendered = parsed.filter((p) => p.method === 'cash').reduce((a, p) => a + (p.amount ?? 0), 0);
  const cashDue = totalPaise - exact;
  const cashApplied = Math.min(cashTendered, cashDue);
  const payments: PaymentInput[] = parsed
    .filter((p) => p.method !== 'cash' && (p.amount ?? 0) > 0)
    .map((p) => ({ method: p.method, amountPaise: p.amount as Paise }));
  if (cashApplied > 0) payments.push({ method: 'cash', amountPaise: paise(cashApplied), tenderedPaise: paise(cashTendered) });
  return {
    payments,
    duePaise: paise(Math.max(0, cashDue - cashTendered)),
    changePaise: paise(Math.max(0, cashTendered - cashDue)),
    problem: null,
  };
}
