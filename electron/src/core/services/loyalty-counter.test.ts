import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerDetail, CustomerListItem, CustomerWallet } from '../../../../shared/src/api/customers-api.js';
import { DEMO_ARNICA_30_SKU } from '../../../../shared/src/demo/demo-data.js';
import { ledgerEntryId } from '../../../../shared/src/loyalty.js';
import { loadMigrations, migrate } from '../store/migrator.js';
import { openStore } from '../store/open-store.js';
import { applyChanges, withoutForeignKeys } from '../sync/replica.js';
import { client, copyOf, makeTemplate, removeTestDirs, testDir, type TestClient } from '../testing/demo-store.js';

let template = '';
beforeAll(async () => {
  template = await makeTemplate(600);
});
afterAll(removeTestDirs);

interface Hit { productId: string; sku: string }

async function arnica(c: TestClient): Promise<string> {
  const hits = await c.value<Hit[]>('catalog.search', { query: 'arnica 30', limit: 50 });
  const hit = hits.find((h) => h.sku === DEMO_ARNICA_30_SKU);
  if (hit === undefined) throw new Error('no arnica 30');
  return hit.productId;
}

/** A counter logged in as `who`, with one customer and a cart of `qty` Arnica 30 quoted. */
async function counter(who = 'Asha Nair', qty = 4) {
  const file = copyOf(template);
  const c = client(file);
  await c.loginAs(who);
  const customer = await c.value<{ id: string }>('customer.create', { phone: '9812345678', name: 'Kavya Rao' });
  const lines = [{ lineId: 'l1', productId: await arnica(c), qty, discountPaise: 0 }];
  const total = (await c.value<{ totals: { totalPaise: number } }>('sale.quote', { lines, customerId: customer.id })).totals.totalPaise;
  return { file, c, customer: customer.id, lines, total };
}

const wallet = (c: TestClient, customerId: string) => c.value<CustomerWallet>('customer.wallet', { customerId });

