/**
 * Sales reports over the branch's sales (branch-sales.ts): trend, top products, payment mix.
 * Voided invoices never count in a sales figure; the trend lists them as voids.
 */
import type { PaymentMethod } from '../../../../shared/src/domain.js';
import { paise } from '../../../../shared/src/money.js';
import { rollUpSales, totalFigures } from '../../../../shared/src/reports/buckets.js';
import { counterOf } from '../../../../shared/src/reports/document-series.js';
import type {
  Granularity,
  PaymentMixReport,
  SalesFigures,
  SalesTrendReport,
  TopProductsReport,
} from '../../../../shared/src/reports/report-types.js';
import type { Db } from '../store/open-store.js';
import { allOver, type SalesScope } from './branch-sales.js';

const n = (v: unknown): number => Number(v ?? 0);

interface DayRow {
  date: string;
  invoices: number;
  gross: number;
  discount: number;
  taxable: number;
  tax: number;
  round_off: number;
  total: number;
}

export function salesTrend(db: Db, scope: SalesScope, granularity: Granularity): SalesTrendReport {
  const days = allOver<DayRow>(db, /* sql */ `
    SELECT business_date AS date, COUNT(*) AS invoices, SUM(gross_paise) AS gross, SUM(discount_paise) AS discount, SUM(taxable_paise) AS taxable,
           SUM(tax_paise) AS tax, SUM(round_off_paise) AS round_off, SUM(total_paise) AS total
      FROM branch_sales WHERE status <> 'voided' GROUP BY business_date`, scope);
  const daily = days.map((d): { date: string } & SalesFigures => ({
    date: d.date,
    invoices: n(d.invoices),
    grossPaise: paise(n(d.gross)),
    discountPaise: paise(n(d.discount)),
    taxablePaise: paise(n(d.taxable)),
    taxPaise: paise(n(d.tax)),
    roundOffPaise: paise(n(d.round_off)),
    totalPaise: paise(n(d.total)),
  }));
  const buckets = rollUpSales(daily, scope.from, scope.to, granularity);
  const sources = allOver<{ own: number; invoices: number }>(db, /* sql */ `
    SELECT own, COUNT(*) AS invoices FROM branch_sales WHERE status <> 'voided' GROUP BY own`, scope);
  const voids = allOver<{ id: string; invoice_no: string; business_date: string; total_paise: number; void_reason: string | null }>(db, /* sql */ `
    SELECT id, invoice_no, business_date, total_paise, void_reason FROM branch_sales WHERE status = 'voided' ORDER BY business_date, invoice_no`, scope);
  return {
    from: scope.from,
    to: scope.to,
    granularity,
    buckets,
    totals: totalFigures(buckets),
    sources: {
      thisCounter: n(sources.find((s) => s.own === 1)?.invoices),
      otherCounters: n(sources.find((s) => s.own === 0)?.invoices),
    },
    voids: voids.map((v) => ({
      saleId: v.id,
      invoiceNo: v.invoice_no,
      businessDate: v.business_date,
      totalPaise: paise(n(v.total_paise)),
      counter: counterOf(v.invoice_no),
      reason: v.void_reason,
    })),
  };
}

export function topProducts(db: Db, scope: SalesScope, limit: number): TopProductsReport {
  // Totals over every product come from window sums over the groups, so the lines are read once.
  const rows = allOver<{ product_id: string; name: string; brand: string; pack_size: string; qty: number; net: number; invoices: number; all_net: number; all_qty: number; products: number }>(db, /* sql */ `
    SELECT l.product_id, COALESCE(p.name, NULLIF(MAX(l.name), ''), l.product_id) AS name, COALESCE(p.brand, MAX(l.brand)) AS brand,
           COALESCE(p.pack_size, MAX(l.pack_size)) AS pack_size, SUM(l.qty) AS qty, SUM(l.net_paise) AS net, COUNT(DISTINCT l.sale_id) AS invoices,
           SUM(SUM(l.net_paise)) OVER () AS all_net, SUM(SUM(l.qty)) OVER () AS all_qty, COUNT(*) OVER () AS products
      FROM branch_lines l LEFT JOIN products p ON p.id = l.product_id
     WHERE l.status <> 'voided'
     GROUP BY l.product_id
     ORDER BY net DESC, qty DESC, name, l.product_id
     LIMIT @limit`, scope, { limit });
  const first = rows[0];
  return {
    from: scope.from,
    to: scope.to,
    rows: rows.map((r) => ({ productId: r.product_id, name: r.name, brand: r.brand, packSize: r.pack_size, qty: n(r.qty), netPaise: paise(n(r.net)), invoices: n(r.invoices) })),
    totalNetPaise: paise(n(first?.all_net)),
    totalQty: n(first?.all_qty),
    productCount: n(first?.products),
  };
}

const METHODS: readonly PaymentMethod[] = ['cash', 'card', 'upi'];
/** Shown only when used: a branch without loyalty keeps its three-row mix. */
const WALLET_METHODS: readonly PaymentMethod[] = ['points', 'store_credit'];

export function paymentMix(db: Db, scope: SalesScope): PaymentMixReport {
  const rows = allOver<{ method: string; payments: number; amount: number }>(db, /* sql */ `
    SELECT method, COUNT(*) AS payments, SUM(amount_paise) AS amount FROM branch_payments WHERE status <> 'voided' GROUP BY method`, scope);
  const [split] = allOver<{ invoices: number }>(db, /* sql */ `
    SELECT COUNT(*) AS invoices FROM (
      SELECT sale_id FROM branch_payments WHERE status <> 'voided' GROUP BY sale_id HAVING COUNT(DISTINCT method) > 1)`, scope);
  const mix = [...METHODS, ...WALLET_METHODS.filter((m) => rows.some((r) => r.method === m))].map((method) => {
    const row = rows.find((r) => r.method === method);
    return { method, payments: n(row?.payments), amountPaise: paise(n(row?.amount)) };
  });
  return {
    from: scope.from,
    to: scope.to,
    rows: mix,
    totalPaise: paise(mix.reduce((a, r) => a + r.amountPaise, 0)),
    splitInvoices: n(split?.invoices),
  };
}
