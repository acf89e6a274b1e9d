/**
 * CSV exports of the Imports tab: the catalogue as this device has it (in the catalogue import's
 * own columns, so an edited export can be imported again) and the branch's stock per batch (in the
 * opening-stock columns, with the product name after them).
 */
import { CATALOGUE_TEMPLATE, OPENING_STOCK_TEMPLATE } from '../../../../shared/src/csv/opening-stock-rows.js';
import { paise } from '../../../../shared/src/money.js';
import { rupeesField, toCsv } from '../../../../shared/src/reports/csv.js';
import { stmt, type Db } from '../store/open-store.js';

export function catalogueCsv(db: Db, today: string): { filename: string; text: string } {
  const rows = stmt(db, /* sql */ `SELECT sku, name, remedy, potency, form, pack_size, brand, hsn, tax_category, mrp_paise, barcode FROM products ORDER BY sku`)
    .all() as { sku: string; name: string; remedy: string; potency: string; form: string; pack_size: string; brand: string; hsn: string; tax_category: string; mrp_paise: number; barcode: string | null }[];
  return {
    filename: `similia-catalogue-${today}.csv`,
    text: toCsv(CATALOGUE_TEMPLATE, rows.map((r) => [r.sku, r.name, r.remedy, r.potency, r.form, r.pack_size, r.brand, r.hsn, r.tax_category, rupeesField(paise(r.mrp_paise)), r.barcode])),
  };
}

/** Every batch with stock at this branch (the level the counter shows), by SKU then expiry. */
export function stockCsv(db: Db, today: string, branchCode: string): { filename: string; text: string } {
  const rows = stmt(
    db,
    /* sql */ `SELECT p.sku, p.barcode, b.batch_no, b.expiry, s.qty, b.cost_paise, b.mrp_paise, p.name
              FROM batch_stock s JOIN batches b ON b.id = s.batch_id JOIN products p ON p.id = s.product_id
             WHERE s.qty <> 0 ORDER BY p.sku, b.expiry, b.batch_no`,
  ).all() as { sku: string; barcode: string | null; batch_no: string; expiry: string; qty: number; cost_paise: number; mrp_paise: number; name: string }[];
  return {
    filename: `similia-stock-${branchCode}-${today}.csv`,
    text: toCsv([...OPENING_STOCK_TEMPLATE, 'name'], rows.map((r) => [r.sku, r.barcode, r.batch_no, r.expiry, r.qty, rupeesField(paise(r.cost_paise)), rupeesField(paise(r.mrp_paise)), r.name])),
  };
}
