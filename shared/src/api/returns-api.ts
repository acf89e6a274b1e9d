/** App API methods of Returns against an invoice, credit notes, refunds, store credit (issue 5). Merged into AppApi in ../api-contract.ts. */
import type { Branch, Customer, PaymentMethod } from '../domain.js';
import type { Paise } from '../money.js';

/** How a return is paid back: an original payment method, or store credit to the sale's customer. */
export type RefundMethod = 'cash' | 'card' | 'upi' | 'store_credit';

/** A sale found for a return: this counter's own or another counter's of the branch (pulled). */
export interface ReturnSaleHit {
  saleId: string;
  invoiceNo: string;
  businessDate: string;
  at: string;
  customerName: string | null;
  customerPhone: string | null;
  totalPaise: Paise;
  status: 'completed' | 'voided';
  /** True for this counter's own sale. */
  own: boolean;
}

/** One original line with what is still returnable across every counter. */
export interface ReturnableLine {
  lineNo: number;
  productId: string;
  batchId: string;
  name: string;
  potency: string;
  packSize: string;
  hsn: string;
  batchNo: string;
  expiry: string;
  qty: number;
  returnedQty: number;
  returnableQty: number;
  unitPricePaise: Paise;
  rateBp: number;
  discountPaise: Paise;
  taxablePaise: Paise;
  cgstPaise: Paise;
  sgstPaise: Paise;
  igstPaise: Paise;
  netPaise: Paise;
}

export interface ReturnableSale extends ReturnSaleHit {
  customerId: string | null;
  interState: boolean;
  payments: { method: PaymentMethod; amountPaise: Paise }[];
  /** The refund methods this sale allows: its own payment methods, plus store credit with a customer. */
  refundMethods: RefundMethod[];
  lines: ReturnableLine[];
  /** Why a cashier cannot return it alone even before amounts are known (age), or null. */
  approvalReason: string | null;
  limits: { cashierLimitPaise: Paise; cashierMaxDays: number };
}

/** A credit note as printed, from stored rows only (a reprint is what was printed first). */
export interface CreditNote {
  creditNoteId: string;
  creditNoteNo: string;
  at: string;
  businessDate: string;
  saleId: string;
  invoiceNo: string;
  saleBusinessDate: string;
  branch: Branch;
  deviceName: string;
  cashier: { id: string; name: string };
  approvedBy: { id: string; name: string } | null;
  customer: Customer | null;
  placeOfSupplyStateCode: string;
  interState: boolean;
  refundMethod: RefundMethod;
  reason: string;
  lines: {
    lineNo: number;
    name: string;
    potency: string;
    packSize: string;
    hsn: string;
    batchNo: string;
    expiry: string;
    qty: number;
    unitPricePaise: Paise;
    rateBp: number;
    discountPaise: Paise;
    taxablePaise: Paise;
    cgstPaise: Paise;
    sgstPaise: Paise;
    igstPaise: Paise;
    netPaise: Paise;
  }[];
  totals: { discountPaise: Paise; taxablePaise: Paise; cgstPaise: Paise; sgstPaise: Paise; igstPaise: Paise; totalPaise: Paise };
  totalInWords: string;
}

export interface CreditNoteSummary {
  creditNoteId: string;
  creditNoteNo: string;
  at: string;
  businessDate: string;
  invoiceNo: string;
  customerName: string | null;
  refundMethod: RefundMethod;
  taxablePaise: Paise;
  taxPaise: Paise;
  totalPaise: Paise;
  cashier: string;
  reason: string;
}

export interface CreateReturnArgs {
  clientRequestId: string;
  saleId: string;
  lines: { lineNo: number; qty: number }[];
  refundMethod: RefundMethod;
  reason: string;
  managerStaffId?: string | null;
  managerPin?: string | null;
}

export interface ReturnsApi {
  /** Sales of this branch by invoice number (exact), customer phone or name, or business date (YYYY-MM-DD). */
  'return.find': { args: { query: string }; result: ReturnSaleHit[] };
  'return.sale': { args: { saleId: string }; result: ReturnableSale };
  'return.create': { args: CreateReturnArgs; result: { creditNoteId: string; creditNoteNo: string; totalPaise: Paise } };
  'return.creditNote': { args: { creditNoteId: string }; result: CreditNote };
  'return.list': { args: { from: string; to: string }; result: CreditNoteSummary[] };
}

export const RETURNS_METHODS: readonly (keyof ReturnsApi)[] = ['return.find', 'return.sale', 'return.create', 'return.creditNote', 'return.list'];

/** Error codes of this feature; part of ErrorCode (../errors.ts). */
export type ReturnsErrorCode =
  | 'return.qty_exceeds'
  | 'return.approval_required'
  | 'return.sale_voided'
  | 'return.refund_method_invalid'
  | 'return.unknown'
  | 'return.series_exhausted'
  | 'sale.void_not_today'
  | 'sale.void_has_returns';
