/**
 * The `reports.*` methods of the app API: who may run them, the range check, the defaults, then
 * the queries (sales-reports.ts, gst-report.ts, stock-reports.ts). Each report reads the store
 * synchronously on the one connection, so its figures come from one consistent state.
 */
import type { ApiArgs, StaffSummary } from '../../../../shared/src/api-contract.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import { canViewReports } from '../../../../shared/src/reports/access.js';
import { rangeProblem } from '../../../../shared/src/reports/periods.js';
import type {
  ExpiringStockReport,
  GstSummaryReport,
  PaymentMixReport,
  ReorderReport,
  ReportRangeArgs,
  SalesTrendReport,
  StockValueReport,
  TopProductsReport,
} from '../../../../shared/src/reports/report-types.js';
import { businessDate, type CoreContext } from '../services/context.js';
import { branchOf, type SalesScope } from './branch-sales.js';
import { gstSummary } from './gst-report.js';
import { paymentMix, salesTrend, topProducts } from './sales-reports.js';
import { expiringStock, reorderList, stockValue } from './stock-reports.js';

export const DEFAULT_TOP_PRODUCTS = 20;
export const DEFAULT_COVER_DAYS = 14;
export const DEFAULT_LEAD_DAYS = 7;

export class ReportService {
  constructor(private readonly ctx: CoreContext) {}

  salesTrend(staff: StaffSummary, args: ReportRangeArgs): ApiResult<SalesTrendReport> {
    return this.run(staff, args, (scope) => salesTrend(this.ctx.db, scope, args.granularity ?? 'day'));
  }

  topProducts(staff: StaffSummary, args: ApiArgs<'reports.topProducts'>): ApiResult<TopProductsReport> {
    return this.run(staff, args, (scope) => topProducts(this.ctx.db, scope, args.limit ?? DEFAULT_TOP_PRODUCTS));
  }

  paymentMix(staff: StaffSummary, args: ReportRangeArgs): ApiResult<PaymentMixReport> {
    return this.run(staff, args, (scope) => paymentMix(this.ctx.db, scope));
  }

  gstSummary(staff: StaffSummary, args: ReportRangeArgs): ApiResult<GstSummaryReport> {
    return this.run(staff, args, (scope) => gstSummary(this.ctx.db, scope));
  }

  stockValue(staff: StaffSummary, args: ReportRangeArgs): ApiResult<StockValueReport> {
    return this.run(staff, args, (scope) => stockValue(this.ctx.db, scope.to));
  }

  expiringStock(staff: StaffSummary, args: ReportRangeArgs): ApiResult<ExpiringStockReport> {
    return this.run(staff, args, (scope) => expiringStock(this.ctx.db, scope.to));
  }

  reorderList(staff: StaffSummary, args: ApiArgs<'reports.reorderList'>): ApiResult<ReorderReport> {
    return this.run(staff, args, (scope) =>
      reorderList(this.ctx.db, scope, { coverDays: args.coverDays ?? DEFAULT_COVER_DAYS, leadDays: args.leadDays ?? DEFAULT_LEAD_DAYS, today: businessDate(this.ctx) }),
    );
  }

  private run<T>(staff: StaffSummary, range: ReportRangeArgs, report: (scope: SalesScope) => T): ApiResult<T> {
    if (!canViewReports(staff.role)) return fail('auth.forbidden', `${staff.name} (${staff.role}) cannot open the branch reports: they are for managers and admins.`);
    const problem = rangeProblem(range);
    if (problem !== null) return fail('input.invalid', problem);
    return ok(report({ branch: branchOf(this.ctx.db), from: range.from, to: range.to }));
  }
}
