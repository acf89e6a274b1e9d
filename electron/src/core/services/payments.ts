import type { PaymentInput } from '../../../../shared/src/api-contract.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import { formatINR, paise, type Paise } from '../../../../shared/src/money.js';

/**
 * Payments must add up to the invoice total exactly. Only cash may be tendered above its amount
 * (the difference is change); card and UPI are charged exactly.
 */
export function validatePayments(payments: readonly PaymentInput[], totalPaise: Paise): ApiResult<{ changePaise: Paise }> {
  if (payments.length === 0 && totalPaise > 0) return fail('sale.payment_short', `Add a payment: ${formatINR(totalPaise)} to pay.`);
  let sum = 0;
  let change = 0;
  for (const p of payments) {
    if (!Number.isSafeInteger(p.amountPaise) || p.amountPaise <= 0) return fail('sale.payment_invalid', 'Each payment must be a positive amount.');
    if (p.tenderedPaise != null) {
      if (p.method !== 'cash') return fail('sale.payment_invalid', 'Only cash can be tendered above the amount; card and UPI are charged exactly.');
      if (!Number.isSafeInteger(p.tenderedPaise) || p.tenderedPaise < p.amountPaise) {
        return fail('sale.payment_invalid', `Cash tendered (${formatINR(paise(p.tenderedPaise))}) is less than the cash amount (${formatINR(p.amountPaise)}).`);
      }
      change += p.tenderedPaise - p.amountPaise;
    }
    sum += p.amountPaise;
  }
  if (sum < totalPaise) return fail('sale.payment_short', `Payments are ${formatINR(paise(totalPaise - sum))} short of the total ${formatINR(totalPaise)}.`);
  if (sum > totalPaise) return fail('sale.payment_invalid', `Payments exceed the total by ${formatINR(paise(sum - totalPaise))}. For cash, enter the amount tendered instead.`);
  return ok({ changePaise: paise(change) });
}
