/**
 * The typed app API: the one contract between the renderer and the core.
 * In Electron it crosses `contextBridge` (`window.similia.call`); in browser mode it is
 * `POST /api/call` on the local host. Both carry the same {@link ApiRequest} envelope and
 * answer an {@link ApiResult}. Adding a method = one entry in {@link AppApi}.
 */
import { STOCK_OFFICE_METHODS, type StockOfficeApi } from './api/stock-office-api.js';
import { STOCKTAKE_METHODS, type StocktakeApi } from './api/stocktake-api.js';
import { TRANSFERS_METHODS, type TransfersApi } from './api/transfers-api.js';
import { RETURNS_METHODS, type ReturnsApi } from './api/returns-api.js';
import { SHIFTS_METHODS, type ShiftsApi } from './api/shifts-api.js';
import { CUSTOMERS_METHODS, type CustomersApi } from './api/customers-api.js';
import { SCHEMES_METHODS, type SchemesApi } from './api/schemes-api.js';
import { IMPORTS_METHODS, type ImportsApi } from './api/imports-api.js';
import type { ApiResult } from './errors.js';
import type { Branch, Customer, PaymentMethod, Potency, ProductForm, Role } from './domain.js';
import type { PricedLine } from './gst.js';
import type { Paise } from './money.js';
import type { AppliedScheme } from './schemes.js';
import type {
  ExpiringStockReport,
  GstSummaryReport,
  PaymentMixReport,
  ReorderReport,
  ReportRangeArgs,
  SalesTrendReport,
  StockValueReport,
  TopProductsReport,
} from './reports/report-types.js';

export interface StaffSummary {
  id: string;
  name: string;
  role: Role;
  /** Largest line discount this staff member may give, in basis points of the line gross (1000 = 10 %). */
  maxLineDiscountBp: number;
}

export interface SyncProblem {
  mutationId: string;
  type: string;
  code: string;
  message: string;
  /** Instant the fact happened on the device. */
  at: string;
}

/** Every branch as the office server reports it (admins, online): electron/src/core/reports/office-reports.ts. */
export interface OfficeReport {
  from: string;
  to: string;
  fetchedAt: string;
  server: string;
  branches: {
    branchId: string;
    code: string;
    name: string;
    invoices: number;
    totalPaise: Paise;
    taxPaise: Paise;
    discountPaise: Paise;
    voids: number;
    stockCostPaise: Paise;
    stockMrpPaise: Paise;
  }[];
  payments: { method: string; payments: number; amountPaise: Paise }[];
}

export interface SyncStatus {
  /** True once this device holds server credentials (docs/sync-protocol.md, pairing). */
  paired: boolean;
  /** The sync server this device talks to, null when unpaired. */
  serverUrl: string | null;
  /** True when the last exchange with the server succeeded and no later one failed. Always false when unpaired. */
  online: boolean;
  pendingCount: number;
  /** Instant of the oldest mutation still waiting to be pushed, or null. */
  oldestPendingAt: string | null;
  /** Last instant a push and pull both completed (the device caught up), or null. */
  lastSyncAt: string | null;
  /** Why the last attempt failed (network, server, credentials), null when it succeeded. */
  lastError: { code: string; message: string; at: string } | null;
  /** When the background loop tries again after a failure (backoff with jitter), or null. */
  nextAttemptAt: string | null;
  /** A pull in progress that is large enough to show (initial sync, long catch-up), or null. */
  progress: { phase: 'initial' | 'catch-up'; receivedRows: number; totalRows: number | null } | null;
  /** Rejected mutations and other problems, shown to the user until resolved. */
  problems: SyncProblem[];
}

export interface AppInfo {
  deviceId: string;
  deviceName: string;
  invoicePrefix: string;
  branch: Branch;
  /** Business date at the branch right now (Asia/Kolkata), YYYY-MM-DD. */
  businessDate: string;
  demo: boolean;
}

export interface ProductHit {
  productId: string;
  sku: string;
  name: string;
  remedy: string;
  potency: Potency;
  form: ProductForm;
  packSize: string;
  brand: string;
  hsn: string;
  mrpPaise: Paise;
  barcode: string | null;
  /** Sellable (non-expired) stock on hand at this branch, in base units (packs). */
  stockQty: number;
  /** Earliest non-expired expiry, or null when none in stock. */
  nearestExpiry: string | null;
}

