/** Field schemas shared by the API's argument shapes (./schemas.ts and the feature handlers). */
import type { Field, Shape } from './validate.js';

export const MAX_PAISE = 10_000_000_000; // ₹10 crore: far above any counter sale, far below float trouble.
export const id: Field = { kind: 'string', min: 1, max: 64, pattern: /^[A-Za-z0-9_-]+$/ };
export const optionalId: Field = { ...id, optional: true, nullable: true };
export const cartLine: Field = {
  kind: 'object',
  shape: {
    lineId: id,
    productId: id,
    qty: { kind: 'int', min: 1, max: 9999 },
    discountPaise: { kind: 'int', min: 0, max: MAX_PAISE },
    batchOverrideId: optionalId,
  },
};
export const cartLines: Field = { kind: 'array', of: cartLine, max: 200 };
export const payment: Field = {
  kind: 'object',
  shape: {
    method: { kind: 'enum', values: ['cash', 'card', 'upi', 'points', 'store_credit'] },
    amountPaise: { kind: 'int', min: 1, max: MAX_PAISE },
    tenderedPaise: { kind: 'int', min: 1, max: MAX_PAISE, optional: true, nullable: true },
    reference: { kind: 'string', max: 64, optional: true, nullable: true },
  },
};

export const businessDate: Field = { kind: 'string', min: 10, max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/ };
/** Every report's range; the core then checks the dates are real and in order (shared/src/reports/periods.ts). */
export const reportRange: Shape = { from: businessDate, to: businessDate, granularity: { kind: 'enum', values: ['day', 'week', 'month'], optional: true } };

