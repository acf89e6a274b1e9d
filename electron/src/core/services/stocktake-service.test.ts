import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StocktakeSheet } from '../../../../shared/src/api/stocktake-api.js';
import type { StockCountedPayload } from '../../../../shared/src/stocktake.js';
import { openStore, type Db } from '../store/open-store.js';
import { Clock, client, copyOf, makeTemplate, removeTestDirs, type TestClient } from '../testing/demo-store.js';

let template = '';
beforeAll(async () => {
  template = await makeTemplate(60);
});
afterAll(removeTestDirs);

interface Target { productId: string; batchId: string; brand: string; form: string; qty: number; barcode: string }

/** A product whose first-expiring live batch has a few packs: the batch a sale and a scan both take. */
function target(db: Db): Target {
  return db.prepare(`
    SELECT p.id AS productId, s.batch_id AS batchId, p.brand, p.form, s.qty, p.barcode
      FROM batch_stock s JOIN batches b ON b.id = s.batch_id JOIN products p ON p.id = s.product_id
     WHERE s.qty >= 3 AND b.expiry >= '2027-06-01' AND p.barcode IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM batches o JOIN batch_stock os ON os.batch_id = o.id WHERE o.product_id = p.id AND os.qty > 0 AND o.expiry >= '2026-11-24' AND o.expiry < b.expiry)
     ORDER BY p.sku LIMIT 1`).get() as Target;
}

function setUp(clock = new Clock()): { c: TestClient; db: Db; t: Target; clock: Clock } {
  const file = copyOf(template);
  const db = openStore(file);
  const c = client(file, { now: clock.now });
  return { c, db, t: target(db), clock };
}

const level = (db: Db, batchId: string): number => (db.prepare(`SELECT qty FROM batch_stock WHERE batch_id = ?`).get(batchId) as { qty: number }).qty;
const ledgerMismatches = (db: Db): number =>
  (db.prepare(`SELECT COUNT(*) AS n FROM batch_stock s WHERE s.qty <> (SELECT COALESCE(SUM(qty), 0) FROM stock_movements m WHERE m.batch_id = s.batch_id)`).get() as { n: number }).n;

async function sell(c: TestClient, productId: string, batchId: string, qty: number): Promise<void> {
  const lines = [{ lineId: 'l1', productId, qty, discountPaise: 0, batchOverrideId: batchId }];
  const quote = await c.value<{ totals: { totalPaise: number } }>('sale.quote', { lines });
  await c.value('sale.complete', { clientRequestId: `sale-${productId}-${qty}`, lines, payments: [{ method: 'cash', amountPaise: quote.totals.totalPaise }] });
}

