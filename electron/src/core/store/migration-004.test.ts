import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTestDirs, testDir } from '../testing/demo-store.js';
import { loadMigrations, migrate } from './migrator.js';

afterAll(removeTestDirs);

/** A store as the app left it before migration 004: a sale and a void still queued, one sale already pushed. */
function storeAt003(): Database.Database {
  const db = new Database(join(testDir(), 'old.db'));
  db.pragma('foreign_keys = ON');
  migrate(db, loadMigrations().filter((m) => m.id <= 3));
  db.exec(`
    INSERT INTO branches (id, code, name, state_code) VALUES ('b1', 'BLR', 'MG Road', '29');
    INSERT INTO device (id, name, branch_id, invoice_prefix) VALUES ('d1', 'Counter 1', 'b1', 'C1');
    INSERT INTO staff (id, branch_id, name, role, pin_hash) VALUES ('s1', 'b1', 'Asha', 'cashier', 'x');
    INSERT INTO products (id, sku, name, remedy, potency, form, pack_size, brand, hsn, tax_category, mrp_paise) VALUES ('p1', 'SKU1', 'Arnica 30C', 'Arnica montana', '30C', 'dilution', '30 ml', 'SBL', '30049014', 'classical', 9500);
    INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise) VALUES ('bt1', 'p1', 'L1', '2030-01-31', 5000, 9500);
    INSERT INTO customers (id, phone, name, hlc, created_at) VALUES ('c1', '9845012345', 'Lakshmi', '000000000000001:0000:d1', '2026-11-01');
    INSERT INTO stock_movements (id, batch_id, product_id, kind, qty, ref_id, at) VALUES ('m0', 'bt1', 'p1', 'receipt', 10, 'opening-stock', '2026-11-01');
    INSERT INTO stock_movements (id, batch_id, product_id, kind, qty, ref_id, at) VALUES ('m1', 'bt1', 'p1', 'sale', -1, 'sale-pushed', '2026-11-02');
    INSERT INTO stock_movements (id, batch_id, product_id, kind, qty, ref_id, at) VALUES ('m2', 'bt1', 'p1', 'sale', -2, 'sale-queued', '2026-11-03');
    INSERT INTO stock_movements (id, batch_id, product_id, kind, qty, ref_id, at) VALUES ('m3', 'bt1', 'p1', 'void', 2, 'sale-queued', '2026-11-03');
    INSERT INTO batch_stock (batch_id, product_id, qty) VALUES ('bt1', 'p1', 9);
    INSERT INTO sales (id, client_request_id, invoice_no, fy_label, seq, business_date, at, device_id, branch_id, staff_id, customer_id, place_of_supply, inter_state,
      gross_paise, discount_paise, taxable_paise, cgst_paise, sgst_paise, igst_paise, exact_total_paise, round_off_paise, total_paise, change_paise)
      VALUES ('sale-queued', 'r1', 'C1/2627/000002', '2627', 2, '2026-11-03', '2026-11-03', 'd1', 'b1', 's1', 'c1', '29', 0, 19000, 0, 18095, 452, 453, 0, 19000, 0, 19000, 0);
    INSERT INTO sale_lines (id, sale_id, line_no, product_id, batch_id, name, potency, form, pack_size, brand, hsn, batch_no, expiry, qty, unit_price_paise, discount_paise, rate_bp, taxable_paise, cgst_paise, sgst_paise, igst_paise, net_paise)
      VALUES ('l1', 'sale-queued', 1, 'p1', 'bt1', 'Arnica 30C', '30C', 'dilution', '30 ml', 'SBL', '30049014', 'L1', '2030-01-31', 2, 9500, 0, 500, 18095, 452, 453, 0, 19000);
    INSERT INTO sync_queue (id, seq, type, at, actor_id, payload) VALUES ('q1', 2, 'sale.completed', '2026-11-03', 's1', '{"saleId":"sale-queued"}');
    INSERT INTO sync_queue (id, seq, type, at, actor_id, payload) VALUES ('q2', 3, 'sale.voided', '2026-11-03', 's1', '{"saleId":"sale-queued"}');
  `);
  return db;
}

describe('migration 004 (sync client)', () => {
  it('links the movements of mutations still queued to them, confirms the rest, and keeps every row and reference', () => {
    const db = storeAt003();
    migrate(db, loadMigrations());
    const movements = db.prepare('SELECT id, mutation_id, unconfirmed FROM stock_movements ORDER BY id').all();
    expect(movements).toEqual([
      { id: 'm0', mutation_id: null, unconfirmed: 0 },
      { id: 'm1', mutation_id: null, unconfirmed: 0 },
      { id: 'm2', mutation_id: 'q1', unconfirmed: 1 },
      { id: 'm3', mutation_id: 'q2', unconfirmed: 1 },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM sales').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM sale_lines WHERE batch_id = ?').get('bt1')).toEqual({ n: 1 });
    db.close();
  });

  it('lets the store hold what the server keeps: one lot under two batch ids, one phone under two customers', () => {
    const db = storeAt003();
    migrate(db, loadMigrations());
    db.prepare(`INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise) VALUES ('bt2', 'p1', 'L1', '2030-01-31', 5000, 9500)`).run();
    db.prepare(`INSERT INTO customers (id, phone, name, hlc, created_at) VALUES ('c2', '9845012345', 'Lakshmi R', '000000000000002:0000:d2', '2026-11-04')`).run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM batches WHERE product_id = ? AND batch_no = ?').get('p1', 'L1')).toEqual({ n: 2 });
    // Still refused: a second sale with the same invoice number.
    expect(() => db.prepare(`UPDATE sales SET invoice_no = invoice_no`).run()).not.toThrow();
    expect(() =>
      db.prepare(`INSERT INTO sales SELECT 'other', 'r2', invoice_no, fy_label, seq + 1, business_date, at, device_id, branch_id, staff_id, customer_id, place_of_supply, inter_state,
        gross_paise, discount_paise, taxable_paise, cgst_paise, sgst_paise, igst_paise, exact_total_paise, round_off_paise, total_paise, change_paise, status, void_reason, voided_at, voided_by FROM sales`).run(),
    ).toThrow(/UNIQUE/);
    db.close();
  });
});
