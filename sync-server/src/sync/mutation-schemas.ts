/**
 * Schemas for what a device pushes. The HTTP body schema only checks the batch shape, so one
 * malformed mutation is `rejected` on its own while the rest of the batch still applies.
 */
import { Type, type Static } from 'typebox';
import { INVOICE_NO_PATTERN } from '../../../shared/src/invoice-number.js';
import { Uuid } from '../http/schemas.js';
import { compileStrict } from '../http/validation.js';

export const MAX_MUTATIONS_PER_PUSH = 500;

const BusinessDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** Bounded so qty × price stays far inside Number.MAX_SAFE_INTEGER. */
const Paise = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });
const SignedPaise = Type.Integer({ minimum: -1_000_000_000, maximum: 1_000_000_000 });

/** `POST /v1/sync/push` body: each item only needs to be an object here (see `MutationEnvelope`). */
export const PushBody = Type.Object(
  { mutations: Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: MAX_MUTATIONS_PER_PUSH }) },
  { additionalProperties: false },
);

export const MutationEnvelope = Type.Object(
  {
    id: Uuid,
    seq: Type.Integer({ minimum: 1 }),
    type: Type.String({ minLength: 1, maxLength: 64 }),
    at: Type.String({ format: 'date-time' }),
    actorId: Uuid,
    payload: Type.Object({}, { additionalProperties: true }),
  },
  { additionalProperties: false },
);
export type MutationEnvelope = Static<typeof MutationEnvelope>;

export const SaleCompletedSchema = Type.Object(
  {
    saleId: Uuid,
    invoiceNo: Type.String({ pattern: INVOICE_NO_PATTERN.source }),
    customerId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    businessDate: Type.Optional(BusinessDate),
    lines: Type.Array(
      Type.Object(
        {
          productId: Uuid,
          batchId: Uuid,
          qty: Type.Integer({ minimum: 1, maximum: 100_000 }),
          unitPricePaise: Paise,
          /** The line's whole discount: manual + scheme. */
          discountPaise: Paise,
          /** The scheme behind schemeDiscountPaise (an unknown one is an anomaly, never a refusal). */
          schemeId: Type.Optional(Uuid),
          schemeDiscountPaise: Type.Optional(Paise),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
    payments: Type.Array(
      Type.Object(
        {
          method: Type.Union([Type.Literal('cash'), Type.Literal('card'), Type.Literal('upi'), Type.Literal('points'), Type.Literal('store_credit')]),
          amountPaise: Type.Integer({ minimum: 1, maximum: 100_000_000_000 }),
          /** Points redeemed by a `points` payment. */
          points: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000_000 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 20 },
    ),
    /** Loyalty points the sale earned (the device's rule). */
    pointsEarned: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    totals: Type.Optional(
      Type.Object(
        {
          totalPaise: Type.Integer({ minimum: 0, maximum: 100_000_000_000 }),
          taxablePaise: Type.Integer({ minimum: 0, maximum: 100_000_000_000 }),
          cgstPaise: Type.Integer({ minimum: 0, maximum: 100_000_000_000 }),
          sgstPaise: Type.Integer({ minimum: 0, maximum: 100_000_000_000 }),
          igstPaise: Type.Integer({ minimum: 0, maximum: 100_000_000_000 }),
          roundOffPaise: SignedPaise,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SaleCompleted = Static<typeof SaleCompletedSchema>;

export const CustomerUpsertedSchema = Type.Object(
  {
    customerId: Uuid,
    phone: Type.String({ minLength: 1, maxLength: 32 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    gstin: Type.Union([Type.String({ maxLength: 15 }), Type.Null()]),
    stateCode: Type.Union([Type.String({ pattern: '^[0-9]{2}$' }), Type.Null()]),
    hlc: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);
export type CustomerUpserted = Static<typeof CustomerUpsertedSchema>;

export const SaleVoidedSchema = Type.Object(
  {
    saleId: Uuid,
    invoiceNo: Type.String({ minLength: 1, maxLength: 64 }),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
    approvedBy: Uuid,
  },
  { additionalProperties: false },
);
export type SaleVoided = Static<typeof SaleVoidedSchema>;

const Quantity = Type.Integer({ minimum: 0, maximum: 1_000_000 });

/** Goods received (shared/src/sync-protocol.ts `StockReceivedPayload`); qty + freeQty ≥ 1 is checked on apply. */
export const StockReceivedSchema = Type.Object(
  {
    receiptId: Uuid,
    supplier: Type.String({ minLength: 1, maxLength: 200 }),
    supplierInvoiceNo: Type.String({ minLength: 1, maxLength: 100 }),
    supplierInvoiceDate: BusinessDate,
    lines: Type.Array(
      Type.Object(
        {
          productId: Uuid,
          batchId: Uuid,
          batchNo: Type.String({ minLength: 1, maxLength: 64 }),
          expiry: BusinessDate,
          qty: Quantity,
          freeQty: Quantity,
          costPaise: Paise,
          mrpPaise: Paise,
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type StockReceived = Static<typeof StockReceivedSchema>;

/** A stock correction (`StockAdjustedPayload`); qtyDelta ≠ 0 is checked on apply (clearer message). */
export const StockAdjustedSchema = Type.Object(
  {
    adjustmentId: Uuid,
    reason: Type.Union([Type.Literal('damage'), Type.Literal('expiry_write_off'), Type.Literal('sample'), Type.Literal('correction')]),
    note: Type.String({ maxLength: 500 }),
    approvedBy: Type.Union([Uuid, Type.Null()]),
    lines: Type.Array(
      Type.Object(
        { productId: Uuid, batchId: Uuid, qtyDelta: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type StockAdjusted = Static<typeof StockAdjustedSchema>;

export const checkEnvelope = compileStrict<MutationEnvelope>(MutationEnvelope);
export const checkSaleCompleted = compileStrict<SaleCompleted>(SaleCompletedSchema);
export const checkCustomerUpserted = compileStrict<CustomerUpserted>(CustomerUpsertedSchema);
export const checkSaleVoided = compileStrict<SaleVoided>(SaleVoidedSchema);
export const checkStockReceived = compileStrict<StockReceived>(StockReceivedSchema);
export const checkStockAdjusted = compileStrict<StockAdjusted>(StockAdjustedSchema);