describe('a count is a snapshot: movements after it still apply on top', () => {
  it('start a count, sell 2 after the snapshot, post a count of 10: shown stock is 8', async () => {
    const { c, db, t, clock } = setUp();
    await c.loginAs('Meera Iyer');
    const sheet = await c.value<StocktakeSheet>('stocktake.start', { brand: t.brand, form: t.form });
    expect(sheet.items.find((l) => l.batchId === t.batchId)).toMatchObject({ expectedQty: t.qty, countedQty: null });
    clock.advance(60_000);
    await sell(c, t.productId, t.batchId, 2);
    expect(level(db, t.batchId)).toBe(t.qty - 2);
    await c.value('stocktake.count', { stocktakeId: sheet.stocktakeId, batchId: t.batchId, countedQty: 10 });
    const posted = await c.value<StocktakeSheet>('stocktake.post', { stocktakeId: sheet.stocktakeId });
    expect(posted.status).toBe('posted');
    expect(level(db, t.batchId)).toBe(8);
    const shown = await c.value<{ batchId: string; qty: number }[]>('catalog.batches', { productId: t.productId });
    expect(shown.find((b) => b.batchId === t.batchId)?.qty).toBe(8);
    expect(db.prepare(`SELECT kind, qty, ref_id FROM stock_movements WHERE ref_id = ?`).all(sheet.stocktakeId)).toEqual([{ kind: 'stocktake', qty: 10 - t.qty, ref_id: sheet.stocktakeId }]);
    expect(ledgerMismatches(db)).toBe(0);
    db.close();
    c.core.close();
  });

  it('posts every counted line in one transaction with one stock.counted mutation, leaving uncounted batches alone', async () => {
    const { c, db, t } = setUp();
    await c.loginAs('Meera Iyer');
    const sheet = await c.value<StocktakeSheet>('stocktake.start', { brand: t.brand, form: t.form });
    const others = sheet.items.filter((l) => l.batchId !== t.batchId);
    expect(others.length).toBeGreaterThan(1);
    const [excess, same, untouched] = others as [StocktakeSheet['items'][number], StocktakeSheet['items'][number], StocktakeSheet['items'][number]];
    await c.value('stocktake.count', { stocktakeId: sheet.stocktakeId, batchId: t.batchId, countedQty: t.qty - 1 });
    await c.value('stocktake.count', { stocktakeId: sheet.stocktakeId, batchId: excess.batchId, countedQty: excess.expectedQty + 4 });
    const line = await c.value<StocktakeSheet['items'][number]>('stocktake.count', { stocktakeId: sheet.stocktakeId, batchId: same.batchId, countedQty: same.expectedQty });
    expect(line).toEqual({ ...same, countedQty: same.expectedQty });
    const counted = await c.value<StocktakeSheet>('stocktake.get', { stocktakeId: sheet.stocktakeId });
    expect(counted.report.totals).toMatchObject({ counted: 3, shortages: 1, excesses: 1, units: 3, shortageUnits: 1, excessUnits: 4 });
    const queueBefore = (db.prepare(`SELECT COUNT(*) AS n FROM sync_queue`).get() as { n: number }).n;
    const untouchedBefore = level(db, untouched.batchId);
    await c.value('stocktake.post', { stocktakeId: sheet.stocktakeId });
    const queued = db.prepare(`SELECT type, payload FROM sync_queue ORDER BY seq`).all() as { type: string; payload: string }[];
    expect(queued.length).toBe(queueBefore + 1);
    const last = queued.at(-1);
    expect(last?.type).toBe('stock.counted');
    const payload = JSON.parse(last?.payload ?? '{}') as StockCountedPayload;
    expect(payload).toMatchObject({ stocktakeId: sheet.stocktakeId, snapshotAt: sheet.snapshotAt, brand: t.brand, form: t.form });
    expect(payload.lines).toHaveLength(3);
    expect(payload.lines).toContainEqual({ productId: same.productId, batchId: same.batchId, expectedQty: same.expectedQty, countedQty: same.expectedQty });
    expect(level(db, excess.batchId)).toBe(excess.expectedQty + 4);
    expect(level(db, untouched.batchId)).toBe(untouchedBefore);
    const linked = db.prepare(`SELECT COUNT(*) AS n FROM stock_movements m JOIN sync_queue q ON q.id = m.mutation_id WHERE m.ref_id = ? AND q.type = 'stock.counted'`).get(sheet.stocktakeId);
    expect(linked).toEqual({ n: 2 });
    expect(await c.call('stocktake.count', { stocktakeId: sheet.stocktakeId, batchId: t.batchId, countedQty: 1 })).toMatchObject({ ok: false, error: { code: 'stocktake.closed' } });
    expect(await c.call('stocktake.post', { stocktakeId: sheet.stocktakeId })).toMatchObject({ ok: false, error: { code: 'stocktake.closed' } });
    expect(ledgerMismatches(db)).toBe(0);
    db.close();
    c.core.close();
  });
});

