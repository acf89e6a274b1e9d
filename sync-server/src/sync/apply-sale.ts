/**
 * `sale.completed`, applied a run at a time: consecutive sales of a push are read with one query
 * per kind of fact (catalogue, customers, earlier invoice numbers) and written with one multi-row
 * statement per table, so a hundred sales cost a handful of round trips instead of thousands.
 *
 * A completed sale is a fact: it is never refused for a business reason (negative stock, an old
 * price, different totals); it applies and raises an anomaly, and so is a line naming a product
 * or batch the server does not know. Only a malformed payload or a sale id of another branch is
 * rejected, and both are decided before anything is written, so a run needs no savepoint.
 */
import { newIds } from '../auth/secrets.js';
import type { Queryable } from '../db/db.js';
import type { AnomalyKind } from './anomalies.js';
import { applySaleLoyalty } from './apply-loyalty.js';
import { flagUnknownSchemes } from '../schemes/scheme-check.js';
import { MutationRejected, type MutationContext } from './mutation-context.js';
import type { SaleCompleted } from './mutation-schemas.js';
import { discountAboveGross, priceSale, UNKNOWN_PRODUCT, type CatalogueRow, type LineCatalogue, type PricedSale, type SaleSetting } from './sale-pricing.js';

export interface SaleToApply {
  ctx: MutationContext;
  p: SaleCompleted;
}

export type SaleOutcome = 'applied' | 'duplicate' | MutationRejected;

/**
 * Reads every line's batch with its product. An unknown product or a batch that is not the
 * product's is still a sale that happened: the line keeps what the server knows (the product's
 * snapshot, or blanks) and an anomaly is raised instead of refusing the fact.
 */
async function loadCatalogue(tx: Queryable, sales: readonly SaleToApply[]): Promise<LineCatalogue[][]> {
  const lines = sales.flatMap((s) => s.p.lines);
  const found = await tx.query<CatalogueRow>(
    `SELECT b.id AS batch_id, b.product_id, b.batch_no, b.expiry, p.name, p.potency, p.form, p.pack_size, p.brand, p.hsn, p.tax_category
       FROM batches b JOIN products p ON p.id = b.product_id WHERE b.id = ANY($1::uuid[])`,
    [[...new Set(lines.map((l) => l.batchId))]],
  );
  const byBatch = new Map(found.rows.map((r) => [r.batch_id, r]));
  const unmatched = lines.filter((l) => byBatch.get(l.batchId)?.product_id !== l.productId).map((l) => l.productId);
  const products = new Map<string, Omit<CatalogueRow, 'batch_id' | 'product_id' | 'batch_no' | 'expiry'>>();
  if (unmatched.length > 0) {
    const rows = await tx.query<{ id: string } & Omit<CatalogueRow, 'batch_id' | 'product_id' | 'batch_no' | 'expiry'>>(
      'SELECT id, name, potency, form, pack_size, brand, hsn, tax_category FROM products WHERE id = ANY($1::uuid[])',
      [[...new Set(unmatched)]],
    );
    for (const { id, ...rest } of rows.rows) products.set(id, rest);
  }
  return sales.map((s) =>
    s.p.lines.map((line) => {
      const row = byBatch.get(line.batchId);
      if (row !== undefined && row.product_id === line.productId) return { row, productKnown: true, batchKnown: true };
      const known = products.get(line.productId);
      return { row: { ...UNKNOWN_PRODUCT, ...known, batch_id: line.batchId, product_id: line.productId }, productKnown: known !== undefined, batchKnown: false };
    }),
  );
}

async function loadCustomers(tx: Queryable, sales: readonly SaleToApply[]): Promise<Map<string, string | null>> {
  const ids = [...new Set(sales.map((s) => s.p.customerId).filter((id): id is string => typeof id === 'string'))];
  if (ids.length === 0) return new Map();
  const found = await tx.query<{ id: string; state_code: string | null }>('SELECT id, state_code FROM customers WHERE id = ANY($1::uuid[])', [ids]);
  return new Map(found.rows.map((r) => [r.id, r.state_code]));
}

