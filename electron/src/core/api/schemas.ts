import type { ApiMethod } from '../../../../shared/src/api-contract.js';
import type { Shape } from './validate.js';
import { STOCK_OFFICE_SCHEMAS } from '../handlers/stock-office-handlers.js';
import { STOCKTAKE_SCHEMAS } from '../handlers/stocktake-handlers.js';
import { TRANSFERS_SCHEMAS } from '../handlers/transfers-handlers.js';
import { RETURNS_SCHEMAS } from '../handlers/returns-handlers.js';
import { SHIFTS_SCHEMAS } from '../handlers/shifts-handlers.js';
import { CUSTOMERS_SCHEMAS } from '../handlers/customers-handlers.js';
import { SCHEMES_SCHEMAS } from '../handlers/schemes-handlers.js';
import { IMPORTS_SCHEMAS } from '../handlers/imports-handlers.js';

import { MAX_PAISE, id, optionalId, cartLines, payment, reportRange } from './fields.js';

/** Argument schema of every API method. */
export const ARG_SCHEMAS: Record<ApiMethod, Shape> = {
  'app.info': {},
  'auth.staffList': {},
  'auth.login': { staffId: id, pin: { kind: 'string', min: 1, max: 12 } },
  'auth.session': {},
  'auth.logout': {},
  'catalog.search': { query: { kind: 'string', max: 100 }, limit: { kind: 'int', min: 1, max: 100, optional: true } },
  'catalog.byBarcode': { barcode: { kind: 'string', min: 4, max: 32 } },
  'catalog.batches': { productId: id },
  'sale.quote': { lines: cartLines, customerId: optionalId },
  'sale.complete': {
    clientRequestId: id,
    lines: cartLines,
    customerId: optionalId,
    payments: { kind: 'array', of: payment, max: 10 },
  },
  'sale.hold': { lines: cartLines, customerId: optionalId, note: { kind: 'string', max: 200, optional: true } },
  'sale.listHeld': {},
  'sale.recall': { heldId: id },
  'sale.void': { saleId: id, reason: { kind: 'string', min: 1, max: 200 }, managerStaffId: id, managerPin: { kind: 'string', min: 1, max: 12 } },
  'sale.get': { saleId: id },
  'sale.byInvoiceNo': { invoiceNo: { kind: 'string', min: 1, max: 16 } },
  'sale.recent': { limit: { kind: 'int', min: 1, max: 200, optional: true } },
  'customer.findByPhone': { phone: { kind: 'string', min: 1, max: 20 } },
  'customer.create': {
    phone: { kind: 'string', min: 1, max: 20 },
    name: { kind: 'string', min: 1, max: 80 },
    gstin: { kind: 'string', max: 20, optional: true, nullable: true },
  },
  'stock.receive': {
    supplier: { kind: 'string', min: 1, max: 200 },
    supplierInvoiceNo: { kind: 'string', min: 1, max: 64 },
    supplierInvoiceDate: { kind: 'string', min: 10, max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/ },
    lines: {
      kind: 'array',
      max: 500,
      of: {
        kind: 'object',
        shape: {
          productId: id,
          batchNo: { kind: 'string', min: 1, max: 40 },
          expiry: { kind: 'string', min: 10, max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/ },
          qty: { kind: 'int', min: 0, max: 100_000 },
          freeQty: { kind: 'int', min: 0, max: 100_000 },
          costPaise: { kind: 'int', min: 0, max: MAX_PAISE },
          mrpPaise: { kind: 'int', min: 0, max: MAX_PAISE },
        },
      },
    },
  },
  'stock.adjust': {
    reason: { kind: 'enum', values: ['damage', 'expiry_write_off', 'sample', 'correction'] },
    note: { kind: 'string', max: 500 },
    lines: { kind: 'array', max: 500, of: { kind: 'object', shape: { batchId: id, qtyDelta: { kind: 'int', min: -100_000, max: 100_000 } } } },
  },
  'reports.officeSignIn': {
    username: { kind: 'string', min: 1, max: 64 },
    password: { kind: 'string', min: 1, max: 256 },
  },
  'reports.office': {
    from: { kind: 'string', min: 10, max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/ },
    to: { kind: 'string', min: 10, max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/ },
  },
  'sync.status': {},
  'sync.pair': {
    serverUrl: { kind: 'string', min: 8, max: 300, pattern: /^https?:\/\/[^\s]+$/ },
    code: { kind: 'string', min: 8, max: 20 },
    deviceName: { kind: 'string', min: 1, max: 100, optional: true },
  },
  'sync.now': {},
  'sync.retryRejected': { mutationId: id },
  'reports.salesTrend': reportRange,
  'reports.topProducts': { ...reportRange, limit: { kind: 'int', min: 1, max: 100, optional: true } },
  'reports.paymentMix': reportRange,
  'reports.gstSummary': reportRange,
  'reports.stockValue': reportRange,
  'reports.expiringStock': reportRange,
  'reports.reorderList': { ...reportRange, coverDays: { kind: 'int', min: 1, max: 365, optional: true }, leadDays: { kind: 'int', min: 0, max: 180, optional: true } },
  ...STOCK_OFFICE_SCHEMAS,
  ...STOCKTAKE_SCHEMAS,
  ...TRANSFERS_SCHEMAS,
  ...RETURNS_SCHEMAS,
  ...SHIFTS_SCHEMAS,
  ...CUSTOMERS_SCHEMAS,
  ...SCHEMES_SCHEMAS,
  ...IMPORTS_SCHEMAS,
};
