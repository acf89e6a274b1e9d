import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../test-support/test-db.js';

const BRANCH_A = '01900000-0000-7000-8000-00000000000a';
const BRANCH_B = '01900000-0000-7000-8000-00000000000b';
const USER = '01900000-0000-7000-8000-000000000001';
const DEVICE = '01900000-0000-7000-8000-000000000002';
const PRODUCT = '01900000-0000-7000-8000-000000000003';
const BATCH = '01900000-0000-7000-8000-000000000004';
const SALE = '01900000-0000-7000-8000-000000000005';
const LINE = '01900000-0000-7000-8000-000000000006';
const PAYMENT = '01900000-0000-7000-8000-000000000007';
const LEVEL = '01900000-0000-7000-8000-000000000008';
const CUSTOMER = '01900000-0000-7000-8000-000000000009';

interface Entry {
  scope: string;
  op: string;
  row: Record<string, unknown>;
  xid: string;
}

/** The feed entries are the contract devices pull: exact rows, one entry per (table, scope, row). */
describe.each(BACKENDS)('change-feed triggers on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;

  const entries = async (table: string, rowId: string): Promise<Entry[]> =>
    (await db.query<Entry>('SELECT scope, op, row, xid::text AS xid FROM changes WHERE table_name = $1 AND row_id = $2 ORDER BY scope', [table, rowId])).rows;
  const upsert = async (table: string, rowId: string): Promise<Record<string, unknown> | undefined> => {
    const found = await entries(table, rowId);
    expect(found.map((e) => e.op)).toEqual(['upsert']);
    return found[0]?.row;
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = await database.open();
    await migrate(db);
    await db.exec(`
      INSERT INTO branches (id, code, name, state_code, gstin, address, phone) VALUES
        ('${BRANCH_A}', 'A', 'Branch A', '29', NULL, 'MG Road', '080'), ('${BRANCH_B}', 'B', 'Branch B', '27', NULL, '', '');
      INSERT INTO users (id, username, name, role) VALUES ('${USER}', 'feed', 'Feed', 'cashier');
      INSERT INTO devices (id, branch_id, name, invoice_prefix) VALUES ('${DEVICE}', '${BRANCH_A}', 'Counter', 'C1');
      INSERT INTO products (id, sku, name, remedy, potency, form, pack_size, brand, hsn, tax_category, mrp_paise, barcode)
        VALUES ('${PRODUCT}', 'SKU-1', 'Arnica 30C', 'Arnica montana', '30C', 'dilution', '30 ml', 'SBL', '30049014', 'classical', 12000, NULL);
      INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise) VALUES ('${BATCH}', '${PRODUCT}', 'B1', '2030-12-31', 5000, 12000);
      INSERT INTO customers (id, phone, name, gstin, state_code, hlc) VALUES ('${CUSTOMER}', '+919812345670', 'Asha', NULL, NULL, '000000000000001:0000:x');
      INSERT INTO stock_levels (id, branch_id, product_id, batch_id, qty) VALUES ('${LEVEL}', '${BRANCH_A}', '${PRODUCT}', '${BATCH}', 7);
      INSERT INTO sales (id, branch_id, device_id, staff_id, customer_id, invoice_no, business_date, at, place_of_supply, inter_state, gross_paise,
          discount_paise, taxable_paise, cgst_paise, sgst_paise, igst_paise, exact_total_paise, round_off_paise, total_paise, mutation_id)
        VALUES ('${SALE}', '${BRANCH_A}', '${DEVICE}', '${USER}', NULL, 'C1/2526/000001', '2026-01-15', '2026-01-15T10:20:30.456Z', '29', false,
          12000, 0, 11429, 286, 285, 0, 12000, 0, 12000, '${SALE}');
      INSERT INTO sale_lines (id, sale_id, branch_id, line_no, product_id, batch_id, name, potency, form, pack_size, brand, hsn, batch_no, expiry, qty,
          unit_price_paise, discount_paise, rate_bp, taxable_paise, cgst_paise, sgst_paise, igst_paise, net_paise)
        VALUES ('${LINE}', '${SALE}', '${BRANCH_A}', 1, '${PRODUCT}', '${BATCH}', 'Arnica 30C', '30C', 'dilution', '30 ml', 'SBL', '30049014', 'B1',
          '2030-12-31', 1, 12000, 0, 500, 11429, 286, 285, 0, 12000);
      INSERT INTO sale_payments (id, sale_id, branch_id, method, amount_paise) VALUES ('${PAYMENT}', '${SALE}', '${BRANCH_A}', 'upi', 12000);
    `);
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  it('writes every fed table’s row as devices see it: camelCase, only the listed fields', async () => {
    expect(await upsert('branches', BRANCH_A)).toEqual({ id: BRANCH_A, code: 'A', name: 'Branch A', stateCode: '29', gstin: null, address: 'MG Road', phone: '080' });
    expect(await upsert('products', PRODUCT)).toEqual({
      id: PRODUCT, sku: 'SKU-1', name: 'Arnica 30C', remedy: 'Arnica montana', potency: '30C', form: 'dilution', packSize: '30 ml', brand: 'SBL',
      hsn: '30049014', taxCategory: 'classical', mrpPaise: 12000, barcode: null, active: true,
    });
    expect(await upsert('batches', BATCH)).toEqual({ id: BATCH, productId: PRODUCT, batchNo: 'B1', expiry: '2030-12-31', costPaise: 5000, mrpPaise: 12000 });
    expect(await upsert('customers', CUSTOMER)).toEqual({ id: CUSTOMER, phone: '+919812345670', name: 'Asha', gstin: null, stateCode: null, hlc: '000000000000001:0000:x' });
    expect(await upsert('stock_levels', LEVEL)).toEqual({ id: LEVEL, branchId: BRANCH_A, productId: PRODUCT, batchId: BATCH, qty: 7 });
    expect(await upsert('sales', SALE)).toEqual({
      id: SALE, branchId: BRANCH_A, deviceId: DEVICE, staffId: USER, customerId: null, invoiceNo: 'C1/2526/000001', businessDate: '2026-01-15',
      at: '2026-01-15T10:20:30.456Z', placeOfSupply: '29', interState: false, grossPaise: 12000, discountPaise: 0, taxablePaise: 11429,
      cgstPaise: 286, sgstPaise: 285, igstPaise: 0, exactTotalPaise: 12000, roundOffPaise: 0, totalPaise: 12000, status: 'completed',
    });
    expect(await upsert('sale_lines', LINE)).toEqual({
      id: LINE, saleId: SALE, branchId: BRANCH_A, lineNo: 1, productId: PRODUCT, batchId: BATCH, name: 'Arnica 30C', potency: '30C', form: 'dilution',
      packSize: '30 ml', brand: 'SBL', hsn: '30049014', batchNo: 'B1', expiry: '2030-12-31', qty: 1, unitPricePaise: 12000, discountPaise: 0,
      rateBp: 500, taxablePaise: 11429, cgstPaise: 286, sgstPaise: 285, igstPaise: 0, netPaise: 12000,
    });
    expect(await upsert('sale_payments', PAYMENT)).toEqual({ id: PAYMENT, saleId: SALE, branchId: BRANCH_A, method: 'upi', amountPaise: 12000 });
    const rates = await db.query<{ row: Record<string, unknown> }>(`SELECT row FROM changes WHERE table_name = 'tax_rates' AND row_id = 'x-test'`);
    expect(rates.rows).toEqual([]);
    await db.query(`INSERT INTO tax_rates (id, hsn_prefix, category, rate_bp, effective_from, effective_to) VALUES ('x-test', '3004', 'any', 500, '2025-09-22', NULL)`);
    expect(await upsert('tax_rates', 'x-test')).toEqual({ id: 'x-test', hsnPrefix: '3004', category: 'any', rateBp: 500, effectiveFrom: '2025-09-22', effectiveTo: null });
  });

  it('moves an entry to the transaction that last wrote the row, keeping one entry however often it changes', async () => {
    const before = (await entries('stock_levels', LEVEL))[0]?.xid;
    const xid = await db.transaction(async (tx) => {
      await tx.query('UPDATE stock_levels SET qty = qty - 1 WHERE id = $1', [LEVEL]);
      await tx.query('UPDATE stock_levels SET qty = qty - 1 WHERE id = $1', [LEVEL]);
      return (await tx.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x')).rows[0]?.x;
    });
    const after = await entries('stock_levels', LEVEL);
    expect(after).toEqual([{ scope: BRANCH_A, op: 'upsert', row: expect.objectContaining({ qty: 5 }), xid }]);
    expect(BigInt(xid ?? '0')).toBeGreaterThan(BigInt(before ?? '0'));
  });

  it('writes one entry per row of a multi-row statement', async () => {
    await db.query(`UPDATE branches SET phone = 'changed' WHERE id = ANY($1::uuid[])`, [[BRANCH_A, BRANCH_B]]);
    const rows = await db.query<{ row_id: string; phone: string }>(`SELECT row_id, row->>'phone' AS phone FROM changes WHERE table_name = 'branches' ORDER BY row_id`);
    expect(rows.rows).toEqual([
      { row_id: BRANCH_A, phone: 'changed' },
      { row_id: BRANCH_B, phone: 'changed' },
    ]);
  });

  it('turns a row that moves to another branch into a delete there and an upsert in its new scope', async () => {
    await db.query('UPDATE stock_levels SET branch_id = $2 WHERE id = $1', [LEVEL, BRANCH_B]);
    expect((await entries('stock_levels', LEVEL)).map((e) => [e.scope, e.op, e.row])).toEqual(
      [
        [BRANCH_A, 'delete', { id: LEVEL }],
        [BRANCH_B, 'upsert', expect.objectContaining({ branchId: BRANCH_B })],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
  });

  it('turns a deleted row into a delete entry in its scope', async () => {
    await db.query('DELETE FROM stock_levels WHERE id = $1', [LEVEL]);
    expect((await entries('stock_levels', LEVEL)).map((e) => [e.scope, e.op, e.row])).toEqual(
      [
        [BRANCH_A, 'delete', { id: LEVEL }],
        [BRANCH_B, 'delete', { id: LEVEL }],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    await db.query(`DELETE FROM tax_rates WHERE id = 'x-test'`);
    expect((await entries('tax_rates', 'x-test')).map((e) => [e.scope, e.op, e.row])).toEqual([['*', 'delete', { id: 'x-test' }]]);
  });
});
