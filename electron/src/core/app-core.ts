import { isApiMethod, PUBLIC_METHODS, type ApiMethod, type AppApi, type AppInfo, type StaffSummary } from '../../../shared/src/api-contract.js';
import type { Branch } from '../../../shared/src/domain.js';
import { fail, ok, type ApiResult } from '../../../shared/src/errors.js';
import { paise } from '../../../shared/src/money.js';
import { ARG_SCHEMAS } from './api/schemas.js';
import { stockOfficeHandlers } from './handlers/stock-office-handlers.js';
import { stocktakeHandlers } from './handlers/stocktake-handlers.js';
import { transfersHandlers } from './handlers/transfers-handlers.js';
import { returnsHandlers } from './handlers/returns-handlers.js';
import { shiftsHandlers } from './handlers/shifts-handlers.js';
import { customersHandlers } from './handlers/customers-handlers.js';
import { schemesHandlers } from './handlers/schemes-handlers.js';
import { importsHandlers } from './handlers/imports-handlers.js';
import type { HandlerDeps } from './handlers/handler.js';
import { ReportService } from './reports/report-service.js';
import { OfficeReports } from './reports/office-reports.js';
import { checkShape } from './api/validate.js';
import { checkPin, listStaff, SessionRegistry } from './services/auth-service.js';
import { CatalogService } from './services/catalog-service.js';
import { businessDate, createContext, findDeviceRow, type CoreContext } from './services/context.js';
import { CustomerService } from './services/customer-service.js';
import { InvoiceService } from './services/invoice-service.js';
import { QuoteService } from './services/quote-service.js';
import { SaleService } from './services/sale-service.js';
import { StockService } from './services/stock-service.js';
import { openStore, stmt } from './store/open-store.js';
import { SyncClient, type SyncClientOptions } from './sync/sync-client.js';

export interface AppCoreOptions {
  dbPath: string;
  now?: () => number;
  randomBytes?: (n: number) => Uint8Array;
  nativeBinding?: string;
  nearExpiryDays?: number;
  /** Sync client settings (tests shorten waits); `false` = no background sync at all. */
  sync?: SyncClientOptions | false;
}

/** The seam the Electron shell and the browser host share: one envelope in, one ApiResult out. */
export interface AppCore {
  dispatch(request: unknown): Promise<ApiResult<unknown>>;
  /** The sync client (null with `sync: false`). */
  readonly sync: SyncClient | null;
  /** Stops the sync loop, then closes the store. */
  close(): Promise<void>;
}

type Handler<M extends ApiMethod> = (args: AppApi[M]['args'], staff: StaffSummary | null, token: string | null) => Promise<ApiResult<AppApi[M]['result']>> | ApiResult<AppApi[M]['result']>;
type Handlers = { [M in ApiMethod]: Handler<M> };

export function createAppCore(options: AppCoreOptions): AppCore {
  const db = openStore(options.dbPath, options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding });
  const ctx = createContext(db, options);
  const sync = options.sync === false ? null : new SyncClient(ctx, options.sync ?? {});
  if (sync !== null) {
    ctx.onMutationQueued = () => sync.kick();
    sync.start();
  }
  const handlers = createHandlers(ctx, sync);
  return {
    sync,
    async dispatch(request: unknown): Promise<ApiResult<unknown>> {
      try {
        return await dispatch(handlers, request);
      } catch (error) {
        // The detail goes to the log, never across the bridge.
        console.error('similia core: unexpected error', error);
        return fail('internal', 'Something went wrong inside the app. Nothing was saved for this action; try again, and tell support if it repeats.');
      }
    },
    close: () => {
      // Unpaired (or sync off): close at once, so a caller that does not await sees the file closed.
      if (sync === null || !sync.running) {
        sync?.stopSoon();
        db.close();
        return Promise.resolve();
      }
      return sync.stop().then(() => {
        db.close();
      });
    },
  };

  async function dispatch(h: Handlers & { sessions: SessionRegistry }, request: unknown): Promise<ApiResult<unknown>> {
    if (typeof request !== 'object' || request === null) return fail('input.invalid', 'A request must be an object { method, args }.');
    const { method, args, sessionToken, ...rest } = request as Record<string, unknown>;
    if (Object.keys(rest).length > 0) return fail('input.invalid', `Unknown request field ${Object.keys(rest)[0]}.`);
    if (!isApiMethod(method)) return fail('api.unknown_method', `Unknown method ${String(method)}.`);
    if (sessionToken !== undefined && sessionToken !== null && typeof sessionToken !== 'string') return fail('input.invalid', 'sessionToken must be text.');
    const token = typeof sessionToken === 'string' ? sessionToken : null;
    const staff = h.sessions.resolve(token);
    // The session first: a caller without one learns nothing about a method's arguments.
    if (staff === null && !PUBLIC_METHODS.includes(method)) return fail('auth.required', 'Please log in again (session ended).');
    const problem = checkShape(args ?? {}, ARG_SCHEMAS[method]);
    if (problem !== null) return fail('input.invalid', problem);
    const handler = h[method] as Handler<ApiMethod>;
    return handler((args ?? {}) as never, staff, token);
  }
}

