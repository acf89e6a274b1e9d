/** The back office's stock work through the app core, on a real demo store (SQLite file). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdjustmentSummary, ReceiptSummary, StockAlerts } from '../../../../../shared/src/api/stock-office-api.js';
import type { ProductHit, StaffSummary } from '../../../../../shared/src/api-contract.js';
import { DEMO_EXPIRED_SKU } from '../../../../../shared/src/demo/demo-data.js';
import { openStore } from '../../store/open-store.js';
import { client, copyOf, makeTemplate, removeTestDirs, TEST_TODAY, type TestClient } from '../../testing/demo-store.js';

let template = '';
const open: TestClient[] = [];
beforeAll(async () => {
  template = await makeTemplate();
});
afterAll(async () => {
  for (const c of open) await c.core.close();
  removeTestDirs();
});

async function counter(name: string): Promise<{ c: TestClient; file: string }> {
  const file = copyOf(template);
  const c = client(file, { sync: false });
  open.push(c);
  await c.loginAs(name);
  return { c, file };
}

function facts(file: string, sql: string, ...params: unknown[]): unknown[] {
  const db = openStore(file);
  try {
    return db.prepare(sql).all(...params);
  } finally {
    db.close();
  }
}

const staffId = async (c: TestClient, name: string): Promise<string> => (await c.value<StaffSummary[]>('auth.staffList')).find((s) => s.name === name)?.id ?? '';

describe('goods receipt through the core', () => {
  it('a pharmacist receives goods; the receipt is listed as waiting to sync, its cost is remembered and the stock is sellable', async () => {
    const { c } = await counter('Ravi Kumar');
    const [hit] = await c.value<ProductHit[]>('catalog.search', { query: 'arnica 30', limit: 1 });
    if (hit === undefined) throw new Error('no arnica');
    const before = await c.value<{ mrpPaise: number; lastCostPaise: number | null }>('stock.receiptDefaults', { productId: hit.productId });
    expect(before).toMatchObject({ mrpPaise: hit.mrpPaise, lastCostPaise: null });
    const lines = [{ productId: hit.productId, batchNo: 'GR-CORE-1', expiry: '2029-03-31', qty: 12, freeQty: 2, costPaise: 6_150, mrpPaise: hit.mrpPaise }];
    const done = await c.value<{ receiptId: string }>('stock.receive', { supplier: 'SBL Pvt Ltd', supplierInvoiceNo: 'SBL/881', supplierInvoiceDate: TEST_TODAY, lines });
    const [listed] = await c.value<ReceiptSummary[]>('stock.receipts', {});
    expect(listed).toMatchObject({ receiptId: done.receiptId, supplier: 'SBL Pvt Ltd', lines: 1, units: 14, freeUnits: 2, costPaise: 12 * 6_150, staffName: 'Ravi Kumar', sync: { state: 'pending' } });
    expect(await c.value('stock.receiptDefaults', { productId: hit.productId })).toMatchObject({ lastCostPaise: 6_150, lastSupplier: 'SBL Pvt Ltd' });
    const [after] = await c.value<ProductHit[]>('catalog.search', { query: 'arnica 30', limit: 1 });
    expect(after?.stockQty).toBe(hit.stockQty + 14);
  });

  it('refuses a cashier the receipt screen’s data, but shows everyone the alerts', async () => {
    const { c } = await counter('Asha Nair');
    expect(await c.call('stock.receipts', {})).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await c.call('stock.adjustments', {})).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await c.call('stock.alerts', {})).toMatchObject({ ok: true });
  });
});

describe('adjustments with a manager’s PIN', () => {
  it('a pharmacist’s adjustment needs the manager’s PIN: none and a wrong one change nothing, the right one records her as approver', async () => {
    const { c, file } = await counter('Ravi Kumar');
    const [hit] = await c.value<ProductHit[]>('catalog.search', { query: 'nux v 200', limit: 1 });
    const [batch] = await c.value<{ batchId: string; qty: number; costPaise: number; expired: boolean }[]>('stock.adjustableBatches', { productId: hit?.productId ?? '' });
    if (batch === undefined) throw new Error('no batch');
    const args = { reason: 'damage', note: 'carton crushed', lines: [{ batchId: batch.batchId, qtyDelta: -2 }] };
    const meera = await staffId(c, 'Meera Iyer');
    expect(await c.call('stock.adjustWithApproval', args)).toMatchObject({ ok: false, error: { code: 'auth.manager_pin_required' } });
    expect(await c.call('stock.adjustWithApproval', { ...args, approverStaffId: meera, approverPin: '1234' })).toMatchObject({ ok: false, error: { code: 'auth.pin_invalid' } });
    expect(await c.call('stock.adjustWithApproval', { ...args, approverStaffId: await staffId(c, 'Asha Nair'), approverPin: '1111' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(facts(file, `SELECT COUNT(*) AS n FROM stock_adjustments`)).toEqual([{ n: 0 }]);
    const done = await c.value<{ adjustmentId: string; approvedBy: string }>('stock.adjustWithApproval', { ...args, approverStaffId: meera, approverPin: '9999' });
    expect(done.approvedBy).toBe(meera);
    const [listed] = await c.value<AdjustmentSummary[]>('stock.adjustments', {});
    expect(listed).toMatchObject({ adjustmentId: done.adjustmentId, reason: 'damage', staffName: 'Ravi Kumar', approverName: 'Meera Iyer', netQty: -2, valuePaise: 2 * batch.costPaise, sync: { state: 'pending' } });
    const [queued] = facts(file, `SELECT actor_id, payload FROM sync_queue WHERE type = 'stock.adjusted'`) as { actor_id: string; payload: string }[];
    expect(queued?.actor_id).toBe(await staffId(c, 'Ravi Kumar'));
    expect(JSON.parse(queued?.payload ?? '{}')).toMatchObject({ approvedBy: meera, reason: 'damage' });
  });

  it('a manager adjusts below the threshold alone; above it her own PIN is not a second approval', async () => {
    const { c } = await counter('Meera Iyer');
    const meera = await staffId(c, 'Meera Iyer');
    const [hit] = await c.value<ProductHit[]>('catalog.search', { query: 'arnica 30', limit: 1 });
    const [batch] = await c.value<{ batchId: string; costPaise: number }[]>('stock.adjustableBatches', { productId: hit?.productId ?? '' });
    if (batch === undefined) throw new Error('no batch');
    expect(await c.call('stock.adjustWithApproval', { reason: 'sample', note: '', lines: [{ batchId: batch.batchId, qtyDelta: -1 }] })).toMatchObject({ ok: true, value: { approvedBy: meera, aboveThreshold: false } });
    const big = { reason: 'correction', note: '', lines: [{ batchId: batch.batchId, qtyDelta: 60 }] };
    expect(await c.call('stock.adjustWithApproval', big)).toMatchObject({ ok: false, error: { code: 'auth.manager_pin_required' } });
    expect(await c.call('stock.adjustWithApproval', { ...big, approverStaffId: meera, approverPin: '9999' })).toMatchObject({ ok: false, error: { code: 'auth.manager_pin_required' } });
    // The thresholds are hers to change: with 100 packs a line allowed, it goes through alone.
    expect(await c.value('stock.setAdjustmentPolicy', { maxValuePaise: 10_000_000, maxLineUnits: 100 })).toEqual({ maxValuePaise: 10_000_000, maxLineUnits: 100 });
    expect(await c.call('stock.adjustWithApproval', big)).toMatchObject({ ok: true, value: { aboveThreshold: false } });
  });
});

describe('stock alerts', () => {
  it('lists expired and near-expiry batches with stock, and products below the level a manager set', async () => {
    const { c, file } = await counter('Meera Iyer');
    const alerts = await c.value<StockAlerts>('stock.alerts', {});
    const [expiredProduct] = facts(file, `SELECT id FROM products WHERE sku = ?`, DEMO_EXPIRED_SKU) as { id: string }[];
    expect(alerts.businessDate).toBe(TEST_TODAY);
    expect(alerts.expired.some((b) => b.productId === expiredProduct?.id && b.daysLeft < 0 && b.qty > 0)).toBe(true);
    expect(alerts.expired.every((b) => b.expiry < TEST_TODAY)).toBe(true);
    expect(alerts.nearExpiry.length).toBeGreaterThan(0);
    expect(alerts.nearExpiry.every((b) => b.expiry >= TEST_TODAY && b.daysLeft <= alerts.nearExpiryDays && b.qty > 0)).toBe(true);

    const [hit] = await c.value<ProductHit[]>('catalog.search', { query: 'arnica 30', limit: 1 });
    const productId = hit?.productId ?? '';
    expect(alerts.belowReorder.find((r) => r.productId === productId)).toBeUndefined();
    const level = await c.value('stock.setReorderLevel', { productId, minQty: (hit?.stockQty ?? 0) + 5 });
    expect(level).toMatchObject({ productId, onHand: hit?.stockQty, minQty: (hit?.stockQty ?? 0) + 5 });
    const again = await c.value<StockAlerts>('stock.alerts', {});
    expect(again.belowReorder.find((r) => r.productId === productId)).toMatchObject({ onHand: hit?.stockQty, shortBy: 5 });
    expect(await c.value('stock.setReorderLevel', { productId, minQty: 0 })).toBeNull();
    expect(await c.value('stock.reorderLevels', {})).toEqual([]);
  });

  it('leaves reorder levels to managers', async () => {
    const { c } = await counter('Ravi Kumar');
    const [hit] = await c.value<ProductHit[]>('catalog.search', { query: 'arnica 30', limit: 1 });
    expect(await c.call('stock.setReorderLevel', { productId: hit?.productId ?? '', minQty: 3 })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });
});
