import { describe, expect, it } from 'vitest';
import type { CustomerWallet } from '../../../shared/src/api/customers-api.js';
import { DEFAULT_LOYALTY_RULE } from '../../../shared/src/loyalty.js';
import { paise } from '../../../shared/src/money.js';
import { walletDefault, walletMethods, walletProblem } from './loyalty-payment.js';
import { planPayments } from './payment.js';

const wallet = (points: number, credit: number, rule = DEFAULT_LOYALTY_RULE): CustomerWallet => ({ balances: { points, storeCreditPaise: paise(credit) }, rule });

describe('points and store credit at payment', () => {
  it('offers each only when the attached customer has a balance of it', () => {
    expect(walletMethods(null)).toEqual([]);
    expect(walletMethods(wallet(0, 0))).toEqual([]);
    expect(walletMethods(wallet(12, 0))).toEqual(['points']);
    expect(walletMethods(wallet(12, 500))).toEqual(['points', 'store_credit']);
  });

  it('turns typed points into rupees at the point value and leaves the rest to cash', () => {
    const plan = planPayments(paise(42_000), [{ method: 'points', amountText: '120' }, { method: 'cash', amountText: '500' }], 100);
    expect(plan.payments).toEqual([{ method: 'points', amountPaise: 12_000 }, { method: 'cash', amountPaise: 30_000, tenderedPaise: 50_000 }]);
    expect(plan.changePaise).toBe(20_000);
    expect(planPayments(paise(42_000), [{ method: 'points', amountText: '12.5' }]).problem).toMatch(/whole points/);
  });

  it('names the limit a plan breaks: balance, per-bill maximum, minimum, store credit', () => {
    const total = paise(42_000);
    const pts = (n: number) => [{ method: 'points' as const, amountPaise: paise(n * 100) }];
    expect(walletProblem(pts(50), wallet(40, 0), total)).toBe('Only 40 points available.');
    expect(walletProblem(pts(50), wallet(400, 0, { ...DEFAULT_LOYALTY_RULE, maxRedeemPoints: 30 }), total)).toBe('At most 30 points per bill.');
    expect(walletProblem(pts(5), wallet(400, 0, { ...DEFAULT_LOYALTY_RULE, minRedeemPoints: 10 }), total)).toBe('Redeem at least 10 points, or none.');
    expect(walletProblem([{ method: 'store_credit', amountPaise: paise(600) }], wallet(0, 500), total)).toBe('Only ₹5.00 of store credit available.');
    expect(walletProblem(pts(40), wallet(40, 0), total)).toBeNull();
    expect(walletProblem(pts(1), null, total)).toMatch(/Attach the customer/);
  });

  it('suggests all the points or credit the bill can take', () => {
    expect(walletDefault('points', wallet(1_000, 0), paise(42_050))).toBe('420');
    expect(walletDefault('points', wallet(35, 0), paise(42_050))).toBe('35');
    expect(walletDefault('store_credit', wallet(0, 60_000), paise(42_050))).toBe('420.50');
  });
});
