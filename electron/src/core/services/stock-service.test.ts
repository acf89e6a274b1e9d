import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffSummary } from '../../../../shared/src/api-contract.js';
import { paise } from '../../../../shared/src/money.js';
import { createContext } from './context.js';
import { StockService } from './stock-service.js';
import { openStore, type Db } from '../store/open-store.js';
import { Clock, copyOf, makeTemplate, removeTestDirs } from '../testing/demo-store.js';

let template = '';
beforeAll(async () => {
  template = await makeTemplate(50);
});
afterAll(removeTestDirs);

function setUp(): { db: Db; stock: StockService; staff: (role: StaffSummary['role']) => StaffSummary; productId: string } {
  const db = openStore(copyOf(template));
  const ctx = createContext(db, { now: new Clock().now });
  const staffRow = (role: StaffSummary['role']): StaffSummary => {
    const row = db.prepare(`SELECT id, name, role FROM staff WHERE role = ? LIMIT 1`).get(role) as { id: string; name: string; role: StaffSummary['role'] } | undefined;
    if (row === undefined) throw new Error(`no ${role} in the demo store`);
    return { ...row, maxLineDiscountBp: 0 };
  };
  const product = db.prepare(`SELECT id FROM products ORDER BY sku LIMIT 1`).get() as { id: string };
  return { db, stock: new StockService(ctx), staff: staffRow, productId: product.id };
}

