/**
 * The server's view of one pushed sale, computed without I/O: tax per line with the shared GST
 * engine, the totals that stand (the device's printed ones), and the anomalies a fact raises
 * instead of being refused. `apply-sale.ts` reads what this needs and writes what it returns.
 */
import { businessDateOf } from '../../../shared/src/dates.js';
import type { Role, TaxCategory } from '../../../shared/src/domain.js';
import { priceInvoice, resolveTaxRate, type PricedLine, type PricingLineInput, type TaxRateRule } from '../../../shared/src/gst.js';
import { paise } from '../../../shared/src/money.js';
import { validateLineDiscount } from '../../../shared/src/roles.js';
import type { AnomalyKind } from './anomalies.js';
import type { SaleCompleted } from './mutation-schemas.js';

/** A line's batch and product as the server knows them (blanks for what it does not know). */
export interface CatalogueRow {
  batch_id: string;
  product_id: string;
  batch_no: string;
  expiry: string;
  name: string;
  potency: string;
  form: string;
  pack_size: string;
  brand: string;
  hsn: string;
  tax_category: TaxCategory;
}

export interface LineCatalogue {
  row: CatalogueRow;
  productKnown: boolean;
  batchKnown: boolean;
}

/** What the server knows when the line names a product it has never seen: blanks, taxed at 0 %. */
export const UNKNOWN_PRODUCT: Omit<CatalogueRow, 'batch_id' | 'product_id'> = {
  batch_no: '', expiry: '', name: '', potency: '', form: '', pack_size: '', brand: '', hsn: '', tax_category: 'classical',
};

/** Facts about the push that no mutation in it can change. */
export interface SaleSetting {
  supplierState: string;
  invoicePrefix: string;
  rules: readonly TaxRateRule[];
}

export interface SaleFacts {
  p: SaleCompleted;
  at: string;
  actorRole: Role;
  catalogue: readonly LineCatalogue[];
  /** Undefined: no customer named; null: named but unknown to the server. */
  customer: { stateCode: string | null } | null | undefined;
}

export interface PricedSale {
  businessDate: string;
  buyerState: string | null;
  placeOfSupply: string;
  interState: boolean;
  grossPaise: number;
  discountPaise: number;
  /** The totals that stand: the device's when it sent them, else the server's. */
  totals: { totalPaise: number; taxablePaise: number; cgstPaise: number; sgstPaise: number; igstPaise: number; roundOffPaise: number };
  lines: PricedLine[];
  flags: { kind: AnomalyKind; details: Record<string, unknown> }[];
}

const TOTAL_FIELDS = ['totalPaise', 'taxablePaise', 'cgstPaise', 'sgstPaise', 'igstPaise', 'roundOffPaise'] as const;

/** Index of the first line whose discount exceeds its gross (malformed, so rejected), else -1. */
export function discountAboveGross(p: SaleCompleted): number {
  return p.lines.findIndex((l) => l.discountPaise > l.qty * l.unitPricePaise);
}

export function priceSale(s: SaleFacts, setting: SaleSetting): PricedSale {
  const { p } = s;
  const flags: PricedSale['flags'] = [];
  const flag = (kind: AnomalyKind, details: Record<string, unknown>): void => void flags.push({ kind, details });
  for (const [i, c] of s.catalogue.entries()) {
    const { productId, batchId } = p.lines[i] as SaleCompleted['lines'][number];
    if (!c.productKnown) flag('catalog.product_unknown', { line: i + 1, productId, batchId });
    else if (!c.batchKnown) flag('stock.batch_unknown', { line: i + 1, productId, batchId });
  }
  if (s.customer === null) flag('customer.unknown', { customerId: p.customerId });
  const buyerState = s.customer?.stateCode ?? null;

  const businessDate = p.businessDate ?? businessDateOf(Date.parse(s.at));
  const pricingLines: PricingLineInput[] = p.lines.map((l, i) => {
    const { row: product, productKnown } = s.catalogue[i] as LineCatalogue;
    const rate = productKnown ? resolveTaxRate(setting.rules, { hsn: product.hsn, taxCategory: product.tax_category }, businessDate) : ({ kind: 'missing' } as const);
    if (rate.kind === 'missing' && productKnown) flag('tax.rate_missing', { line: i + 1, hsn: product.hsn, businessDate });
    if (product.expiry !== '' && product.expiry < businessDate) flag('stock.batch_expired', { line: i + 1, batchId: l.batchId, expiry: product.expiry, businessDate });
    const gross = paise(l.qty * l.unitPricePaise);
    // The role limit is on the cashier's manual part; the scheme's part is the office's (capped by the scheme).
    const discount = validateLineDiscount(gross, paise(Math.max(0, l.discountPaise - (l.schemeDiscountPaise ?? 0))), s.actorRole);
    if (discount.kind === 'exceeds_limit') flag('sale.discount_exceeds_limit', { line: i + 1, discountPaise: l.discountPaise, maxPaise: discount.maxPaise });
    return { key: String(i), hsn: product.hsn, rateBp: rate.kind === 'found' ? rate.rule.rateBp : 0, qty: l.qty, unitPricePaise: paise(l.unitPricePaise), discountPaise: paise(l.discountPaise) };
  });
  const priced = priceInvoice({ lines: pricingLines, supplierStateCode: setting.supplierState, buyerStateCode: buyerState });
  const server = priced.totals;

  // The device's printed invoice stands; the server's own figures go into the anomaly.
  const device = p.totals;
  if (device !== undefined && TOTAL_FIELDS.some((f) => device[f] !== server[f])) {
    flag('sale.totals_mismatch', { device, server: Object.fromEntries(TOTAL_FIELDS.map((f) => [f, server[f]])) });
  }
  const totals = device ?? server;
  const paid = p.payments.reduce((sum, pay) => sum + pay.amountPaise, 0);
  if (paid !== totals.totalPaise) flag('sale.payment_mismatch', { paidPaise: paid, totalPaise: totals.totalPaise });
  if (!p.invoiceNo.startsWith(`${setting.invoicePrefix}/`)) flag('invoice.prefix_mismatch', { invoiceNo: p.invoiceNo, invoicePrefix: setting.invoicePrefix || null });
  return {
    businessDate,
    buyerState,
    placeOfSupply: buyerState ?? setting.supplierState,
    interState: server.interState,
    grossPaise: server.grossPaise,
    discountPaise: server.discountPaise,
    totals,
    lines: priced.lines,
    flags,
  };
}
