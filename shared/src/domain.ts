/**
 * Domain types shared by the core, the renderer and the sync server.
 * Dates are ISO strings: a business date is `YYYY-MM-DD` (Asia/Kolkata business day),
 * an instant is a full ISO-8601 UTC timestamp. Money is integer paise (see money.ts).
 */
import type { Paise } from './money.js';

export type Role = 'cashier' | 'pharmacist' | 'manager' | 'admin';

/** Canonical potency label: `6X`, `30C`, `200C`, `1M`, `10M`, `50M`, `CM`, `Q` (mother tincture), `LM1`… or '' for none. */
export type Potency = string;

export type ProductForm =
  | 'dilution'
  | 'mother tincture'
  | 'globules'
  | 'tablets'
  | 'trituration'
  | 'biochemic'
  | 'ointment'
  | 'drops'
  | 'syrup';

export const PRODUCT_FORMS: readonly ProductForm[] = [
  'dilution',
  'mother tincture',
  'globules',
  'tablets',
  'trituration',
  'biochemic',
  'ointment',
  'drops',
  'syrup',
];

/** classical = pharmacopoeial single remedy; proprietary = branded combination/patent product. */
export type TaxCategory = 'classical' | 'proprietary';

export interface Branch {
  id: string;
  code: string;
  name: string;
  /** Two-digit GST state code, e.g. '29' for Karnataka. */
  stateCode: string;
  gstin: string | null;
  address: string;
  phone: string;
}

export interface Product {
  id: string;
  sku: string;
  name: string;
  remedy: string;
  potency: Potency;
  form: ProductForm;
  packSize: string;
  brand: string;
  hsn: string;
  taxCategory: TaxCategory;
  mrpPaise: Paise;
  barcode: string | null;
  active: boolean;
}

export interface Batch {
  id: string;
  productId: string;
  batchNo: string;
  /** Last valid day, YYYY-MM-DD. Expired when expiry < business date. */
  expiry: string;
  costPaise: Paise;
  mrpPaise: Paise;
}

export interface Staff {
  id: string;
  name: string;
  role: Role;
  branchId: string;
  active: boolean;
}

/** `points` (loyalty points at their value) and `store_credit` (issued by returns) need an attached customer with a balance. */
export type PaymentMethod = 'cash' | 'card' | 'upi' | 'points' | 'store_credit';

export interface Customer {
  id: string;
  phone: string;
  name: string;
  gstin: string | null;
  /** GST state code of the customer, when known (from GSTIN or entered). */
  stateCode: string | null;
}
