import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore } from '../store/open-store.js';
import { Clock, client, copyOf, makeTemplate, removeTestDirs, TEST_NOW_MS, TEST_TODAY, type TestClient } from '../testing/demo-store.js';

let template = '';
beforeAll(async () => {
  template = await makeTemplate(300);
});
afterAll(removeTestDirs);

const HOUR = 60 * 60_000;

function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = openStore(file);
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function execute(file: string, sql: string, ...params: unknown[]): void {
  const db = openStore(file);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

/** A classical product with plenty of long-dated stock in the small template. */
function stockedProductId(file: string): string {
  const [row] = query<{ id: string }>(
    file,
    `SELECT p.id FROM products p JOIN batches b ON b.product_id = p.id JOIN batch_stock s ON s.batch_id = b.id
     WHERE p.tax_category = 'classical' AND s.qty >= 5 AND b.expiry > date(?, '+1 year') ORDER BY p.sku LIMIT 1`,
    TEST_TODAY,
  );
  if (row === undefined) throw new Error('no stocked product in the template');
  return row.id;
}

async function sell(c: TestClient, productId: string, requestId: string): Promise<{ saleId: string; invoiceNo: string }> {
  const lines = [{ lineId: 'a', productId, qty: 1, discountPaise: 0 }];
  const total = (await c.value<{ totals: { totalPaise: number } }>('sale.quote', { lines })).totals.totalPaise;
  return c.value('sale.complete', { clientRequestId: requestId, lines, payments: [{ method: 'upi', amountPaise: total, reference: 'UPI-1' }] });
}

describe('sessions', () => {
  it('keep a staff member logged in until logout or twelve idle hours', async () => {
    const clock = new Clock();
    const c = client(copyOf(template), { now: clock.now });
    await c.loginAs('Asha Nair');
    expect(await c.value('auth.session')).toMatchObject({ name: 'Asha Nair', role: 'cashier', maxLineDiscountBp: 1000 });
    clock.advance(11 * HOUR);
    expect((await c.call('auth.session')).ok).toBe(true); // use refreshes the idle timer
    clock.advance(11 * HOUR);
    expect((await c.call('auth.session')).ok).toBe(true);
    clock.advance(12 * HOUR + 1);
    expect(await c.call('auth.session')).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    await c.loginAs('Asha Nair');
    expect(await c.call('auth.logout')).toEqual({ ok: true, value: null });
    expect(await c.call('catalog.search', { query: 'arnica' })).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    // Without a session even malformed arguments get only "log in": nothing about their shape.
    expect(await c.call('sale.complete', { bogus: 1 })).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    c.core.close();
  });

  it('count a burst of parallel wrong PINs one by one, so the burst cannot outrun the lock', async () => {
    const file = copyOf(template);
    const c = client(file);
    const asha = (await c.value<{ id: string; name: string }[]>('auth.staffList')).find((s) => s.name === 'Asha Nair')?.id;
    const results = await Promise.all(Array.from({ length: 7 }, () => c.call('auth.login', { staffId: asha, pin: '4321' })));
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([...Array<string>(4).fill('auth.pin_invalid'), ...Array<string>(3).fill('auth.pin_locked')]);
    // The two guesses after the lock were answered by the lock itself: not checked, not counted.
    expect(results.slice(4).map((r) => (r.ok ? null : r.error.details?.retryAfterSeconds))).toEqual([30, 30, 30]);
    expect(query(file, `SELECT failed_count FROM staff_login_state WHERE staff_id = ?`, asha)).toEqual([{ failed_count: 5 }]);
    c.core.close();
  });

  it('are only for staff of this counter’s branch', async () => {
    const file = copyOf(template);
    const c = client(file);
    const listed = (await c.value<{ name: string }[]>('auth.staffList')).map((s) => s.name);
    expect(listed.sort()).toEqual(['Asha Nair', 'Meera Iyer', 'Ravi Kumar']);
    const [sunil] = query<{ id: string }>(file, `SELECT id FROM staff WHERE name = 'Sunil Patil'`);
    expect(await c.call('auth.login', { staffId: sunil?.id, pin: '3333' })).toMatchObject({ ok: false, error: { code: 'auth.staff_unknown' } });
    c.core.close();
  });
});

describe('customers and the sync queue', () => {
  it('creates a customer once per phone number, queues the fact and shows it in the sync status', async () => {
    const file = copyOf(template);
    const c = client(file);
    expect(await c.value('sync.status')).toEqual({ paired: false, serverUrl: null, lastError: null, nextAttemptAt: null, progress: null, online: false, pendingCount: 0, oldestPendingAt: null, lastSyncAt: null, problems: [] });
    await c.loginAs('Ravi Kumar');
    const lakshmi = await c.value<{ id: string; phone: string }>('customer.create', { phone: '98450 12345', name: '  Lakshmi   Rao ' });
    expect(lakshmi).toMatchObject({ phone: '9845012345', gstin: null, stateCode: null });
    expect(await c.call('customer.create', { phone: '+91 98450-12345', name: 'Someone Else' })).toMatchObject({ ok: false, error: { code: 'customer.duplicate_phone' } });
    expect(await c.value('sync.status')).toMatchObject({ pendingCount: 1, oldestPendingAt: new Date(TEST_NOW_MS).toISOString(), problems: [] });
    const [queued] = query<{ id: string; seq: number; payload: string }>(file, `SELECT id, seq, payload FROM sync_queue WHERE type = 'customer.upserted'`);
    expect(JSON.parse(queued?.payload ?? '{}')).toMatchObject({ customerId: lakshmi.id, phone: '9845012345', name: 'Lakshmi Rao', gstin: null, stateCode: null });
    expect(queued?.seq).toBe(1);

    execute(file, `UPDATE sync_queue SET status = 'rejected', last_error_code = 'customer.conflict', last_error_message = 'Phone belongs to another customer.' WHERE id = ?`, queued?.id);
    expect(await c.value('sync.status')).toMatchObject({
      pendingCount: 0,
      problems: [{ mutationId: queued?.id, type: 'customer.upserted', code: 'customer.conflict', message: 'Phone belongs to another customer.' }],
    });
    c.core.close();
  });

  it('refuses to hold a cart for a customer this device does not know', async () => {
    const file = copyOf(template);
    const c = client(file);
    await c.loginAs('Asha Nair');
    const lines = [{ lineId: 'a', productId: stockedProductId(file), qty: 1, discountPaise: 0 }];
    expect(await c.call('sale.hold', { lines, customerId: 'no-such-customer' })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await c.value('sale.listHeld')).toEqual([]);
    c.core.close();
  });
});

describe('reprints and recent sales', () => {
  it('reprint exactly what was sold, even after the catalogue changes, and list the newest sale first', async () => {
    const file = copyOf(template);
    const c = client(file);
    await c.loginAs('Asha Nair');
    const productId = stockedProductId(file);
    const first = await sell(c, productId, 'p1');
    const printed = await c.value<{ lines: { name: string; unitPricePaise: number }[] }>('sale.get', { saleId: first.saleId });
    execute(file, `UPDATE products SET name = 'Renamed', mrp_paise = mrp_paise + 1000 WHERE id = ?`, productId);
    expect(await c.value('sale.byInvoiceNo', { invoiceNo: first.invoiceNo.toLowerCase() })).toEqual(printed);
    expect(printed.lines[0]?.name).not.toBe('Renamed');
    const second = await sell(c, productId, 'p2');
    const recent = await c.value<{ invoiceNo: string; status: string }[]>('sale.recent', { limit: 5 });
    expect(recent.map((r) => r.invoiceNo)).toEqual([second.invoiceNo, first.invoiceNo]);
    expect(await c.call('sale.get', { saleId: 'unknown' })).toMatchObject({ ok: false, error: { code: 'sale.unknown' } });
    c.core.close();
  });
});

describe('unexpected failures', () => {
  it('answer a generic internal error and keep the detail in the log, not in the answer', async () => {
    const c = client(copyOf(template));
    await c.core.close(); // every statement now throws inside the core
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const result = await c.core.dispatch({ method: 'app.info', args: {} });
      expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(JSON.stringify(result)).not.toMatch(/database|at .*\.ts|Error/);
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });
});