function createHandlers(ctx: CoreContext, sync: SyncClient | null): Handlers & { sessions: SessionRegistry } {
  const sessions = new SessionRegistry(ctx);
  const catalog = new CatalogService(ctx);
  const quotes = new QuoteService(ctx);
  const sales = new SaleService(ctx, quotes);
  const invoices = new InvoiceService(ctx);
  const customers = new CustomerService(ctx);
  const stock = new StockService(ctx);
  const reports = new ReportService(ctx);
  const office = new OfficeReports(ctx);
  const must = (staff: StaffSummary | null): StaffSummary => {
    if (staff === null) throw new Error('session required');
    return staff;
  };
  const deps: HandlerDeps = { ctx, sync, must, catalog, quotes, sales, invoices, customers, stock, office };
  return {
    ...stockOfficeHandlers(deps),
    ...stocktakeHandlers(deps),
    ...transfersHandlers(deps),
    ...returnsHandlers(deps),
    ...shiftsHandlers(deps),
    ...customersHandlers(deps),
    ...schemesHandlers(deps),
    ...importsHandlers(deps),
    sessions,
    'app.info': () => {
      const info = appInfo(ctx);
      return info === null ? fail('device.unpaired', 'This counter is not paired with a sync server yet: enter the server address and a pairing code.') : ok(info);
    },
    'auth.staffList': () => ok(listStaff(ctx)),
    'auth.login': async (args) => {
      const checked = await checkPin(ctx, args.staffId, args.pin);
      return checked.ok ? ok({ sessionToken: sessions.open(checked.value), staff: checked.value }) : checked;
    },
    'auth.session': (_args, staff) => ok(must(staff)),
    'auth.logout': (_args, _staff, token) => {
      sessions.close(token);
      office.signOut(); // the office token never outlives the counter session
      return ok(null);
    },
    'catalog.search': (args) => ok(catalog.search(args.query, args.limit ?? 20)),
    'catalog.byBarcode': (args) => {
      const hit = catalog.byBarcode(args.barcode);
      return hit === null ? fail('catalog.barcode_unknown', `No product has barcode ${args.barcode}.`) : ok(hit);
    },
    'catalog.batches': (args) => ok(catalog.batches(args.productId)),
    'sale.quote': (args, staff) => {
      const quoted = quotes.quote(args.lines, args.customerId, must(staff).role);
      return quoted.ok ? ok(quoted.value.quote) : quoted;
    },
    'sale.complete': (args, staff) => sales.complete(must(staff), args),
    'sale.hold': (args, staff) => sales.hold(must(staff), args.lines, args.customerId ?? null, args.note ?? ''),
    'sale.listHeld': (_args, staff) => ok(sales.listHeld(must(staff).role)),
    'sale.recall': (args, staff) => sales.recall(args.heldId, must(staff).role),
    'sale.void': (args) => sales.void(args),
    'sale.get': (args) => invoices.get(args.saleId),
    'sale.byInvoiceNo': (args) => invoices.byInvoiceNo(args.invoiceNo),
    'sale.recent': (args) => ok(invoices.recent(args.limit ?? 20)),
    'customer.findByPhone': (args) => customers.findByPhone(args.phone),
    'customer.create': (args, staff) => customers.create(must(staff).id, args),
    'stock.receive': (args, staff) => stock.receive(must(staff), { ...args, lines: args.lines.map((l) => ({ ...l, costPaise: paise(l.costPaise), mrpPaise: paise(l.mrpPaise) })) }),
    'stock.adjust': (args, staff) => stock.adjust(must(staff), args),
    'sync.status': () => (sync === null ? fail('sync.pairing_failed', 'Sync is switched off in this build.') : ok(sync.status())),
    'sync.pair': (args, staff) => {
      if (sync === null) return fail('sync.pairing_failed', 'Sync is switched off in this build.');
      // A fresh install has nobody to log in yet; once staff exist, pairing is a manager's act.
      const hasStaff = stmt(ctx.db, /* sql */ `SELECT 1 FROM staff LIMIT 1`).get() !== undefined;
      if (hasStaff && staff === null) return fail('auth.required', 'Log in as a manager to pair this counter.');
      if (staff !== null && staff.role !== 'manager' && staff.role !== 'admin') return fail('auth.forbidden', `${staff.name} (${staff.role}) cannot pair a counter: a manager must.`);
      return sync.pair(args.serverUrl, args.code, args.deviceName);
    },
    'sync.now': () => {
      if (sync === null || !sync.paired) return fail('device.unpaired', 'This counter is not paired with a sync server.');
      sync.kick();
      return ok(sync.status());
    },
    'sync.retryRejected': (args, staff) => {
      if (sync === null) return fail('device.unpaired', 'This counter is not paired with a sync server.');
      const who = must(staff);
      if (who.role !== 'manager' && who.role !== 'admin') return fail('auth.forbidden', `${who.name} (${who.role}) cannot retry refused changes: a manager must.`);
      return sync.retryRejected(args.mutationId);
    },
    'reports.officeSignIn': (args, staff) => office.signIn(must(staff), args.username, args.password),
    'reports.office': (args, staff) => office.report(must(staff), args),
    'reports.salesTrend': (args, staff) => reports.salesTrend(must(staff), args),
    'reports.topProducts': (args, staff) => reports.topProducts(must(staff), args),
    'reports.paymentMix': (args, staff) => reports.paymentMix(must(staff), args),
    'reports.gstSummary': (args, staff) => reports.gstSummary(must(staff), args),
    'reports.stockValue': (args, staff) => reports.stockValue(must(staff), args),
    'reports.expiringStock': (args, staff) => reports.expiringStock(must(staff), args),
    'reports.reorderList': (args, staff) => reports.reorderList(must(staff), args),
  };
}

function appInfo(ctx: CoreContext): AppInfo | null {
  const device = findDeviceRow(ctx);
  if (device === undefined) return null;
  const branch = stmt(ctx.db, /* sql */ `SELECT id, code, name, state_code AS stateCode, gstin, address, phone FROM branches WHERE id = ?`).get(device.branch_id) as Branch;
  return { deviceId: device.id, deviceName: device.name, invoicePrefix: device.invoice_prefix, branch, businessDate: businessDate(ctx), demo: device.demo === 1 };
}