describe('counting and confirming', () => {
  it('counts a scan as one pack on the FEFO batch, and refuses unknown barcodes and products of another brand', async () => {
    const { c, db, t } = setUp();
    await c.loginAs('Ravi Kumar');
    const sheet = await c.value<StocktakeSheet>('stocktake.start', { brand: t.brand, form: t.form });
    for (let i = 0; i < 3; i += 1) {
      const scanned = await c.value<{ batchId: string; countedQty: number }>('stocktake.scan', { stocktakeId: sheet.stocktakeId, barcode: t.barcode });
      expect(scanned).toMatchObject({ batchId: t.batchId, countedQty: i + 1 });
    }
    const after = await c.value<StocktakeSheet>('stocktake.get', { stocktakeId: sheet.stocktakeId });
    expect(after.items.find((l) => l.batchId === t.batchId)?.countedQty).toBe(3);
    expect(await c.call('stocktake.scan', { stocktakeId: sheet.stocktakeId, barcode: '0000000000000' })).toMatchObject({ ok: false, error: { code: 'catalog.barcode_unknown' } });
    const stranger = db.prepare(`SELECT barcode FROM products WHERE (brand <> ? OR form <> ?) AND barcode IS NOT NULL LIMIT 1`).get(t.brand, t.form) as { barcode: string };
    expect(await c.call('stocktake.scan', { stocktakeId: sheet.stocktakeId, barcode: stranger.barcode })).toMatchObject({ ok: false, error: { code: 'stocktake.not_on_sheet' } });
    db.close();
    c.core.close();
  });

  it('lets a pharmacist count but asks a manager to confirm with a PIN; a cashier may not count at all', async () => {
    const { c, db, t } = setUp();
    const staff = await c.value<{ id: string; name: string }[]>('auth.staffList');
    const meera = staff.find((s) => s.name === 'Meera Iyer')?.id;
    const ravi = staff.find((s) => s.name === 'Ravi Kumar')?.id;
    await c.loginAs('Asha Nair');
    expect(await c.call('stocktake.start', { brand: t.brand, form: t.form })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await c.call('stocktake.list')).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    await c.loginAs('Ravi Kumar');
    const sheet = await c.value<StocktakeSheet>('stocktake.start', { brand: t.brand, form: t.form });
    const id = sheet.stocktakeId;
    expect(await c.call('stocktake.post', { stocktakeId: id })).toMatchObject({ ok: false, error: { code: 'stocktake.nothing_counted' } });
    await c.value('stocktake.count', { stocktakeId: id, batchId: t.batchId, countedQty: 0 });
    expect(await c.call('stocktake.post', { stocktakeId: id })).toMatchObject({ ok: false, error: { code: 'auth.manager_pin_required' } });
    expect(await c.call('stocktake.post', { stocktakeId: id, managerStaffId: ravi, managerPin: '2222' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await c.call('stocktake.post', { stocktakeId: id, managerStaffId: meera, managerPin: '0000' })).toMatchObject({ ok: false, error: { code: 'auth.pin_invalid' } });
    expect(level(db, t.batchId)).toBe(t.qty);
    const posted = await c.value<StocktakeSheet>('stocktake.post', { stocktakeId: id, managerStaffId: meera, managerPin: '9999' });
    expect(posted).toMatchObject({ status: 'posted', postedBy: 'Ravi Kumar' });
    expect(level(db, t.batchId)).toBe(0);
    const payload = JSON.parse((db.prepare(`SELECT payload FROM sync_queue WHERE type = 'stock.counted'`).get() as { payload: string }).payload) as StockCountedPayload;
    expect(payload.approvedBy).toBe(meera);
    db.close();
    c.core.close();
  });

  it('refuses a bad count, a batch not on the sheet and an unknown sheet, and a cancelled sheet takes no counts', async () => {
    const { c, db, t } = setUp();
    await c.loginAs('Meera Iyer');
    const sheet = await c.value<StocktakeSheet>('stocktake.start', { brand: t.brand, form: t.form });
    const id = sheet.stocktakeId;
    expect(await c.call('stocktake.count', { stocktakeId: id, batchId: t.batchId, countedQty: -1 })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await c.call('stocktake.count', { stocktakeId: id, batchId: 'not-a-batch', countedQty: 1 })).toMatchObject({ ok: false, error: { code: 'stocktake.not_on_sheet' } });
    expect(await c.call('stocktake.get', { stocktakeId: 'nope' })).toMatchObject({ ok: false, error: { code: 'stocktake.unknown' } });
    expect(await c.call('stocktake.start', { brand: 'No Such Brand' })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    const cleared = await c.value<{ countedQty: number | null }>('stocktake.count', { stocktakeId: id, batchId: t.batchId, countedQty: null });
    expect(cleared.countedQty).toBeNull();
    await c.value('stocktake.cancel', { stocktakeId: id });
    expect(await c.call('stocktake.count', { stocktakeId: id, batchId: t.batchId, countedQty: 1 })).toMatchObject({ ok: false, error: { code: 'stocktake.closed' } });
    const list = await c.value<{ stocktakeId: string; status: string }[]>('stocktake.list');
    expect(list.find((s) => s.stocktakeId === id)?.status).toBe('cancelled');
    expect((await c.value<{ brand: string }[]>('stocktake.brands')).some((b) => b.brand === t.brand)).toBe(true);
    db.close();
    c.core.close();
  });
});
