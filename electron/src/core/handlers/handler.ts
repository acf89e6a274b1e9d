/**
 * The shape of a feature's handler map. Each back-office feature (issue 5) declares its methods
 * in shared/src/api/<feature>-api.ts and implements them in ./<feature>-handlers.ts; app-core.ts
 * merges every map into one, so the dispatcher stays the single entry point.
 */
import type { StaffSummary } from '../../../../shared/src/api-contract.js';
import type { ApiResult } from '../../../../shared/src/errors.js';
import type { Shape } from '../api/validate.js';
import type { OfficeReports } from '../reports/office-reports.js';
import type { CatalogService } from '../services/catalog-service.js';
import type { CoreContext } from '../services/context.js';
import type { CustomerService } from '../services/customer-service.js';
import type { InvoiceService } from '../services/invoice-service.js';
import type { QuoteService } from '../services/quote-service.js';
import type { SaleService } from '../services/sale-service.js';
import type { StockService } from '../services/stock-service.js';
import type { SyncClient } from '../sync/sync-client.js';

type ApiMap<A> = { [M in keyof A]: { args: unknown; result: unknown } };

/** One method's handler: the staff is null only for public methods. */
export type FeatureHandler<Args, Result> = (args: Args, staff: StaffSummary | null, token: string | null) => Promise<ApiResult<Result>> | ApiResult<Result>;

export type FeatureHandlers<A extends ApiMap<A>> = { [M in keyof A]: FeatureHandler<A[M]['args'], A[M]['result']> };

export type FeatureSchemas<A> = Record<keyof A, Shape>;

/** What a feature's handlers may use: the store context, the sync client and the core services. */
export interface HandlerDeps {
  ctx: CoreContext;
  sync: SyncClient | null;
  /** The session's staff member (non-public methods always have one). */
  must(staff: StaffSummary | null): StaffSummary;
  catalog: CatalogService;
  quotes: QuoteService;
  sales: SaleService;
  invoices: InvoiceService;
  customers: CustomerService;
  stock: StockService;
  /** The admin's office sign-in (in memory), for authorised calls to the office REST API. */
  office: OfficeReports;
}
