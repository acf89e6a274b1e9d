import type { CartLineInput, LineProblem, Quote, QuotedLine } from '../../../../shared/src/api-contract.js';
import type { ProductForm, Role, TaxCategory } from '../../../../shared/src/domain.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import { allocateFefo, isNearExpiry, type Allocation, type StockBatch } from '../../../../shared/src/fefo.js';
import { apportion, priceInvoice, resolveTaxRate, type PricedLine, type TaxRateRule } from '../../../../shared/src/gst.js';
import { paise, sumPaise, type Paise } from '../../../../shared/src/money.js';
import { validateLineDiscount } from '../../../../shared/src/roles.js';
import type { AppliedScheme } from '../../../../shared/src/schemes.js';
import { businessDate, deviceRow, type CoreContext } from './context.js';
import { applySchemesToRows, lineSchemes } from './scheme-quote.js';

export interface ProductForSale {
  id: string;
  name: string;
  potency: string;
  form: ProductForm;
  pack_size: string;
  brand: string;
  hsn: string;
  tax_category: TaxCategory;
  mrp_paise: number;
}

/** One priced row per batch allocation: what becomes a sale line. `batchId` is null for a shortfall. */
export interface QuoteRow {
  lineId: string;
  product: ProductForSale;
  batchId: string | null;
  batchNo: string;
  expiry: string;
  qty: number;
  unitPricePaise: Paise;
  priced: PricedLine;
  /** Schemes that gave part of this row's discount (priced.discountPaise is manual + these). */
  schemes?: AppliedScheme[];
}

export interface QuoteOutcome {
  quote: Quote;
  rows: QuoteRow[];
  businessDate: string;
  branchId: string;
  placeOfSupply: string;
  customerId: string | null;
}

interface BatchRow extends StockBatch {
  mrp: number;
}

/** Prices a cart: tax rule in force today, FEFO over sellable stock, role discount limits, GST. Read-only. */
export class QuoteService {
  private readonly productStmt;
  private readonly batchesStmt;
  private readonly customerStmt;
  private readonly branchStmt;
  private readonly rulesStmt;

  constructor(private readonly ctx: CoreContext) {
    const db = ctx.db;
    this.productStmt = db.prepare(/* sql */ `SELECT id, name, potency, form, pack_size, brand, hsn, tax_category, mrp_paise FROM products WHERE id = ? AND active = 1`);
    this.batchesStmt = db.prepare(/* sql */ `
      SELECT b.id AS batchId, b.batch_no AS batchNo, b.expiry, s.qty AS available, b.mrp_paise AS mrp
      FROM batch_stock s JOIN batches b ON b.id = s.batch_id WHERE s.product_id = ?`);
    this.customerStmt = db.prepare(/* sql */ `SELECT id, state_code FROM customers WHERE id = ?`);
    this.branchStmt = db.prepare(/* sql */ `SELECT state_code FROM branches WHERE id = ?`);
    this.rulesStmt = db.prepare(/* sql */ `SELECT id, hsn_prefix AS hsnPrefix, category, rate_bp AS rateBp, effective_from AS effectiveFrom, effective_to AS effectiveTo FROM tax_rates`);
  }