/** Applies consecutive `sale.completed` mutations of one device; one outcome per sale, same order. */
export async function applySaleRun(tx: Queryable, setting: SaleSetting, sales: readonly SaleToApply[]): Promise<SaleOutcome[]> {
  const outcomes: SaleOutcome[] = sales.map((s) => {
    const i = discountAboveGross(s.p);
    return i < 0 ? 'applied' : new MutationRejected('input.invalid', `Line ${i + 1}: the discount exceeds the line's gross amount.`);
  });
  const candidates = sales.filter((_s, i) => outcomes[i] === 'applied');
  if (candidates.length === 0) return outcomes;
  const deviceId = (candidates[0] as SaleToApply).ctx.deviceId;
  const catalogue = await loadCatalogue(tx, candidates);
  const customers = await loadCustomers(tx, candidates);
  const priced = candidates.map((s, i): PricedSale => {
    const customerId = s.p.customerId ?? null;
    const customer = customerId === null ? undefined : customers.has(customerId) ? { stateCode: customers.get(customerId) ?? null } : null;
    return priceSale({ p: s.p, at: s.ctx.at, actorRole: s.ctx.actorRole, catalogue: catalogue[i] as LineCatalogue[], customer }, setting);
  });

  // The same sale under another mutation id (re-queued, or twice in this run) is already recorded:
  // the insert skips it, and a concurrent push inserting it first makes this one wait, then skip.
  const inserted = await insertSales(tx, candidates, priced);
  const skipped = candidates.filter((s) => !inserted.has(s.ctx.mutationId));
  const owners = new Map<string, string>();
  if (skipped.length > 0) {
    const rows = await tx.query<{ id: string; branch_id: string }>('SELECT id, branch_id FROM sales WHERE id = ANY($1::uuid[])', [skipped.map((s) => s.p.saleId)]);
    for (const r of rows.rows) owners.set(r.id, r.branch_id);
  }
  const written: { s: SaleToApply; sale: PricedSale; lines: LineCatalogue[] }[] = [];
  candidates.forEach((s, i) => {
    const outcome: SaleOutcome = inserted.has(s.ctx.mutationId)
      ? 'applied'
      : owners.get(s.p.saleId) === s.ctx.branchId
        ? 'duplicate'
        : new MutationRejected('mutation.conflict', 'That sale id belongs to another branch.');
    outcomes[sales.indexOf(s)] = outcome;
    if (outcome === 'applied') written.push({ s, sale: priced[i] as PricedSale, lines: catalogue[i] as LineCatalogue[] });
  });
  if (written.length === 0) return outcomes;

  await flagReusedInvoices(tx, deviceId, written.map((w) => w.s));
  await insertLinesAndPayments(tx, written);
  await flagUnknownSchemes(tx, written.map((w) => w.s));
  await applySaleLoyalty(tx, written.map((w) => w.s));
  for (const { s, sale } of written) {
    const ref = { branchId: s.ctx.branchId, deviceId: s.ctx.deviceId, mutationId: s.ctx.mutationId, refId: s.p.saleId };
    for (const f of sale.flags) s.ctx.effects.flag({ ...ref, kind: f.kind, details: f.details });
    for (const l of s.p.lines) {
      s.ctx.effects.move(
        { branchId: s.ctx.branchId, batchId: l.batchId, productId: l.productId, kind: 'sale', qty: -l.qty, refId: s.p.saleId, mutationId: s.ctx.mutationId, staffId: s.ctx.actorId, at: s.ctx.at },
        ref,
      );
    }
    s.ctx.effects.publish({
      type: 'sale.completed',
      aggregateId: s.p.saleId,
      branchId: s.ctx.branchId,
      payload: { saleId: s.p.saleId, branchId: s.ctx.branchId, deviceId: s.ctx.deviceId, invoiceNo: s.p.invoiceNo, businessDate: sale.businessDate, totalPaise: sale.totals.totalPaise },
    });
  }
  return outcomes;
}

/** Inserts every sale row in one statement; returns the mutation ids whose sale was new. */
async function insertSales(tx: Queryable, sales: readonly SaleToApply[], priced: readonly PricedSale[]): Promise<Set<string>> {
  const col = <T>(f: (s: SaleToApply, x: PricedSale) => T): T[] => sales.map((s, i) => f(s, priced[i] as PricedSale));
  const result = await tx.query<{ mutation_id: string }>(
    `INSERT INTO sales (id, branch_id, device_id, staff_id, customer_id, invoice_no, business_date, at, place_of_supply, inter_state,
       gross_paise, discount_paise, taxable_paise, cgst_paise, sgst_paise, igst_paise, exact_total_paise, round_off_paise, total_paise, mutation_id)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::timestamptz[], $9::text[], $10::boolean[],
       $11::bigint[], $12::bigint[], $13::bigint[], $14::bigint[], $15::bigint[], $16::bigint[], $17::bigint[], $18::bigint[], $19::bigint[], $20::uuid[])
     ON CONFLICT (id) DO NOTHING
     RETURNING mutation_id`,
    [
      col((s) => s.p.saleId), col((s) => s.ctx.branchId), col((s) => s.ctx.deviceId), col((s) => s.ctx.actorId), col((s) => s.p.customerId ?? null),
      col((s) => s.p.invoiceNo), col((_s, x) => x.businessDate), col((s) => s.ctx.at), col((_s, x) => x.placeOfSupply), col((_s, x) => x.interState),
      col((_s, x) => x.grossPaise), col((_s, x) => x.discountPaise), col((_s, x) => x.totals.taxablePaise), col((_s, x) => x.totals.cgstPaise),
      col((_s, x) => x.totals.sgstPaise), col((_s, x) => x.totals.igstPaise), col((_s, x) => x.totals.totalPaise - x.totals.roundOffPaise),
      col((_s, x) => x.totals.roundOffPaise), col((_s, x) => x.totals.totalPaise), col((s) => s.ctx.mutationId),
    ],
  );
  return new Set(result.rows.map((r) => r.mutation_id));
}

