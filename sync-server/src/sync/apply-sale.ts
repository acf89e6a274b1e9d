/**
 * `sale.completed`: the sale, its lines and payments, stock movements, an outbox event and any
 * anomalies, in the mutation's transaction. A completed sale is a fact: it is never refused for a
 * business reason (negative stock, an old price, different totals); it applies and raises an
 * anomaly, and so is a line naming a product or batch the server does not know. Only a malformed
 * payload, or a sale id of another branch, is rejected.
 */
import { businessDateOf } from '../../../shared/src/dates.js';
import { priceInvoice, resolveTaxRate, type PricingLineInput } from '../../../shared/src/gst.js';
import { paise } from '../../../shared/src/money.js';
import { validateLineDiscount } from '../../../shared/src/roles.js';
import type { TaxCategory } from '../../../shared/src/domain.js';
import type { Queryable } from '../db/db.js';
import { recordAnomalies, type Anomaly, type AnomalyKind } from './anomalies.js';
import type { SaleCompleted } from './mutation-schemas.js';
import { MutationRejected, type MutationContext } from './mutation-context.js';
import { recordStockMovement } from './stock.js';
import { loadTaxRules } from './tax-rates.js';

interface CatalogueRow {
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

const TOTAL_FIELDS = ['totalPaise', 'taxablePaise', 'cgstPaise', 'sgstPaise', 'igstPaise', 'roundOffPaise'] as const;

/** What a line is known as when the server has no such product (or batch): blanks, taxed at 0 %. */
const UNKNOWN_PRODUCT: Omit<CatalogueRow, 'batch_id' | 'product_id'> = {
  batch_no: '', expiry: '', name: '', potency: '', form: '', pack_size: '', brand: '', hsn: '', tax_category: 'classical',
};

interface LineCatalogue {
  row: CatalogueRow;
  productKnown: boolean;
  batchKnown: boolean;
}

/**
 * Reads every line's batch with its product. An unknown product or a batch that is not the
 * product's is still a sale that happened: the line keeps what the server knows (the product's
 * snapshot, or blanks) and the caller raises an anomaly instead of refusing the fact.
 */
async function loadCatalogue(tx: Queryable, lines: SaleCompleted['lines']): Promise<LineCatalogue[]> {
  const found = await tx.query<CatalogueRow>(
    `SELECT b.id AS batch_id, b.product_id, b.batch_no, b.expiry, p.name, p.potency, p.form, p.pack_size, p.brand, p.hsn, p.tax_category
       FROM batches b JOIN products p ON p.id = b.product_id WHERE b.id = ANY($1::uuid[])`,
    [[...new Set(lines.map((l) => l.batchId))]],
  );
  const byBatch = new Map(found.rows.map((r) => [r.batch_id, r]));
  const result: LineCatalogue[] = [];
  for (const line of lines) {
    const row = byBatch.get(line.batchId);
    if (row !== undefined && row.product_id === line.productId) {
      result.push({ row, productKnown: true, batchKnown: true });
      continue;
    }
    const product = await tx.query<Omit<CatalogueRow, 'batch_id' | 'product_id' | 'batch_no' | 'expiry'>>(
      'SELECT name, potency, form, pack_size, brand, hsn, tax_category FROM products WHERE id = $1',
      [line.productId],
    );
    const known = product.rows[0];
    result.push({
      row: { ...UNKNOWN_PRODUCT, ...known, batch_id: line.batchId, product_id: line.productId },
      productKnown: known !== undefined,
      batchKnown: false,
    });
  }
  return result;
}

export async function applySaleCompleted(tx: Queryable, ctx: MutationContext, p: SaleCompleted): Promise<'applied' | 'duplicate'> {
  // The same sale under another mutation id (a device re-queued it): the fact is already recorded.
  const existing = await tx.query<{ branch_id: string }>('SELECT branch_id FROM sales WHERE id = $1', [p.saleId]);
  if (existing.rows[0] !== undefined) {
    if (existing.rows[0].branch_id !== ctx.branchId) throw new MutationRejected('mutation.conflict', 'That sale id belongs to another branch.');
    return 'duplicate';
  }
  for (const [i, l] of p.lines.entries()) {
    if (l.discountPaise > l.qty * l.unitPricePaise) {
      throw new MutationRejected('input.invalid', `Line ${i + 1}: the discount exceeds the line's gross amount.`);
    }
  }
  const lineCatalogue = await loadCatalogue(tx, p.lines);
  const anomalies: Anomaly[] = [];
  const flag = (kind: AnomalyKind, details: Record<string, unknown>): void => {
    anomalies.push({ kind, branchId: ctx.branchId, deviceId: ctx.deviceId, mutationId: ctx.mutationId, refId: p.saleId, details });
  };
  for (const [i, c] of lineCatalogue.entries()) {
    const { productId, batchId } = p.lines[i] as SaleCompleted['lines'][number];
    if (!c.productKnown) flag('catalog.product_unknown', { line: i + 1, productId, batchId });
    else if (!c.batchKnown) flag('stock.batch_unknown', { line: i + 1, productId, batchId });
  }
  const catalogue = lineCatalogue.map((c) => c.row);

  const branch = await tx.query<{ state_code: string }>('SELECT state_code FROM branches WHERE id = $1', [ctx.branchId]);
  const supplierState = branch.rows[0]?.state_code ?? '';
  let buyerState: string | null = null;
  const customerId = p.customerId ?? null;
  if (customerId !== null) {
    const customer = await tx.query<{ state_code: string | null }>('SELECT state_code FROM customers WHERE id = $1', [customerId]);
    if (customer.rows[0] === undefined) flag('customer.unknown', { customerId });
    buyerState = customer.rows[0]?.state_code ?? null;
  }

  const businessDate = p.businessDate ?? businessDateOf(Date.parse(ctx.at));
  const rules = await loadTaxRules(tx);
  const pricingLines: PricingLineInput[] = p.lines.map((l, i) => {
    const product = catalogue[i] as CatalogueRow;
    const known = (lineCatalogue[i] as LineCatalogue).productKnown;
    const rate = known ? resolveTaxRate(rules, { hsn: product.hsn, taxCategory: product.tax_category }, businessDate) : ({ kind: 'missing' } as const);
    if (rate.kind === 'missing' && known) flag('tax.rate_missing', { line: i + 1, hsn: product.hsn, businessDate });
    if (product.expiry !== '' && product.expiry < businessDate) flag('stock.batch_expired', { line: i + 1, batchId: l.batchId, expiry: product.expiry, businessDate });
    const gross = paise(l.qty * l.unitPricePaise);
    const discount = validateLineDiscount(gross, paise(l.discountPaise), ctx.actorRole);
    if (discount.kind === 'exceeds_limit') flag('sale.discount_exceeds_limit', { line: i + 1, discountPaise: l.discountPaise, maxPaise: discount.maxPaise });
    return {
      key: String(i),
      hsn: product.hsn,
      rateBp: rate.kind === 'found' ? rate.rule.rateBp : 0,
      qty: l.qty,
      unitPricePaise: paise(l.unitPricePaise),
      discountPaise: paise(l.discountPaise),
    };
  });
  const priced = priceInvoice({ lines: pricingLines, supplierStateCode: supplierState, buyerStateCode: buyerState });
  const server = priced.totals;

  // The device's printed invoice stands; the server's own figures go into the anomaly.
  const device = p.totals;
  if (device !== undefined && TOTAL_FIELDS.some((f) => device[f] !== server[f])) {
    flag('sale.totals_mismatch', { device, server: Object.fromEntries(TOTAL_FIELDS.map((f) => [f, server[f]])) });
  }
  const totals = device ?? server;
  const paid = p.payments.reduce((sum, pay) => sum + pay.amountPaise, 0);
  if (paid !== totals.totalPaise) flag('sale.payment_mismatch', { paidPaise: paid, totalPaise: totals.totalPaise });

  const prefix = await tx.query<{ invoice_prefix: string }>('SELECT invoice_prefix FROM devices WHERE id = $1', [ctx.deviceId]);
  if (!p.invoiceNo.startsWith(`${prefix.rows[0]?.invoice_prefix ?? ''}/`)) {
    flag('invoice.prefix_mismatch', { invoiceNo: p.invoiceNo, invoicePrefix: prefix.rows[0]?.invoice_prefix ?? null });
  }
  const reused = await tx.query<{ id: string }>('SELECT id FROM sales WHERE device_id = $1 AND invoice_no = $2', [ctx.deviceId, p.invoiceNo]);
  if (reused.rows[0] !== undefined) flag('invoice.duplicate', { invoiceNo: p.invoiceNo, otherSaleId: reused.rows[0].id });

  await tx.query(
    `INSERT INTO sales (id, branch_id, device_id, staff_id, customer_id, invoice_no, business_date, at, place_of_supply, inter_state,
       gross_paise, discount_paise, taxable_paise, cgst_paise, sgst_paise, igst_paise, exact_total_paise, round_off_paise, total_paise, mutation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
    [
      p.saleId, ctx.branchId, ctx.deviceId, ctx.actorId, customerId, p.invoiceNo, businessDate, ctx.at, buyerState ?? supplierState,
      server.interState, server.grossPaise, server.discountPaise, totals.taxablePaise, totals.cgstPaise, totals.sgstPaise,
      totals.igstPaise, totals.totalPaise - totals.roundOffPaise, totals.roundOffPaise, totals.totalPaise, ctx.mutationId,
    ],
  );
  await insertLines(tx, ctx.branchId, p, catalogue, priced.lines);
  for (const pay of p.payments) {
    await tx.query('INSERT INTO sale_payments (sale_id, branch_id, method, amount_paise) VALUES ($1, $2, $3, $4)', [
      p.saleId, ctx.branchId, pay.method, pay.amountPaise,
    ]);
  }

  // Batch-id order: concurrent sales lock stock levels in one order and cannot deadlock.
  const byBatch = p.lines.map((l, i) => ({ l, i })).sort((a, b) => (a.l.batchId < b.l.batchId ? -1 : a.l.batchId > b.l.batchId ? 1 : a.i - b.i));
  for (const { l } of byBatch) {
    const level = await recordStockMovement(tx, {
      branchId: ctx.branchId, batchId: l.batchId, productId: l.productId, kind: 'sale', qty: -l.qty,
      refId: p.saleId, mutationId: ctx.mutationId, staffId: ctx.actorId, at: ctx.at,
    });
    if (level < 0) flag('stock.negative', { batchId: l.batchId, productId: l.productId, qty: level });
  }
  await recordAnomalies(tx, anomalies);
  await tx.query('INSERT INTO outbox (type, aggregate_id, branch_id, payload) VALUES ($1, $2, $3, $4)', [
    'sale.completed',
    p.saleId,
    ctx.branchId,
    JSON.stringify({ saleId: p.saleId, branchId: ctx.branchId, deviceId: ctx.deviceId, invoiceNo: p.invoiceNo, businessDate, totalPaise: totals.totalPaise }),
  ]);
  return 'applied';
}

/** All lines in one statement (a sale may have hundreds). */
async function insertLines(
  tx: Queryable,
  branchId: string,
  p: SaleCompleted,
  catalogue: readonly CatalogueRow[],
  priced: ReturnType<typeof priceInvoice>['lines'],
): Promise<void> {
  const columns = 22;
  const values: unknown[] = [];
  const tuples = p.lines.map((l, i) => {
    const c = catalogue[i] as CatalogueRow;
    const t = priced[i] as (typeof priced)[number];
    values.push(
      p.saleId, branchId, i + 1, l.productId, l.batchId, c.name, c.potency, c.form, c.pack_size, c.brand, c.hsn, c.batch_no, c.expiry,
      l.qty, l.unitPricePaise, t.discountPaise, t.rateBp, t.taxablePaise, t.cgstPaise, t.sgstPaise, t.igstPaise, t.netPaise,
    );
    return `(${Array.from({ length: columns }, (_v, k) => `$${i * columns + k + 1}`).join(', ')})`;
  });
  await tx.query(
    `INSERT INTO sale_lines (sale_id, branch_id, line_no, product_id, batch_id, name, potency, form, pack_size, brand, hsn, batch_no, expiry,
       qty, unit_price_paise, discount_paise, rate_bp, taxable_paise, cgst_paise, sgst_paise, igst_paise, net_paise)
     VALUES ${tuples.join(', ')}`,
    values,
  );
}
