/**
 * The catalogue import at the office (docs/imports.md): the CSV is checked with the same shared
 * checker the counters preview with, then every row is upserted by SKU in ONE transaction, or
 * nothing is when any row has an error. Products are on the change feed, so every counter receives
 * the new and changed rows with its next pull.
 */
import { catalogueCheck, type CatalogueRow } from '../../../shared/src/csv/catalogue-rows.js';
import { readCsv } from '../../../shared/src/csv/csv-reader.js';
import type { RowError } from '../../../shared/src/csv/import-columns.js';
import { newIds } from '../auth/secrets.js';
import type { Db, Queryable } from '../db/db.js';

/** Two imports at once would check against each other's half-written catalogue: they take turns. */
const CATALOGUE_IMPORT_LOCK = 731_245_022;

export type CatalogueImportResult =
  /** `updated`: SKUs on file that the file changed; `unchanged`: SKUs on file that it names exactly as they are. */
  | { ok: true; rows: number; inserted: number; updated: number; unchanged: number; dryRun: boolean }
  | { ok: false; records: number; errorCount: number; errors: RowError[] };

async function check(tx: Queryable, csv: string): Promise<{ rows: CatalogueRow[]; records: number; errorCount: number; errors: RowError[]; skuOnFile: Map<string, string> }> {
  const onFile = await tx.query<{ sku: string; barcode: string | null }>('SELECT sku, barcode FROM products');
  const skuOnFile = new Map(onFile.rows.map((r) => [r.sku.toUpperCase(), r.sku]));
  const barcodeOwner = new Map(onFile.rows.filter((r) => r.barcode !== null).map((r) => [r.barcode as string, r.sku]));
  const checker = catalogueCheck((b) => barcodeOwner.get(b));
  checker.add(readCsv(csv));
  const result = checker.finish();
  return { rows: result.rows, records: result.records, errorCount: result.errorCount, errors: result.errors, skuOnFile };
}

/** Checks and (unless `dryRun`) upserts a catalogue CSV. */
export async function importCatalogue(db: Db, csv: string, dryRun: boolean): Promise<CatalogueImportResult> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CATALOGUE_IMPORT_LOCK]);
    const checked = await check(tx, csv);
    if (checked.errorCount > 0) return { ok: false, records: checked.records, errorCount: checked.errorCount, errors: checked.errors };
    const rows = checked.rows;
    // The SKUs on file were read under the lock, so new rows are plain inserts and the others plain
    // updates (cheaper than ON CONFLICT's speculative insert per row); unchanged rows are not rewritten.
    const fresh = rows.filter((r) => !checked.skuOnFile.has(r.sku.toUpperCase()));
    const known = rows.filter((r) => checked.skuOnFile.has(r.sku.toUpperCase()));
    const columns = (list: readonly CatalogueRow[], sku: (r: CatalogueRow) => string): unknown[] => [
      list.map(sku), list.map((r) => r.name), list.map((r) => r.remedy), list.map((r) => r.potency), list.map((r) => r.form), list.map((r) => r.packSize),
      list.map((r) => r.brand), list.map((r) => r.hsn), list.map((r) => r.taxCategory), list.map((r) => r.mrpPaise), list.map((r) => r.barcode),
    ];
    // A SKU on file keeps its spelling (SK000001 and sk000001 are one product). Rows that would change
    // nothing are not rewritten (so the feed does not carry them again) and are counted as unchanged.
    const changed = known.length === 0 ? 0 : await updateKnown(tx, columns(known, (r) => checked.skuOnFile.get(r.sku.toUpperCase()) ?? r.sku), dryRun);
    const counts = { rows: rows.length, inserted: fresh.length, updated: changed, unchanged: known.length - changed, dryRun };
    if (dryRun) return { ok: true, ...counts };
    if (fresh.length > 0) {
      await tx.query(
        `INSERT INTO products (id, sku, name, remedy, potency, form, pack_size, brand, hsn, tax_category, mrp_paise, barcode, active)
         SELECT u.*, true FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::bigint[], $12::text[]) AS u`,
        [newIds(fresh.length), ...columns(fresh, (r) => r.sku)],
      );
    }
    return { ok: true, ...counts };
  });
}

const KNOWN_ROWS = `unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[], $11::text[])
                AS u(sku, name, remedy, potency, form, pack_size, brand, hsn, tax_category, mrp_paise, barcode)`;
const DIFFERS = `p.sku = u.sku
            AND (p.name, p.remedy, p.potency, p.form, p.pack_size, p.brand, p.hsn, p.tax_category, p.mrp_paise, p.barcode, p.active)
                IS DISTINCT FROM (u.name, u.remedy, u.potency, u.form, u.pack_size, u.brand, u.hsn, u.tax_category, u.mrp_paise, u.barcode, true)`;

/** Updates the SKUs on file whose row differs from the file's (or, on a dry run, counts them); answers how many. */
async function updateKnown(tx: Queryable, params: unknown[], dryRun: boolean): Promise<number> {
  if (dryRun) {
    const r = await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM products p, ${KNOWN_ROWS} WHERE ${DIFFERS}`, params);
    return Number(r.rows[0]?.n ?? 0);
  }
  const r = await tx.query(
    `UPDATE products p SET name = u.name, remedy = u.remedy, potency = u.potency, form = u.form, pack_size = u.pack_size, brand = u.brand,
            hsn = u.hsn, tax_category = u.tax_category, mrp_paise = u.mrp_paise, barcode = u.barcode, active = true
       FROM ${KNOWN_ROWS}
      WHERE ${DIFFERS}`,
    params,
  );
  return r.rowCount;
}
