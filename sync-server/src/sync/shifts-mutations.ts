import { Type, type Static } from 'typebox';
import { DENOMINATION_KEYS } from '../../../shared/src/shifts.js';
import { Uuid } from '../http/schemas.js';
import { compileStrict, describeFailure } from '../http/validation.js';
import { applyShiftCashMoved, applyShiftClosed, applyShiftOpened } from './apply-shift.js';
import type { FeatureMutations } from './feature-mutations.js';
import { MutationRejected } from './mutation-context.js';

const Paise = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 });
const SignedPaise = Type.Integer({ minimum: -1_000_000_000_000, maximum: 1_000_000_000_000 });
const Count = Type.Integer({ minimum: 0, maximum: 1_000_000 });
const Instant = Type.String({ format: 'date-time' });
const strict = { additionalProperties: false } as const;

export const ShiftOpenedSchema = Type.Object({ shiftId: Uuid, shiftNo: Type.Integer({ minimum: 1, maximum: 100_000_000 }), floatPaise: Paise, openedAt: Instant }, strict);
export type ShiftOpened = Static<typeof ShiftOpenedSchema>;

export const ShiftCashMovedSchema = Type.Object(
  {
    shiftId: Uuid,
    moveId: Uuid,
    direction: Type.Union([Type.Literal('in'), Type.Literal('out')]),
    reason: Type.Union(['change_float', 'petty_expense', 'bank_deposit', 'owner_drawing', 'other'].map((r) => Type.Literal(r))),
    note: Type.String({ maxLength: 200 }),
    amountPaise: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 }),
  },
  strict,
);
export type ShiftCashMoved = Static<typeof ShiftCashMovedSchema>;

export const ShiftClosedSchema = Type.Object(
  {
    shiftId: Uuid,
    shiftNo: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
    staffId: Uuid,
    openedAt: Instant,
    closedAt: Instant,
    floatPaise: Paise,
    countedPaise: Paise,
    expectedPaise: SignedPaise,
    variancePaise: SignedPaise,
    thresholdPaise: Paise,
    approvedBy: Type.Union([Uuid, Type.Null()]),
    counts: Type.Object(Object.fromEntries(DENOMINATION_KEYS.map((k) => [k, Type.Optional(Count)])), strict),
    note: Type.String({ maxLength: 500 }),
    figures: Type.Object(
      {
        salesCount: Count,
        salesTotalPaise: Paise,
        cashSalesPaise: Paise,
        cashRefundsPaise: Paise,
        cashVoidedPaise: Type.Optional(Paise),
        cashInPaise: Paise,
        cashOutPaise: Paise,
        discountPaise: Paise,
        taxablePaise: Paise,
        cgstPaise: Paise,
        sgstPaise: Paise,
        igstPaise: Paise,
        voidsCount: Count,
        returnsCount: Count,
        returnsTotalPaise: Paise,
        payments: Type.Array(Type.Object({ method: Type.String({ minLength: 1, maxLength: 32 }), count: Count, amountPaise: Paise }, strict), { maxItems: 32 }),
      },
      strict,
    ),
  },
  strict,
);
export type ShiftClosed = Static<typeof ShiftClosedSchema>;

const checkOpened = compileStrict<ShiftOpened>(ShiftOpenedSchema);
const checkCashMoved = compileStrict<ShiftCashMoved>(ShiftCashMovedSchema);
const checkClosed = compileStrict<ShiftClosed>(ShiftClosedSchema);

/** Mutation types of Shifts: float, cash in/out, X and Z reports: validate the payload, then apply it in the push's transaction. */
export const SHIFTS_MUTATIONS: FeatureMutations = {
  'shift.opened': (payload) => {
    if (!checkOpened(payload)) throw new MutationRejected('input.invalid', describeFailure(checkOpened, 'payload'));
    return { handler: (tx, ctx) => applyShiftOpened(tx, ctx, payload) };
  },
  'shift.cash_moved': (payload) => {
    if (!checkCashMoved(payload)) throw new MutationRejected('input.invalid', describeFailure(checkCashMoved, 'payload'));
    return { handler: (tx, ctx) => applyShiftCashMoved(tx, ctx, payload) };
  },
  'shift.closed': (payload) => {
    if (!checkClosed(payload)) throw new MutationRejected('input.invalid', describeFailure(checkClosed, 'payload'));
    if (Date.parse(payload.closedAt) < Date.parse(payload.openedAt)) throw new MutationRejected('input.invalid', 'payload/closedAt is before openedAt.');
    return { handler: (tx, ctx) => applyShiftClosed(tx, ctx, payload) };
  },
};