describe('earning and redeeming points at the counter', () => {
  it('earns 1 point per ₹100 paid, in the sale’s transaction, and pushes pointsEarned with the sale', async () => {
    const { file, c, customer, lines, total } = await counter();
    const sale = await c.value<{ saleId: string }>('sale.complete', { clientRequestId: 'e1', lines, customerId: customer, payments: [{ method: 'cash', amountPaise: total }] });
    const earned = Math.floor(total / 10_000);
    expect(earned).toBeGreaterThan(0);
    expect((await wallet(c, customer)).balances).toEqual({ points: earned, storeCreditPaise: 0 });
    const db = openStore(file);
    const entry = db.prepare(`SELECT id, delta, source_type, source_id FROM customer_ledger WHERE customer_id = ?`).all(customer);
    expect(entry).toEqual([{ id: ledgerEntryId('sale', sale.saleId, 'points'), delta: earned, source_type: 'sale', source_id: sale.saleId }]);
    const payload = JSON.parse((db.prepare(`SELECT payload FROM sync_queue WHERE type = 'sale.completed'`).get() as { payload: string }).payload) as Record<string, unknown>;
    expect(payload).toMatchObject({ pointsEarned: earned, customerId: customer });
    db.close();
    await c.core.close();
  });

  it('takes points as a payment within the balance and the rule, earning only on the part paid with money', async () => {
    const { file, c, customer, lines, total } = await counter('Meera Iyer', 20);
    await c.value('loyalty.setRule', { rule: { earnPoints: 1, earnPerPaise: 200, pointValuePaise: 100, minRedeemPoints: 10, maxRedeemPoints: 500 } });
    const first = await c.value<{ saleId: string }>('sale.complete', { clientRequestId: 'p1', lines, customerId: customer, payments: [{ method: 'cash', amountPaise: total }] });
    const earned = Math.floor(total / 200);
    expect((await wallet(c, customer)).balances.points).toBe(earned);
    const pay = (id: string, points: number, extra: object[] = []) =>
      c.call('sale.complete', { clientRequestId: id, lines, customerId: customer, payments: [{ method: 'points', amountPaise: points * 100 }, ...extra] });
    const cash = (points: number) => [{ method: 'cash', amountPaise: total - points * 100 }];
    expect(await pay('x1', earned + 1, cash(earned + 1))).toMatchObject({ ok: false, error: { code: 'loyalty.points_insufficient' } });
    expect(await pay('x2', 5, cash(5))).toMatchObject({ ok: false, error: { code: 'loyalty.points_invalid' } });
    expect(await c.call('sale.complete', { clientRequestId: 'x3', lines, payments: [{ method: 'points', amountPaise: 2000 }, { method: 'cash', amountPaise: total - 2000 }] }))
      .toMatchObject({ ok: false, error: { code: 'loyalty.customer_required' } });
    expect(await c.call('sale.complete', { clientRequestId: 'x4', lines, customerId: customer, payments: [{ method: 'points', amountPaise: 2050 }, { method: 'cash', amountPaise: total - 2050 }] }))
      .toMatchObject({ ok: false, error: { code: 'loyalty.points_invalid' } });
    const redeemed = 50;
    const second = await c.value<{ saleId: string }>('sale.complete', { clientRequestId: 'p2', lines, customerId: customer, payments: [{ method: 'points', amountPaise: redeemed * 100 }, ...cash(redeemed)] });
    const earnedAgain = Math.floor((total - redeemed * 100) / 200);
    expect((await wallet(c, customer)).balances.points).toBe(earned - redeemed + earnedAgain);
    const db = openStore(file);
    expect(db.prepare(`SELECT method, amount_paise FROM sale_payments WHERE sale_id = ? ORDER BY method`).all(second.saleId)).toEqual([
      { method: 'cash', amount_paise: total - redeemed * 100 },
      { method: 'points', amount_paise: redeemed * 100 },
    ]);
    const pushed = db.prepare(`SELECT payload FROM sync_queue WHERE type = 'sale.completed' AND json_extract(payload, '$.saleId') = ?`).get(second.saleId) as { payload: string };
    expect(JSON.parse(pushed.payload)).toMatchObject({ pointsEarned: earnedAgain, payments: [{ method: 'points', amountPaise: redeemed * 100, points: redeemed }, { method: 'cash' }] });
    db.close();
    expect(first.saleId).not.toBe(second.saleId);
    await c.core.close();
  });

  it('spends store credit issued by a return, never beyond the balance, and a void gives it back', async () => {
    const { file, c, customer, lines, total } = await counter('Meera Iyer');
    const db = openStore(file);
    db.prepare(`INSERT INTO customer_ledger (id, customer_id, kind, delta, source_type, source_id, at) VALUES (?, ?, 'store_credit', ?, 'return', ?, ?)`)
      .run(ledgerEntryId('return', 'ret-1', 'store_credit'), customer, 10_000, 'ret-1', '2026-11-20T10:00:00.000Z');
    db.close();
    expect(await c.call('sale.complete', { clientRequestId: 's0', lines, customerId: customer, payments: [{ method: 'store_credit', amountPaise: 10_001 }, { method: 'cash', amountPaise: total - 10_001 }] }))
      .toMatchObject({ ok: false, error: { code: 'loyalty.credit_insufficient' } });
    const sale = await c.value<{ saleId: string; invoiceNo: string }>('sale.complete', {
      clientRequestId: 's1', lines, customerId: customer, payments: [{ method: 'store_credit', amountPaise: 10_000 }, { method: 'cash', amountPaise: total - 10_000 }],
    });
    const earned = Math.floor((total - 10_000) / 10_000);
    expect((await wallet(c, customer)).balances).toEqual({ points: earned, storeCreditPaise: 0 });
    const invoice = await c.value<{ payments: { method: string }[] }>('sale.get', { saleId: sale.saleId });
    expect(invoice.payments.map((p) => p.method)).toEqual(['store_credit', 'cash']);
    const staff = await c.value<{ id: string; name: string }[]>('auth.staffList');
    const meera = staff.find((s) => s.name === 'Meera Iyer')?.id;
    expect((await c.call('sale.void', { saleId: sale.saleId, reason: 'wrong customer', managerStaffId: meera, managerPin: '9999' })).ok).toBe(true);
    expect((await wallet(c, customer)).balances).toEqual({ points: 0, storeCreditPaise: 10_000 });
    await c.core.close();
  });

  it('lets only managers change the rule, and refuses a broken one', async () => {
    const { c } = await counter('Asha Nair', 1);
    const rule = { earnPoints: 2, earnPerPaise: 10_000, pointValuePaise: 50, minRedeemPoints: 0, maxRedeemPoints: 0 };
    expect(await c.call('loyalty.setRule', { rule })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    await c.loginAs('Meera Iyer');
    expect(await c.call('loyalty.setRule', { rule: { ...rule, minRedeemPoints: 9, maxRedeemPoints: 3 } })).toMatchObject({ ok: false, error: { code: 'loyalty.rule_invalid' } });
    expect(await c.value('loyalty.setRule', { rule })).toEqual(rule);
    expect(await c.value('loyalty.rule')).toEqual(rule);
    await c.core.close();
  });
});

describe('pulled ledger entries', () => {
  it('replace the device’s own entry of a sale (same derived id) and add other counters’ entries', async () => {
    const { file, c, customer, lines, total } = await counter();
    const sale = await c.value<{ saleId: string }>('sale.complete', { clientRequestId: 'r1', lines, customerId: customer, payments: [{ method: 'cash', amountPaise: total }] });
    const earned = Math.floor(total / 10_000);
    const db = openStore(file);
    const row = (id: string, delta: number, sourceType: string, sourceId: string) => ({
      table: 'customer_ledger', op: 'upsert' as const, row: { id, customerId: customer, branchId: 'b', kind: 'points', delta, sourceType, sourceId, at: '2026-11-24T05:00:00.000Z' },
    });
    withoutForeignKeys(db, () => applyChanges(db, [row(ledgerEntryId('sale', sale.saleId, 'points'), earned, 'sale', sale.saleId), row('other-counter-entry', 7, 'sale', 'other-sale')], 'now'));
    db.close();
    expect((await wallet(c, customer)).balances.points).toBe(earned + 7);
    await c.core.close();
  });
});

describe('finding customers', () => {
  it('finds by phone prefix, last digits, name prefix and any word of the name, with balances', async () => {
    const { c } = await counter();
    await c.value('customer.create', { phone: '9812300000', name: 'Rahul Sharma' });
    await c.value('customer.create', { phone: '7000012345', name: 'Ramesh Iyer' });
    const names = async (query: string) => (await c.value<CustomerListItem[]>('customer.search', { query })).map((h) => h.name);
    expect(await names('98123')).toEqual(['Rahul Sharma', 'Kavya Rao']);
    expect(await names('12345')).toEqual(['Ramesh Iyer']);
    expect(await names('ra')).toEqual(['Rahul Sharma', 'Ramesh Iyer', 'Kavya Rao']);
    expect(await names('SHAR')).toEqual(['Rahul Sharma']);
    expect(await names('+91 70000 12345')).toEqual(['Ramesh Iyer']);
    expect(await names('zz')).toEqual([]);
    const all = await c.value<CustomerListItem[]>('customer.search', { query: '' });
    expect(all.map((h) => h.name)).toEqual(['Kavya Rao', 'Rahul Sharma', 'Ramesh Iyer']);
    expect(all[0]?.balances).toEqual({ points: 0, storeCreditPaise: 0 });
    await c.core.close();
  });

  it('answers from the indexes within a few milliseconds among 20,000 customers', async () => {
    const { file, c } = await counter();
    const db = openStore(file);
    const insert = db.prepare(`INSERT INTO customers (id, phone, name, gstin, state_code, hlc, created_at) VALUES (?, ?, ?, NULL, NULL, '0', '2026-01-01')`);
    db.transaction(() => {
      for (let i = 0; i < 20_000; i++) insert.run(`c${i}`, String(7_100_000_000 + i * 37), `Customer ${String(i).padStart(5, '0')} Name${i % 97}`);
    })();
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan(`SELECT id FROM customers c WHERE c.name COLLATE NOCASE >= 'cus' AND c.name COLLATE NOCASE < 'cus~'`)).toContain('customers_name');
    expect(plan(`SELECT id FROM customers c WHERE c.phone >= '7100' AND c.phone < '7101'`)).toContain('customers_phone');
    db.close();
    const timings: number[] = [];
    for (const query of ['customer 0123', '71000', 'name42', '0000370']) {
      const started = performance.now();
      const hits = await c.value<CustomerListItem[]>('customer.search', { query, limit: 20 });
      timings.push(performance.now() - started);
      expect(hits.length).toBeGreaterThan(0);
    }
    expect(Math.max(...timings)).toBeLessThan(100);
    await c.core.close();
  });
});