  quote(lines: readonly CartLineInput[], customerId: string | null | undefined, role: Role): ApiResult<QuoteOutcome> {
    const device = deviceRow(this.ctx);
    const branch = this.branchStmt.get(device.branch_id) as { state_code: string };
    let buyerState: string | null = null;
    if (customerId != null) {
      const customer = this.customerStmt.get(customerId) as { id: string; state_code: string | null } | undefined;
      if (customer === undefined) return fail('input.invalid', 'The attached customer is not known on this device.');
      buyerState = customer.state_code;
    }
    const today = businessDate(this.ctx);
    const rules = this.rulesStmt.all() as TaxRateRule[];
    const rows: QuoteRow[] = [];
    const problems = new Map<string, LineProblem[]>();
    const shortfalls = new Map<string, number>();
    const manualDiscounts = new Map<string, Paise>();
    for (const line of lines) {
      const product = this.productStmt.get(line.productId) as ProductForSale | undefined;
      if (product === undefined) return fail('catalog.product_unknown', 'A product in the cart is no longer in the catalogue; remove it and search again.');
      const lineProblems: LineProblem[] = [];
      const rule = resolveTaxRate(rules, { hsn: product.hsn, taxCategory: product.tax_category }, today);
      if (rule.kind === 'missing') lineProblems.push({ code: 'tax.rate_missing', message: `No GST rate is set for HSN ${product.hsn} on ${today}.` });
      const rateBp = rule.kind === 'found' ? rule.rule.rateBp : 0;
      const batches = this.batchesStmt.all(product.id) as BatchRow[];
      const allocation = allocateFefo(batches, line.qty, { businessDate: today, nearExpiryDays: this.ctx.nearExpiryDays, overrideBatchId: line.batchOverrideId ?? null });
      let allocations: Allocation[] = [];
      let shortBy = 0;
      if (allocation.kind === 'allocated') allocations = allocation.allocations;
      else if (allocation.kind === 'shortfall') {
        allocations = allocation.allocations;
        shortBy = allocation.shortBy;
        lineProblems.push({ code: 'stock.insufficient', message: `Only ${line.qty - shortBy} of ${line.qty} in sellable stock${line.batchOverrideId ? ' in the chosen batch' : ''}.` });
      } else if (allocation.kind === 'override_expired') {
        shortBy = line.qty;
        lineProblems.push({ code: 'stock.batch_expired', message: 'The chosen batch has expired and cannot be sold.' });
      } else {
        shortBy = line.qty;
        lineProblems.push({ code: 'stock.batch_unknown', message: 'The chosen batch is not in stock for this product.' });
      }
      const parts = allocations.map((a) => ({ batchId: a.batchId as string | null, batchNo: a.batchNo, expiry: a.expiry, qty: a.qty, unit: paise(batches.find((b) => b.batchId === a.batchId)?.mrp ?? product.mrp_paise) }));
      if (shortBy > 0) parts.push({ batchId: null, batchNo: '', expiry: '', qty: shortBy, unit: paise(product.mrp_paise) });
      const grosses = parts.map((p) => p.qty * p.unit);
      const lineGross = paise(grosses.reduce((a, b) => a + b, 0));
      let discount = line.discountPaise;
      const check = validateLineDiscount(lineGross, discount, role);
      if (check.kind !== 'ok') {
        const message =
          check.kind === 'exceeds_limit'
            ? `Discount is above your limit for this line (at most ${(check.maxPaise / 100).toFixed(2)}).`
            : check.kind === 'negative'
              ? 'A discount cannot be negative.'
              : 'The discount is larger than the line amount.';
        lineProblems.push({ code: 'sale.discount_exceeds_limit', message });
        if (check.kind !== 'exceeds_limit') discount = paise(0);
      }
      manualDiscounts.set(line.lineId, discount);
      const discounts = apportion(discount, grosses);
      parts.forEach((part, i) => {
        rows.push({
          lineId: line.lineId,
          product,
          batchId: part.batchId,
          batchNo: part.batchNo,
          expiry: part.expiry,
          qty: part.qty,
          unitPricePaise: part.unit,
          priced: { key: '', grossPaise: paise(0), discountPaise: discounts[i] ?? paise(0), netPaise: paise(0), rateBp, taxablePaise: paise(0), cgstPaise: paise(0), sgstPaise: paise(0), igstPaise: paise(0) },
        });
      });
      problems.set(line.lineId, lineProblems);
      shortfalls.set(line.lineId, shortBy);
    }
    applySchemesToRows(this.ctx.db, device.branch_id, today, lines.map((l) => l.lineId), rows, manualDiscounts);
    const priced = priceInvoice({
      lines: rows.map((r, i) => ({ key: String(i), hsn: r.product.hsn, rateBp: r.priced.rateBp, qty: r.qty, unitPricePaise: r.unitPricePaise, discountPaise: r.priced.discountPaise })),
      supplierStateCode: branch.state_code,
      buyerStateCode: buyerState,
    });
    priced.lines.forEach((p, i) => {
      const row = rows[i];
      if (row !== undefined) row.priced = p;
    });
    const quotedLines = lines.map((line) => toQuotedLine(line, rows.filter((r) => r.lineId === line.lineId), problems.get(line.lineId) ?? [], shortfalls.get(line.lineId) ?? 0, this.ctx.nearExpiryDays, today));
    const quote: Quote = {
      lines: quotedLines,
      totals: priced.totals,
      hsnSummary: priced.hsnSummary,
      rateSummary: priced.rateSummary,
      sellable: quotedLines.length > 0 && quotedLines.every((l) => l.problems.length === 0),
    };
    return ok({ quote, rows, businessDate: today, branchId: device.branch_id, placeOfSupply: buyerState ?? branch.state_code, customerId: customerId ?? null });
  }
}

function toQuotedLine(line: CartLineInput, rows: QuoteRow[], problems: LineProblem[], shortfall: number, nearDays: number, today: string): QuotedLine {
  const first = rows[0];
  if (first === undefined) throw new Error(`quote produced no rows for line ${line.lineId}`);
  const sum = (pick: (p: PricedLine) => Paise): Paise => sumPaise(rows.map((r) => pick(r.priced)));
  return {
    lineId: line.lineId,
    productId: first.product.id,
    name: first.product.name,
    potency: first.product.potency,
    form: first.product.form,
    packSize: first.product.pack_size,
    brand: first.product.brand,
    hsn: first.product.hsn,
    qty: line.qty,
    unitPricePaise: paise(first.product.mrp_paise),
    grossPaise: sum((p) => p.grossPaise),
    discountPaise: sum((p) => p.discountPaise),
    netPaise: sum((p) => p.netPaise),
    rateBp: first.priced.rateBp,
    taxablePaise: sum((p) => p.taxablePaise),
    cgstPaise: sum((p) => p.cgstPaise),
    sgstPaise: sum((p) => p.sgstPaise),
    igstPaise: sum((p) => p.igstPaise),
    allocations: rows
      .filter((r) => r.batchId !== null)
      .map((r) => ({ batchId: r.batchId as string, batchNo: r.batchNo, expiry: r.expiry, qty: r.qty, nearExpiry: isNearExpiry(r.expiry, today, nearDays) })),
    shortfall,
    problems,
    ...lineSchemes(rows),
  };
}