/** Every batch's level equals the sum of its movements. */
function ledgerMismatches(db: Db): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM batch_stock s WHERE s.qty <> (SELECT COALESCE(SUM(qty), 0) FROM stock_movements m WHERE m.batch_id = s.batch_id)`).get() as { n: number }).n;
}

const line = (productId: string, over: Partial<{ batchNo: string; expiry: string; qty: number; freeQty: number }> = {}) => ({
  productId,
  batchNo: over.batchNo ?? 'GR-001',
  expiry: over.expiry ?? '2029-06-30',
  qty: over.qty ?? 10,
  freeQty: over.freeQty ?? 2,
  costPaise: paise(4_000),
  mrpPaise: paise(9_500),
});

describe('goods receipt', () => {
  it('creates the batch, moves paid + free packs in and queues one stock.received mutation', () => {
    const { db, stock, staff, productId } = setUp();
    const result = stock.receive(staff('pharmacist'), { supplier: 'SBL Pvt Ltd', supplierInvoiceNo: 'INV-77', supplierInvoiceDate: '2026-11-20', lines: [line(productId)] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [batchId] = result.value.batchIds;
    expect(db.prepare(`SELECT qty FROM batch_stock WHERE batch_id = ?`).get(batchId)).toEqual({ qty: 12 });
    const queued = db.prepare(`SELECT type, payload FROM sync_queue WHERE type = 'stock.received'`).all() as { type: string; payload: string }[];
    expect(queued).toHaveLength(1);
    expect(JSON.parse(queued[0]?.payload ?? '{}')).toMatchObject({ receiptId: result.value.receiptId, supplier: 'SBL Pvt Ltd', lines: [{ batchId, batchNo: 'GR-001', qty: 10, freeQty: 2 }] });
    expect(ledgerMismatches(db)).toBe(0);
    db.close();
  });

  it('adds a second receipt of the same lot to the batch on file, and refuses a different expiry for it', () => {
    const { db, stock, staff, productId } = setUp();
    const first = stock.receive(staff('manager'), { supplier: 'SBL', supplierInvoiceNo: 'A1', supplierInvoiceDate: '2026-11-20', lines: [line(productId, { qty: 5, freeQty: 0 })] });
    const second = stock.receive(staff('manager'), { supplier: 'SBL', supplierInvoiceNo: 'A2', supplierInvoiceDate: '2026-11-21', lines: [line(productId, { qty: 3, freeQty: 0 })] });
    expect(first.ok && second.ok && first.value.batchIds[0] === second.value.batchIds[0]).toBe(true);
    expect(db.prepare(`SELECT qty FROM batch_stock WHERE batch_id = ?`).get(first.ok ? first.value.batchIds[0] : '')).toEqual({ qty: 8 });
    const before = db.prepare(`SELECT COUNT(*) AS n FROM sync_queue`).get();
    const wrongExpiry = stock.receive(staff('manager'), { supplier: 'SBL', supplierInvoiceNo: 'A3', supplierInvoiceDate: '2026-11-21', lines: [line(productId, { expiry: '2030-01-31' })] });
    expect(wrongExpiry).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(wrongExpiry.ok ? '' : wrongExpiry.error.message).toContain('on file with expiry 2029-06-30');
    expect(db.prepare(`SELECT COUNT(*) AS n FROM sync_queue`).get()).toEqual(before);
    db.close();
  });

  it('refuses a cashier, an empty receipt, zero packs and an unknown product, changing nothing', () => {
    const { db, stock, staff, productId } = setUp();
    const count = () => db.prepare(`SELECT (SELECT COUNT(*) FROM stock_movements) + (SELECT COUNT(*) FROM sync_queue) AS n`).get();
    const before = count();
    const base = { supplier: 'SBL', supplierInvoiceNo: 'X', supplierInvoiceDate: '2026-11-20' };
    expect(stock.receive(staff('cashier'), { ...base, lines: [line(productId)] })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(stock.receive(staff('manager'), { ...base, lines: [] })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(stock.receive(staff('manager'), { ...base, lines: [line(productId, { qty: 0, freeQty: 0 })] })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(stock.receive(staff('manager'), { ...base, supplierInvoiceDate: '20-11-2026', lines: [line(productId)] })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(stock.receive(staff('manager'), { ...base, lines: [line('no-such-product')] })).toMatchObject({ ok: false, error: { code: 'catalog.product_unknown' } });
    expect(count()).toEqual(before);
    db.close();
  });
});

describe('stock adjustment', () => {
  it('moves each batch by its delta with the reason, queued as one stock.adjusted mutation', () => {
    const { db, stock, staff } = setUp();
    const batch = db.prepare(`SELECT batch_id, product_id, qty FROM batch_stock WHERE qty > 5 ORDER BY batch_id LIMIT 1`).get() as { batch_id: string; product_id: string; qty: number };
    const manager = staff('manager');
    const result = stock.adjust(manager, { reason: 'damage', note: ' bottle broke ', lines: [{ batchId: batch.batch_id, qtyDelta: -2 }] });
    expect(result.ok).toBe(true);
    expect(db.prepare(`SELECT qty FROM batch_stock WHERE batch_id = ?`).get(batch.batch_id)).toEqual({ qty: batch.qty - 2 });
    const [queued] = db.prepare(`SELECT payload, actor_id FROM sync_queue WHERE type = 'stock.adjusted'`).all() as { payload: string; actor_id: string }[];
    expect(queued?.actor_id).toBe(manager.id);
    expect(JSON.parse(queued?.payload ?? '{}')).toEqual({
      adjustmentId: result.ok ? result.value.adjustmentId : '',
      reason: 'damage',
      note: 'bottle broke',
      approvedBy: manager.id,
      lines: [{ batchId: batch.batch_id, productId: batch.product_id, qtyDelta: -2 }],
    });
    expect(ledgerMismatches(db)).toBe(0);
    db.close();
  });

  it('is a manager’s call (a pharmacist needs a manager as approver, a cashier cannot), needs a non-zero whole change and a known batch', () => {
    const { db, stock, staff } = setUp();
    const batch = db.prepare(`SELECT batch_id FROM batch_stock LIMIT 1`).get() as { batch_id: string };
    expect(stock.adjust(staff('cashier'), { reason: 'sample', note: '', lines: [{ batchId: batch.batch_id, qtyDelta: -1 }] })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(stock.adjust(staff('pharmacist'), { reason: 'sample', note: '', lines: [{ batchId: batch.batch_id, qtyDelta: -1 }] })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(stock.adjust(staff('pharmacist'), { reason: 'sample', note: '', lines: [{ batchId: batch.batch_id, qtyDelta: -1 }] }, { approver: staff('cashier') })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(stock.adjust(staff('manager'), { reason: 'sample', note: '', lines: [{ batchId: batch.batch_id, qtyDelta: -1 }, { batchId: batch.batch_id, qtyDelta: -1 }] })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(stock.adjust(staff('manager'), { reason: 'sample', note: '', lines: [{ batchId: batch.batch_id, qtyDelta: 0 }] })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(stock.adjust(staff('manager'), { reason: 'sample', note: '', lines: [{ batchId: batch.batch_id, qtyDelta: 1.5 }] })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(stock.adjust(staff('manager'), { reason: 'sample', note: '', lines: [{ batchId: 'nope', qtyDelta: 1 }] })).toMatchObject({ ok: false, error: { code: 'stock.batch_unknown' } });
    expect(db.prepare(`SELECT COUNT(*) AS n FROM sync_queue`).get()).toEqual({ n: 0 });
    db.close();
  });

  it('needs a second manager above the threshold in the PIN flow: a manager alone is refused, another manager’s approval is recorded as approvedBy', () => {
    const { db, stock, staff } = setUp();
    const batch = db.prepare(`SELECT b.id, b.cost_paise FROM batches b JOIN batch_stock s ON s.batch_id = b.id WHERE s.qty > 3 ORDER BY b.cost_paise DESC LIMIT 1`).get() as { id: string; cost_paise: number };
    const packs = Math.floor(100_000 / batch.cost_paise) + 1; // just above ₹1,000 at cost
    const manager = staff('manager');
    const input = { reason: 'damage' as const, note: 'flood', lines: [{ batchId: batch.id, qtyDelta: -packs }] };
    expect(stock.adjust(manager, input, { approver: null })).toMatchObject({ ok: false, error: { code: 'auth.manager_pin_required' } });
    expect(stock.adjust(manager, input, { approver: manager })).toMatchObject({ ok: false, error: { code: 'auth.manager_pin_required' } });
    expect(db.prepare(`SELECT COUNT(*) AS n FROM sync_queue`).get()).toEqual({ n: 0 });
    const admin = { id: 'second-manager', name: 'Second Manager', role: 'admin' as const, maxLineDiscountBp: 0 };
    const done = stock.adjust(manager, input, { approver: admin });
    expect(done).toMatchObject({ ok: true, value: { approvedBy: 'second-manager', aboveThreshold: true, valuePaise: packs * batch.cost_paise } });
    const doc = db.prepare(`SELECT staff_id, approved_by, value_paise, above_threshold FROM stock_adjustments`).get();
    expect(doc).toEqual({ staff_id: manager.id, approved_by: 'second-manager', value_paise: packs * batch.cost_paise, above_threshold: 1 });
    const [queued] = db.prepare(`SELECT payload FROM sync_queue WHERE type = 'stock.adjusted'`).all() as { payload: string }[];
    expect(JSON.parse(queued?.payload ?? '{}')).toMatchObject({ approvedBy: 'second-manager' });
    expect(ledgerMismatches(db)).toBe(0);
    db.close();
  });

  it('reads the threshold from the settings table', () => {
    const { db, stock, staff } = setUp();
    const batch = db.prepare(`SELECT batch_id FROM batch_stock WHERE qty > 3 LIMIT 1`).get() as { batch_id: string };
    db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('stock.adjustment_approval', '{"maxValuePaise":0,"maxLineUnits":50}', 'now')`).run();
    expect(stock.adjust(staff('manager'), { reason: 'sample', note: '', lines: [{ batchId: batch.batch_id, qtyDelta: -1 }] }, { approver: null })).toMatchObject({ ok: false, error: { code: 'auth.manager_pin_required' } });
    db.close();
  });

  it('keeps the original stock.adjust contract: a manager alone above the threshold is recorded, marked above the threshold', () => {
    const { db, stock, staff } = setUp();
    const batch = db.prepare(`SELECT batch_id FROM batch_stock WHERE qty > 3 LIMIT 1`).get() as { batch_id: string };
    db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('stock.adjustment_approval', '{"maxValuePaise":0,"maxLineUnits":50}', 'now')`).run();
    const manager = staff('manager');
    expect(stock.adjust(manager, { reason: 'sample', note: '', lines: [{ batchId: batch.batch_id, qtyDelta: -1 }] })).toMatchObject({ ok: true, value: { approvedBy: manager.id, aboveThreshold: true } });
    db.close();
  });
});

describe('goods receipt rules in the core', () => {
  it('refuses an expired lot, an MRP below cost and a repeated lot, naming the line and field, and keeps the receipt document', () => {
    const { db, stock, staff, productId } = setUp();
    const base = { supplier: 'SBL', supplierInvoiceNo: 'R1', supplierInvoiceDate: '2026-11-20' };
    expect(stock.receive(staff('pharmacist'), { ...base, lines: [line(productId, { expiry: '2026-11-23' })] })).toMatchObject({ ok: false, error: { code: 'input.invalid', details: { line: 1, field: 'expiry' } } });
    expect(stock.receive(staff('pharmacist'), { ...base, lines: [{ ...line(productId), mrpPaise: paise(3_999) }] })).toMatchObject({ ok: false, error: { code: 'input.invalid', details: { line: 1, field: 'mrpPaise' } } });
    expect(stock.receive(staff('pharmacist'), { ...base, lines: [line(productId), line(productId, { qty: 1 })] })).toMatchObject({ ok: false, error: { code: 'input.invalid', details: { line: 2, field: 'batchNo' } } });
    const done = stock.receive(staff('pharmacist'), { ...base, lines: [line(productId)] });
    expect(done.ok).toBe(true);
    expect(db.prepare(`SELECT supplier, supplier_invoice_no FROM stock_receipts`).all()).toEqual([{ supplier: 'SBL', supplier_invoice_no: 'R1' }]);
    expect(db.prepare(`SELECT line_no, qty, free_qty, cost_paise FROM stock_receipt_lines`).all()).toEqual([{ line_no: 1, qty: 10, free_qty: 2, cost_paise: 4_000 }]);
    db.close();
  });
});
