/** Points and store credit in the payment panel: which to offer, and the limits the core will check. */
import type { PaymentInput } from '../../../shared/src/api-contract.js';
import type { CustomerWallet } from '../../../shared/src/api/customers-api.js';
import type { PaymentMethod } from '../../../shared/src/domain.js';
import { checkPointsRedemption, maxRedeemablePoints } from '../../../shared/src/loyalty.js';
import { formatINR, paise, type Paise } from '../../../shared/src/money.js';

export const PAYMENT_METHOD_LABELS: Readonly<Record<PaymentMethod, string>> = { cash: 'Cash', card: 'Card', upi: 'UPI', points: 'Points', store_credit: 'Store credit' };

/** Points and store credit are offered only for an attached customer with a positive balance. */
export function walletMethods(wallet: CustomerWallet | null): PaymentMethod[] {
  if (wallet === null) return [];
  const methods: PaymentMethod[] = [];
  if (wallet.balances.points > 0) methods.push('points');
  if (wallet.balances.storeCreditPaise > 0) methods.push('store_credit');
  return methods;
}

/** Why the planned points or store credit cannot be taken, or null. */
export function walletProblem(payments: readonly PaymentInput[], wallet: CustomerWallet | null, totalPaise: Paise): string | null {
  const sum = (m: PaymentMethod): number => payments.filter((p) => p.method === m).reduce((a, p) => a + p.amountPaise, 0);
  const points = sum('points');
  const credit = sum('store_credit');
  if (wallet === null) return points > 0 || credit > 0 ? 'Attach the customer (F4) to pay with points or store credit.' : null;
  if (points > 0) {
    const check = checkPointsRedemption(wallet.rule, paise(points), totalPaise, wallet.balances.points);
    if (check.kind === 'above_balance') return `Only ${check.balancePoints} points available.`;
    if (check.kind === 'above_maximum') return `At most ${check.maxPoints} points per bill.`;
    if (check.kind === 'below_minimum') return `Redeem at least ${check.minPoints} points, or none.`;
    if (check.kind === 'above_bill') return 'Points cannot pay more than the bill.';
  }
  if (credit > wallet.balances.storeCreditPaise) return `Only ${formatINR(wallet.balances.storeCreditPaise)} of store credit available.`;
  return null;
}

/** What to type in a new row of `method`: all the points or credit the bill can take. */
export function walletDefault(method: PaymentMethod, wallet: CustomerWallet, totalPaise: Paise): string {
  if (method === 'points') return String(maxRedeemablePoints(wallet.rule, totalPaise, wallet.balances.points));
  if (method === 'store_credit') return (Math.min(wallet.balances.storeCreditPaise, totalPaise) / 100).toFixed(2);
  return '';
}
