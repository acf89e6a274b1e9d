/** App API methods of Customer search, history, loyalty points, B2B (issue 5). Merged into AppApi in ../api-contract.ts. */
import type { Customer } from '../domain.js';
import type { LedgerKind, LedgerSource, LoyaltyRule } from '../loyalty.js';
import type { Paise } from '../money.js';

/** A customer's balances: the sums of their ledger entries (this counter's and pulled ones). */
export interface CustomerBalances {
  points: number;
  storeCreditPaise: Paise;
}

export interface CustomerListItem extends Customer {
  balances: CustomerBalances;
}

/** One invoice of the customer: this counter's (reprintable here) or another counter's of the branch (pulled). */
export interface CustomerPurchase {
  saleId: string;
  invoiceNo: string;
  at: string;
  businessDate: string;
  totalPaise: Paise;
  status: 'completed' | 'voided';
  thisCounter: boolean;
}

export interface CustomerLedgerEntry {
  id: string;
  kind: LedgerKind;
  /** Points, or paise of store credit; positive = earned/issued. */
  delta: number;
  sourceType: LedgerSource;
  sourceId: string;
  at: string;
}

export interface CustomerDetail {
  customer: Customer;
  balances: CustomerBalances;
  purchases: CustomerPurchase[];
  /** Newest first, at most 200. */
  ledger: CustomerLedgerEntry[];
}

/** What the payment panel needs to offer points and store credit. */
export interface CustomerWallet {
  balances: CustomerBalances;
  rule: LoyaltyRule;
}

export interface CustomersApi {
  /** By phone digits (prefix) or name (prefix of the name or of any word); empty query = all by name. */
  'customer.search': { args: { query: string; limit?: number }; result: CustomerListItem[] };
  'customer.detail': { args: { customerId: string }; result: CustomerDetail };
  /** Name, GSTIN (its first two digits set the state) or, without a GSTIN, the state; queued as `customer.upserted`. */
  'customer.update': { args: { customerId: string; name: string; gstin?: string | null; stateCode?: string | null }; result: Customer };
  'customer.wallet': { args: { customerId: string }; result: CustomerWallet };
  'loyalty.rule': { args: Record<string, never>; result: LoyaltyRule };
  /** Managers and admins only. */
  'loyalty.setRule': { args: { rule: LoyaltyRule }; result: LoyaltyRule };
}

export const CUSTOMERS_METHODS: readonly (keyof CustomersApi)[] = ['customer.search', 'customer.detail', 'customer.update', 'customer.wallet', 'loyalty.rule', 'loyalty.setRule'];

/** Error codes of this feature; part of ErrorCode (../errors.ts). Add literals: `| 'x.y'`. */
export type CustomersErrorCode =
  | 'customer.unknown'
  | 'customer.state_invalid'
  | 'loyalty.customer_required'
  | 'loyalty.points_invalid'
  | 'loyalty.points_insufficient'
  | 'loyalty.credit_insufficient'
  | 'loyalty.rule_invalid';
