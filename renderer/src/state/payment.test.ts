import { describe, expect, it } from 'vitest';
import { paise } from '../../../shared/src/money.js';
import { planPayments } from './payment.js';

describe('planning payments', () => {
  it.each([
    { name: 'cash above the bill gives change', total: 42000, rows: [{ method: 'cash', amountText: '500' }], due: 0, change: 8000, payments: [{ method: 'cash', amountPaise: 42000, tenderedPaise: 50000 }] },
    { name: 'cash short of the bill leaves an amount due', total: 42000, rows: [{ method: 'cash', amountText: '400' }], due: 2000, change: 0, payments: [{ method: 'cash', amountPaise: 40000, tenderedPaise: 40000 }] },
    { name: 'a split takes card exactly and cash for the rest', total: 42000, rows: [{ method: 'card', amountText: '300' }, { method: 'cash', amountText: '200' }], due: 0, change: 8000, payments: [{ method: 'card', amountPaise: 30000 }, { method: 'cash', amountPaise: 12000, tenderedPaise: 20000 }] },
    { name: 'UPI for the whole bill', total: 12350, rows: [{ method: 'upi', amountText: '123.50' }], due: 0, change: 0, payments: [{ method: 'upi', amountPaise: 12350 }] },
  ] as const)('$name', ({ total, rows, due, change, payments }) => {
    const plan = planPayments(paise(total), rows);
    expect(plan.problem).toBeNull();
    expect(plan.duePaise).toBe(due);
    expect(plan.changePaise).toBe(change);
    expect(plan.payments).toEqual(payments);
  });

  it('refuses card or UPI above the bill, and text that is not an amount', () => {
    expect(planPayments(paise(10000), [{ method: 'card', amountText: '200' }]).problem).toMatch(/cannot exceed/);
    expect(planPayments(paise(10000), [{ method: 'cash', amountText: 'abc' }]).problem).toMatch(/rupees/);
  });

  it('payments that cover the bill always add up to it exactly', () => {
    for (let total = 1000; total < 12_000; total += 37) {
      const plan = planPayments(paise(total), [{ method: 'card', amountText: '10' }, { method: 'cash', amountText: '100' }]);
      if (plan.problem === null && plan.duePaise === 0) expect(plan.payments.reduce((a, p) => a + p.amountPaise, 0)).toBe(total);
    }
  });
});
