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

  it('is a manager’s call, needs a non-zero whole change and a known batch', () => {
    const { db, stock, staff } = setUp();
    const batch = db.prepare(`SELECT batch_id FROM batch_stock LIMIT 1`).get() as { batch_id: string };
    expect(stock.adjust(staff('pharmacist'), { reason: 'sample', note: '', lines: [{ batchId: batch.batch_id, qtyDelta: -1 }] })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(stock.adjust(staff('manager'), { reason: 'sample', note: '', lines: [{ batchId: batch.batch_id, qtyDelta: 0 }] })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(stock.adjust(staff('manager'), { reason: 'sample', note: '', lines: [{ batchId: batch.batch_id, qtyDelta: 1.5 }] })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(stock.adjust(staff('manager'), { reason: 'sample', note: '', lines: [{ batchId: 'nope', qtyDelta: 1 }] })).toMatchObject({ ok: false, error: { code: 'stock.batch_unknown' } });
    expect(db.prepare(`SELECT COUNT(*) AS n FROM sync_queue`).get()).toEqual({ n: 0 });
    db.close();
  });
});