export interface BatchOption {
  batchId: string;
  batchNo: string;
  expiry: string;
  qty: number;
  mrpPaise: Paise;
  nearExpiry: boolean;
}

/** One line of the cart as the renderer holds it. */
export interface CartLineInput {
  /** Client-chosen id, stable while the line is in the cart. */
  lineId: string;
  productId: string;
  qty: number;
  /** Discount on the whole line, in paise. */
  discountPaise: Paise;
  /** When set, take the whole quantity from this batch instead of FEFO. */
  batchOverrideId?: string | null;
}

export interface AllocationView {
  batchId: string;
  batchNo: string;
  expiry: string;
  qty: number;
  nearExpiry: boolean;
}

export interface LineProblem {
  code: 'stock.insufficient' | 'stock.batch_expired' | 'stock.batch_unknown' | 'sale.discount_exceeds_limit' | 'tax.rate_missing' | 'catalog.product_unknown';
  message: string;
}

/** A cart line as priced by the core: the GST figures are those of shared/src/gst.ts's PricedLine. */
export interface QuotedLine extends Omit<PricedLine, 'key'> {
  lineId: string;
  productId: string;
  name: string;
  potency: Potency;
  form: ProductForm;
  packSize: string;
  brand: string;
  hsn: string;
  qty: number;
  unitPricePaise: Paise;
  allocations: AllocationView[];
  /** Units that could not be allocated from sellable stock (0 when fully allocated). */
  shortfall: number;
  problems: LineProblem[];
  /** Part of discountPaise given by schemes (the rest is the cashier's manual discount); absent when none. */
  schemeDiscountPaise?: Paise;
  /** The schemes applied to the line (a line scheme, then a bill scheme's share); absent when none. */
  schemes?: AppliedScheme[];
}

export interface TaxSummaryRow {
  /** HSN code for the HSN-wise summary; rate label (e.g. '5%') for the rate-wise one. */
  key: string;
  rateBp: number;
  taxablePaise: Paise;
  cgstPaise: Paise;
  sgstPaise: Paise;
  igstPaise: Paise;
}

export interface QuoteTotals {
  grossPaise: Paise;
  discountPaise: Paise;
  taxablePaise: Paise;
  cgstPaise: Paise;
  sgstPaise: Paise;
  igstPaise: Paise;
  /** Sum of line nets before rounding. */
  exactTotalPaise: Paise;
  roundOffPaise: Paise;
  /** Payable, rounded to the rupee. */
  totalPaise: Paise;
  interState: boolean;
}

export interface Quote {
  lines: QuotedLine[];
  totals: QuoteTotals;
  hsnSummary: TaxSummaryRow[];
  rateSummary: TaxSummaryRow[];
  /** True when every line is allocatable and within limits, i.e. the sale can complete. */
  sellable: boolean;
}

export interface PaymentInput {
  method: PaymentMethod;
  amountPaise: Paise;
  /** Cash only: what the customer handed over (≥ amount); change = tendered − amount. */
  tenderedPaise?: Paise;
  /** Card/UPI reference, optional. */
  reference?: string;
}

export interface InvoiceLine {
  productId: string;
  name: string;
  potency: Potency;
  form: ProductForm;
  packSize: string;
  brand: string;
  hsn: string;
  batchNo: string;
  expiry: string;
  qty: number;
  unitPricePaise: Paise;
  discountPaise: Paise;
  rateBp: number;
  taxablePaise: Paise;
  cgstPaise: Paise;
  sgstPaise: Paise;
  igstPaise: Paise;
  netPaise: Paise;
  /** Schemes that gave part of discountPaise (shown as "Scheme: <name> −₹x" under the line); absent when none. */
  schemes?: AppliedScheme[];
}

/** Everything needed to print (or reprint) a GST tax invoice. */
export interface SaleInvoice {
  saleId: string;
  invoiceNo: string;
  /** Instant the sale completed. */
  at: string;
  businessDate: string;
  status: 'completed' | 'voided';
  voidReason: string | null;
  branch: Branch;
  deviceName: string;
  cashier: { id: string; name: string };
  customer: Customer | null;
  placeOfSupplyStateCode: string;
  lines: InvoiceLine[];
  totals: QuoteTotals;
  hsnSummary: TaxSummaryRow[];
  rateSummary: TaxSummaryRow[];
  payments: { method: PaymentMethod; amountPaise: Paise; tenderedPaise: Paise | null; reference: string | null }[];
  changePaise: Paise;
  totalInWords: string;
}

