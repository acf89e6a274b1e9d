import { hashPin } from '../services/pin-hash.js';
import { productSearchText } from '../services/catalog-service.js';
import { writeTx, type Db } from '../store/open-store.js';
import { writeDemoSchemes } from '../services/scheme-store.js';
import { businessDateOf } from '../../../../shared/src/dates.js';
import { generateDemoData, type DemoOptions } from '../../../../shared/src/demo/demo-data.js';

// The demo organisation is data in shared/ (the sync server loads the same rows); re-exported here
// because this module is where the core's contract names them.
export { DEMO_EXPIRED_SKU, DEMO_STAFF } from '../../../../shared/src/demo/demo-data.js';

export interface GenerateDemoOptions extends Omit<DemoOptions, 'today'> {
  /** Business date the expiries are spread around; default: today in India. */
  today?: string;
  onProgress?: (message: string) => void;
}

/**
 * Fills an EMPTY store with the shared demo organisation (shared/src/demo/demo-data.ts) in one
 * transaction; each demo PIN is hashed once. `skuCount` up to 50,000 for benchmarks.
 */
export async function generateDemo(db: Db, options: GenerateDemoOptions = {}): Promise<{ products: number; batches: number }> {
  const progress = options.onProgress ?? (() => undefined);
  if (db.prepare(/* sql */ `SELECT 1 FROM device`).get() !== undefined) throw new Error('This store is already provisioned; demo data goes into an empty store only.');
  const data = generateDemoData({ ...options, today: options.today ?? businessDateOf(Date.now()) });
  progress(`hashing ${data.staff.length} demo PINs (scrypt)…`);
  const pinHashes = await Promise.all(data.staff.map((s) => hashPin(s.pin)));
  progress(`writing ${data.products.length} products with batches and opening stock…`);
  writeTx(db, () => {
    const insertBranch = db.prepare(/* sql */ `INSERT INTO branches (id, code, name, state_code, gstin, address, phone) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    for (const b of data.branches) insertBranch.run(b.id, b.code, b.name, b.stateCode, b.gstin, b.address, b.phone);
    db.prepare(/* sql */ `INSERT INTO device (id, name, branch_id, invoice_prefix, demo) VALUES (?, ?, ?, ?, 1)`).run(data.device.id, data.device.name, data.device.branchId, data.device.invoicePrefix);
    const insertStaff = db.prepare(/* sql */ `INSERT INTO staff (id, branch_id, name, role, pin_hash) VALUES (?, ?, ?, ?, ?)`);
    data.staff.forEach((s, i) => insertStaff.run(s.id, s.branchId, s.name, s.role, pinHashes[i]));
    const insertRate = db.prepare(/* sql */ `INSERT INTO tax_rates (id, hsn_prefix, category, rate_bp, effective_from, effective_to) VALUES (?, ?, ?, ?, ?, ?)`);
    for (const r of data.taxRules) insertRate.run(r.id, r.hsnPrefix, r.category, r.rateBp, r.effectiveFrom, r.effectiveTo);
    const insertProduct = db.prepare(/* sql */ `INSERT INTO products (id, sku, name, remedy, potency, form, pack_size, brand, hsn, tax_category, mrp_paise, barcode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertFts = db.prepare(/* sql */ `INSERT INTO products_fts (rowid, search_text, potency) VALUES (?, ?, ?)`);
    for (const p of data.products) {
      const info = insertProduct.run(p.id, p.sku, p.name, p.remedy, p.potency, p.form, p.packSize, p.brand, p.hsn, p.taxCategory, p.mrpPaise, p.barcode);
      insertFts.run(info.lastInsertRowid, productSearchText({ remedy: p.remedyKey, name: p.name, brand: p.brand, form: p.form, packSize: p.packSize }), p.potency.toLowerCase());
    }
    const insertBatch = db.prepare(/* sql */ `INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise) VALUES (?, ?, ?, ?, ?, ?)`);
    const insertMovement = db.prepare(/* sql */ `INSERT INTO stock_movements (id, batch_id, product_id, kind, qty, ref_id, at, unconfirmed) VALUES (?, ?, ?, 'receipt', ?, 'opening-stock', ?, 0)`);
    const insertLevel = db.prepare(/* sql */ `INSERT INTO batch_stock (batch_id, product_id, qty) VALUES (?, ?, ?)`);
    for (const b of data.batches) {
      insertBatch.run(b.id, b.productId, b.batchNo, b.expiry, b.costPaise, b.mrpPaise);
      insertMovement.run(b.receiptId, b.id, b.productId, b.qty, data.receivedAt);
      insertLevel.run(b.id, b.productId, b.qty);
    }
    writeDemoSchemes(db, data, options.today ?? businessDateOf(Date.now()));
  });
  progress(`demo store ready: ${data.products.length} products, ${data.batches.length} batches.`);
  return { products: data.products.length, batches: data.batches.length };
}