describe('editing a customer and their history', () => {
  it('validates GSTIN and state, takes the state from the GSTIN, and queues each edit with a newer clock', async () => {
    const { file, c, customer } = await counter();
    expect(await c.call('customer.update', { customerId: customer, name: 'Kavya Rao', gstin: '27AAPFU0939F1ZX' })).toMatchObject({ ok: false, error: { code: 'customer.gstin_invalid' } });
    expect(await c.call('customer.update', { customerId: customer, name: 'Kavya Rao', stateCode: '55' })).toMatchObject({ ok: false, error: { code: 'customer.state_invalid' } });
    expect(await c.value('customer.update', { customerId: customer, name: 'Kavya Rao Clinic', gstin: '27aapfu0939f1zv' })).toMatchObject({ gstin: '27AAPFU0939F1ZV', stateCode: '27' });
    expect(await c.value('customer.update', { customerId: customer, name: 'Kavya Rao', gstin: null, stateCode: '7' })).toMatchObject({ gstin: null, stateCode: '07' });
    const db = openStore(file);
    const queued = (db.prepare(`SELECT payload FROM sync_queue WHERE type = 'customer.upserted' ORDER BY seq`).all() as { payload: string }[]).map((r) => JSON.parse(r.payload) as { hlc: string; name: string });
    db.close();
    expect(queued.map((q) => q.name)).toEqual(['Kavya Rao', 'Kavya Rao Clinic', 'Kavya Rao']);
    expect([...queued.map((q) => q.hlc)].sort()).toEqual(queued.map((q) => q.hlc));
    expect(new Set(queued.map((q) => q.hlc)).size).toBe(3);
    await c.core.close();
  });

  it('lists this counter’s invoices and other counters’ pulled ones, newest first, with balances and ledger', async () => {
    const { file, c, customer, lines, total } = await counter();
    const sale = await c.value<{ saleId: string; invoiceNo: string }>('sale.complete', { clientRequestId: 'h1', lines, customerId: customer, payments: [{ method: 'cash', amountPaise: total }] });
    const db = openStore(file);
    withoutForeignKeys(db, () =>
      applyChanges(db, [{ table: 'sales', op: 'upsert', row: { id: 'other-sale', customerId: customer, invoiceNo: 'C2/2627/000009', at: '2026-11-20T06:00:00.000Z', businessDate: '2026-11-20', totalPaise: 12_300, status: 'completed' } }], 'now'),
    );
    db.close();
    const detail = await c.value<CustomerDetail>('customer.detail', { customerId: customer });
    expect(detail.purchases.map((p) => [p.invoiceNo, p.thisCounter])).toEqual([[sale.invoiceNo, true], ['C2/2627/000009', false]]);
    expect(detail.purchases[0]?.totalPaise).toBe(total);
    expect(detail.balances.points).toBe(Math.floor(total / 10_000));
    expect(detail.ledger).toHaveLength(1);
    expect(await c.call('customer.detail', { customerId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'customer.unknown' } });
    await c.core.close();
  });
});