export interface SaleSummary {
  saleId: string;
  invoiceNo: string;
  at: string;
  totalPaise: Paise;
  customerName: string | null;
  status: 'completed' | 'voided';
}

export interface HeldSale {
  heldId: string;
  at: string;
  note: string;
  lines: CartLineInput[];
  customerId: string | null;
  /** The attached customer, so a recall restores the cart exactly. */
  customer: Customer | null;
  staffName: string;
  totalPaise: Paise;
}

/**
 * Method name → (args) → result. Every method answers ApiResult<Result>; the envelope carries
 * the session token from `auth.login`, except for the methods marked public.
 */
export interface AppApi extends StockOfficeApi, StocktakeApi, TransfersApi, ReturnsApi, ShiftsApi, CustomersApi, SchemesApi, ImportsApi {
  /** public */ 'app.info': { args: Record<string, never>; result: AppInfo };
  /** public */ 'auth.staffList': { args: Record<string, never>; result: StaffSummary[] };
  /** public */ 'auth.login': { args: { staffId: string; pin: string }; result: { sessionToken: string; staff: StaffSummary } };
  'auth.session': { args: Record<string, never>; result: StaffSummary };
  'auth.logout': { args: Record<string, never>; result: null };
  'catalog.search': { args: { query: string; limit?: number }; result: ProductHit[] };
  'catalog.byBarcode': { args: { barcode: string }; result: ProductHit };
  'catalog.batches': { args: { productId: string }; result: BatchOption[] };
  'sale.quote': { args: { lines: CartLineInput[]; customerId?: string | null }; result: Quote };
  'sale.complete': {
    args: { clientRequestId: string; lines: CartLineInput[]; customerId?: string | null; payments: PaymentInput[] };
    result: { saleId: string; invoiceNo: string; changePaise: Paise };
  };
  'sale.hold': { args: { lines: CartLineInput[]; customerId?: string | null; note?: string }; result: { heldId: string } };
  'sale.listHeld': { args: Record<string, never>; result: HeldSale[] };
  'sale.recall': { args: { heldId: string }; result: HeldSale };
  'sale.void': { args: { saleId: string; reason: string; managerStaffId: string; managerPin: string }; result: null };
  'sale.get': { args: { saleId: string }; result: SaleInvoice };
  'sale.byInvoiceNo': { args: { invoiceNo: string }; result: SaleInvoice };
  'sale.recent': { args: { limit?: number }; result: SaleSummary[] };
  'customer.findByPhone': { args: { phone: string }; result: Customer | null };
  'customer.create': { args: { phone: string; name: string; gstin?: string | null }; result: Customer };
  /** Pharmacist, manager or admin: goods received from a supplier; new lots become batches. */
  'stock.receive': {
    args: {
      supplier: string;
      supplierInvoiceNo: string;
      supplierInvoiceDate: string;
      lines: { productId: string; batchNo: string; expiry: string; qty: number; freeQty: number; costPaise: number; mrpPaise: number }[];
    };
    result: { receiptId: string; batchIds: string[] };
  };
  /** Manager or admin: a stock correction with a reason. */
  'stock.adjust': {
    args: { reason: 'damage' | 'expiry_write_off' | 'sample' | 'correction'; note: string; lines: { batchId: string; qtyDelta: number }[] };
    result: { adjustmentId: string };
  };
  /** public */ 'sync.status': { args: Record<string, never>; result: SyncStatus };
  /**
   * public while the store has no staff (a fresh install); otherwise a manager or admin session.
   * Pairs this device with a sync server using a pairing code, then starts syncing.
   */
  'sync.pair': { args: { serverUrl: string; code: string; deviceName?: string }; result: SyncStatus };
  /** public: asks the background loop to push and pull now (skipping any backoff wait). */
  'sync.now': { args: Record<string, never>; result: SyncStatus };
  /** Manager/admin: queues a rejected mutation again (after its cause was fixed on the server). */
  'sync.retryRejected': { args: { mutationId: string }; result: SyncStatus };
  /**
   * Branch reports (manager or admin; others get `auth.forbidden`), computed from the local store:
   * this counter’s sales plus the branch’s other counters’ sales as last pulled (docs/counter-reports.md).
   * Voided invoices are left out of every sales figure and listed as voids.
   */
  /** Admin: sign in to the office (REST username and password); the token stays in memory for this session. */
  'reports.officeSignIn': { args: { username: string; password: string }; result: { username: string; expiresAt: string } };
  /** Admin, online and signed in to the office: every branch's sales, GST, voids, stock value and the payment mix. */
  'reports.office': { args: { from: string; to: string }; result: OfficeReport };
  'reports.salesTrend': { args: ReportRangeArgs; result: SalesTrendReport };
  /** Products ranked by net sales in the range; `limit` rows (default 20). */
  'reports.topProducts': { args: ReportRangeArgs & { limit?: number }; result: TopProductsReport };
  'reports.paymentMix': { args: ReportRangeArgs; result: PaymentMixReport };
  /** Rate-wise and HSN-wise GST, B2B vs B2C, and the documents issued per invoice series. */
  'reports.gstSummary': { args: ReportRangeArgs; result: GstSummaryReport };
  /** Stock on hand now at batch cost and MRP; expiry judged at the range's end. */
  'reports.stockValue': { args: ReportRangeArgs; result: StockValueReport };
  /** Batches with stock expiring within 30/60/90 days of the range's end, or already expired. */
  'reports.expiringStock': { args: ReportRangeArgs; result: ExpiringStockReport };
  /** Products below an SBA forecast of demand over lead + cover days (default 7 + 14), from the range's daily sales. */
  'reports.reorderList': { args: ReportRangeArgs & { coverDays?: number; leadDays?: number }; result: ReorderReport };
}