/** `invoice.duplicate`: the number was used by an earlier sale of the device, stored or earlier in this run. */
async function flagReusedInvoices(tx: Queryable, deviceId: string, sales: readonly SaleToApply[]): Promise<void> {
  const ids = sales.map((s) => s.p.saleId);
  const earlier = await tx.query<{ id: string; invoice_no: string }>(
    'SELECT id, invoice_no FROM sales WHERE device_id = $1 AND invoice_no = ANY($2::text[]) AND NOT (id = ANY($3::uuid[])) ORDER BY id',
    [deviceId, [...new Set(sales.map((s) => s.p.invoiceNo))], ids],
  );
  const firstWith = new Map<string, string>();
  for (const r of earlier.rows) if (!firstWith.has(r.invoice_no)) firstWith.set(r.invoice_no, r.id);
  for (const s of sales) {
    const other = firstWith.get(s.p.invoiceNo);
    const kind: AnomalyKind = 'invoice.duplicate';
    if (other !== undefined) s.ctx.effects.flag({ kind, branchId: s.ctx.branchId, deviceId: s.ctx.deviceId, mutationId: s.ctx.mutationId, refId: s.p.saleId, details: { invoiceNo: s.p.invoiceNo, otherSaleId: other } });
    else firstWith.set(s.p.invoiceNo, s.p.saleId);
  }
}

/** Every line and payment of the run in one statement (a sale may have hundreds of lines). */
async function insertLinesAndPayments(tx: Queryable, written: readonly { s: SaleToApply; sale: PricedSale; lines: LineCatalogue[] }[]): Promise<void> {
  const lines = written.flatMap(({ s, sale, lines: cat }) =>
    s.p.lines.map((l, i) => ({ s, l, no: i + 1, c: (cat[i] as LineCatalogue).row, t: sale.lines[i] as PricedSale['lines'][number] })),
  );
  // One JSON document, not 22 arrays: JSON.stringify and json_to_recordset beat pg's array encoding.
  const ids = newIds(lines.length);
  const rows = lines.map(({ s, l, no, c, t }, i) => ({
    id: ids[i],
    sale_id: s.p.saleId, branch_id: s.ctx.branchId, line_no: no, product_id: l.productId, batch_id: l.batchId, name: c.name, potency: c.potency,
    form: c.form, pack_size: c.pack_size, brand: c.brand, hsn: c.hsn, batch_no: c.batch_no, expiry: c.expiry, qty: l.qty,
    unit_price_paise: l.unitPricePaise, discount_paise: t.discountPaise, rate_bp: t.rateBp, taxable_paise: t.taxablePaise, cgst_paise: t.cgstPaise,
    sgst_paise: t.sgstPaise, igst_paise: t.igstPaise, net_paise: t.netPaise, scheme_id: l.schemeId ?? null, scheme_discount_paise: l.schemeDiscountPaise ?? 0,
  }));
  const payments = written.flatMap(({ s }) => s.p.payments.map((pay) => ({ s, pay })));
  await tx.query(
    `WITH lines AS (
       INSERT INTO sale_lines (id, sale_id, branch_id, line_no, product_id, batch_id, name, potency, form, pack_size, brand, hsn, batch_no, expiry,
         qty, unit_price_paise, discount_paise, rate_bp, taxable_paise, cgst_paise, sgst_paise, igst_paise, net_paise, scheme_id, scheme_discount_paise)
       SELECT id, sale_id, branch_id, line_no, product_id, batch_id, name, potency, form, pack_size, brand, hsn, batch_no, expiry,
         qty, unit_price_paise, discount_paise, rate_bp, taxable_paise, cgst_paise, sgst_paise, igst_paise, net_paise, scheme_id, scheme_discount_paise
         FROM json_to_recordset($1::json) AS x(id uuid, sale_id uuid, branch_id uuid, line_no int, product_id uuid, batch_id uuid, name text, potency text,
           form text, pack_size text, brand text, hsn text, batch_no text, expiry text, qty int, unit_price_paise bigint, discount_paise bigint,
           rate_bp int, taxable_paise bigint, cgst_paise bigint, sgst_paise bigint, igst_paise bigint, net_paise bigint, scheme_id uuid, scheme_discount_paise bigint)
     )
     INSERT INTO sale_payments (id, sale_id, branch_id, method, amount_paise) SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::bigint[])`,
    [
      JSON.stringify(rows), newIds(payments.length), payments.map((x) => x.s.p.saleId), payments.map((x) => x.s.ctx.branchId),
      payments.map((x) => x.pay.method), payments.map((x) => x.pay.amountPaise),
    ],
  );
}