describe('migration 010', () => {
  it('rebuilds sale_payments keeping every row, and then accepts points and store credit but no unknown method', () => {
    const file = `${testDir()}/old.db`;
    const db = new Database(file);
    const all = loadMigrations();
    migrate(db, all.slice(0, 9));
    db.pragma('foreign_keys = OFF');
    db.prepare(`INSERT INTO sale_payments (id, sale_id, method, amount_paise, tendered_paise, reference) VALUES ('p1', 's1', 'cash', 500, 1000, NULL), ('p2', 's1', 'upi', 250, NULL, 'UTR1')`).run();
    expect(() => db.prepare(`INSERT INTO sale_payments (id, sale_id, method, amount_paise) VALUES ('p3', 's1', 'points', 100)`).run()).toThrow(/CHECK/);
    migrate(db, all);
    expect(db.prepare(`SELECT id, method, amount_paise, tendered_paise, reference FROM sale_payments ORDER BY id`).all()).toEqual([
      { id: 'p1', method: 'cash', amount_paise: 500, tendered_paise: 1000, reference: null },
      { id: 'p2', method: 'upi', amount_paise: 250, tendered_paise: null, reference: 'UTR1' },
    ]);
    db.prepare(`INSERT INTO sale_payments (id, sale_id, method, amount_paise) VALUES ('p3', 's1', 'points', 100), ('p4', 's1', 'store_credit', 100)`).run();
    expect(() => db.prepare(`INSERT INTO sale_payments (id, sale_id, method, amount_paise) VALUES ('p5', 's1', 'bitcoin', 100)`).run()).toThrow(/CHECK/);
    expect(db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'sale_payments'`).all()).toContainEqual({ name: 'sale_payments_sale' });
    db.close();
  });
});