export type ApiMethod = keyof AppApi;
export type ApiArgs<M extends ApiMethod> = AppApi[M]['args'];
export type ApiReturn<M extends ApiMethod> = AppApi[M]['result'];

/** Callable before login: what the login screen and the header's sync chip need, nothing more. */
export const PUBLIC_METHODS: readonly ApiMethod[] = ['app.info', 'auth.staffList', 'auth.login', 'sync.status', 'sync.pair', 'sync.now'];

export const API_METHODS: readonly ApiMethod[] = [
  'app.info',
  'auth.staffList',
  'auth.login',
  'auth.session',
  'auth.logout',
  'catalog.search',
  'catalog.byBarcode',
  'catalog.batches',
  'sale.quote',
  'sale.complete',
  'sale.hold',
  'sale.listHeld',
  'sale.recall',
  'sale.void',
  'sale.get',
  'sale.byInvoiceNo',
  'sale.recent',
  'customer.findByPhone',
  'customer.create',
  'stock.receive',
  'stock.adjust',
  'sync.status',
  'sync.pair',
  'sync.now',
  'sync.retryRejected',
  'reports.officeSignIn',
  'reports.office',
  'reports.salesTrend',
  'reports.topProducts',
  'reports.paymentMix',
  'reports.gstSummary',
  'reports.stockValue',
  'reports.expiringStock',
  'reports.reorderList',
  ...STOCK_OFFICE_METHODS,
  ...STOCKTAKE_METHODS,
  ...TRANSFERS_METHODS,
  ...RETURNS_METHODS,
  ...SHIFTS_METHODS,
  ...CUSTOMERS_METHODS,
  ...SCHEMES_METHODS,
  ...IMPORTS_METHODS,
];

/** The transport envelope, identical over IPC and HTTP. */
export interface ApiRequest<M extends ApiMethod = ApiMethod> {
  method: M;
  args: ApiArgs<M>;
  sessionToken?: string | null;
}

/** What the renderer sees: one typed call function, whatever the transport. */
export type ApiCall = <M extends ApiMethod>(method: M, args: ApiArgs<M>) => Promise<ApiResult<ApiReturn<M>>>;

/** The bridge object the Electron preload exposes as `window.similia`. */
export interface SimiliaBridge {
  call(request: ApiRequest): Promise<ApiResult<unknown>>;
  /** Asks the shell to print the current window (Electron only). */
  print(options: { paper: '80mm' | 'A4' }): Promise<ApiResult<null>>;
}

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);
}
