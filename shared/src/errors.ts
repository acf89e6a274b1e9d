/**
 * Stable error codes. Every expected failure that crosses a boundary (core → renderer,
 * server → device) carries one of these plus a message a person can act on.
 */
import type { StockOfficeErrorCode } from './api/stock-office-api.js';
import type { StocktakeErrorCode } from './api/stocktake-api.js';
import type { TransfersErrorCode } from './api/transfers-api.js';
import type { ReturnsErrorCode } from './api/returns-api.js';
import type { ShiftsErrorCode } from './api/shifts-api.js';
import type { CustomersErrorCode } from './api/customers-api.js';
import type { SchemesErrorCode } from './api/schemes-api.js';
import type { ImportsErrorCode } from './api/imports-api.js';

export type ErrorCode =
  | StockOfficeErrorCode
  | StocktakeErrorCode
  | TransfersErrorCode
  | ReturnsErrorCode
  | ShiftsErrorCode
  | CustomersErrorCode
  | SchemesErrorCode
  | ImportsErrorCode
  | 'input.invalid'
  | 'auth.required'
  | 'auth.pin_invalid'
  | 'auth.pin_locked'
  | 'auth.staff_unknown'
  | 'auth.forbidden'
  | 'auth.manager_pin_required'
  | 'catalog.product_unknown'
  | 'catalog.barcode_unknown'
  | 'stock.insufficient'
  | 'stock.batch_expired'
  | 'stock.batch_unknown'
  | 'sale.empty'
  | 'sale.discount_exceeds_limit'
  | 'sale.payment_short'
  | 'sale.payment_invalid'
  | 'sale.unknown'
  | 'sale.already_voided'
  | 'sale.held_unknown'
  | 'tax.rate_missing'
  | 'invoice.series_exhausted'
  | 'customer.phone_invalid'
  | 'customer.gstin_invalid'
  | 'customer.duplicate_phone'
  | 'api.unknown_method'
  | 'device.unpaired'
  | 'sync.already_paired'
  | 'sync.branch_mismatch'
  | 'sync.server_unreachable'
  | 'sync.pairing_failed'
  | 'sync.mutation_unknown'
  | 'internal';

/** An error as data: class prototypes do not survive contextBridge or JSON. */
export interface AppError {
  code: ErrorCode;
  message: string;
  /** Optional machine-readable details, e.g. `{ retryAfterSeconds: 30 }` for a locked PIN. */
  details?: Record<string, string | number | boolean | null>;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): ApiResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string, details?: AppError['details']): ApiResult<T> {
  return details === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, details } };
}
