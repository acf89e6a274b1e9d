import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, settleFeed } from '../test-support/test-db.js';
import { call, createBranch, createStaff, pairDevice, startTestServer, type PairedDevice, type TestServer } from '../test-support/test-app.js';
import { saleMutation, seedCatalogue, type SeededItem } from '../test-support/catalogue.js';

interface Change {
  table: string;
  op: string;
  row: Record<string, unknown>;
}
interface Page {
  changes: Change[];
  cursor: string;
  hasMore: boolean;
}

describe.each(BACKENDS)('GET /v1/sync/pull on %s', (kind) => {
  let server: TestServer;
  let branchA: string;
  let branchB: string;
  let deviceA: PairedDevice;
  let deviceB: PairedDevice;
  let cashierA: string;
  let cashierB: string;
  let bothBranches: string;
  let items: SeededItem[];

  beforeAll(async () => {
    server = await startTestServer(kind, { pullPollIntervalMs: 50 });
    branchA = await createBranch(server, 'PULL-A');
    branchB = await createBranch(server, 'PULL-B');
    deviceA = await pairDevice(server, branchA, 'A1');
    deviceB = await pairDevice(server, branchB, 'B1');
    cashierA = (await createStaff(server, { username: 'pull-a', role: 'cashier', branchIds: [branchA] })).id;
    cashierB = (await createStaff(server, { username: 'pull-b', role: 'cashier', branchIds: [branchB] })).id;
    bothBranches = (await createStaff(server, { username: 'pull-ab', role: 'manager', branchIds: [branchA, branchB] })).id;
    items = await seedCatalogue(server.db, { count: 3, branchIds: [branchA, branchB], openingQty: 10 });
    for (const [device, actor] of [
      [deviceA, cashierA],
      [deviceB, cashierB],
    ] as const) {
      const res = await call(server.app, 'POST', '/v1/sync/push', { mutations: [saleMutation(actor, items, { prefix: device.invoicePrefix })] }, device.accessToken);
      expect((res.json() as { results: { status: string }[] }).results[0]?.status).toBe('applied');
    }
  });
  afterAll(() => server.close());

  const pull = async (device: PairedDevice, query = ''): Promise<Page> => {
    if (!query.includes('wait=')) await settleFeed(server.db);
    const res = await call(server.app, 'GET', `/v1/sync/pull${query}`, undefined, device.accessToken);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Page;
  };
  /** Pulls page after page until hasMore is false; returns every change and the final cursor. */
  const pullAll = async (device: PairedDevice, limit: number, cursor?: string): Promise<{ changes: Change[]; cursor: string; pages: number }> => {
    const changes: Change[] = [];
    let pages = 0;
    for (;;) {
      const page = await pull(device, `?limit=${limit}${cursor === undefined ? '' : `&cursor=${cursor}`}`);
      changes.push(...page.changes);
      cursor = page.cursor;
      pages++;
      if (!page.hasMore) return { changes, cursor, pages };
    }
  };
  const idsOf = (changes: Change[], table: string): string[] => changes.filter((c) => c.table === table).map((c) => String(c.row.id)).sort();

  it('hands a new device the catalogue, tax rates, branches and its own branch’s staff, stock and sales', async () => {
    const { changes } = await pullAll(deviceA, 5000);
    const tables = new Set(changes.map((c) => c.table));
    for (const t of ['branches', 'tax_rates', 'products', 'batches', 'users', 'stock_levels', 'sales', 'sale_lines', 'sale_payments']) expect(tables).toContain(t);
    expect(idsOf(changes, 'products')).toEqual(items.map((i) => i.productId).sort());
    expect(idsOf(changes, 'users')).toEqual([cashierA, bothBranches].sort());
    const user = changes.find((c) => c.table === 'users' && c.row.id === cashierA)?.row;
    expect(Object.keys(user ?? {}).sort()).toEqual(['active', 'branchId', 'id', 'name', 'pinHash', 'role', 'username']);
    expect(user).toMatchObject({ branchId: branchA, role: 'cashier', active: true, pinHash: expect.stringMatching(/^scrypt\$/) });
    const level = changes.find((c) => c.table === 'stock_levels')?.row;
    expect(Object.keys(level ?? {}).sort()).toEqual(['batchId', 'branchId', 'id', 'productId', 'qty']);
    expect(level).toMatchObject({ branchId: branchA, qty: 9 });
    const sale = changes.find((c) => c.table === 'sales')?.row;
    expect(sale).toMatchObject({ branchId: branchA, deviceId: deviceA.deviceId, staffId: cashierA, at: expect.stringMatching(/Z$/) });
    for (const key of ['id', 'invoiceNo', 'totalPaise', 'taxablePaise', 'cgstPaise', 'sgstPaise', 'igstPaise', 'roundOffPaise']) expect(sale).toHaveProperty(key);
    expect(changes.every((c) => c.op === 'upsert')).toBe(true);
  });

  it('never shows a device another branch’s stock, sales or staff, nor any password hash', async () => {
    const { changes } = await pullAll(deviceA, 5000);
    const scoped = changes.filter((c) => ['stock_levels', 'sales', 'sale_lines', 'sale_payments', 'users'].includes(c.table));
    expect(scoped.length).toBeGreaterThan(0);
    expect(scoped.every((c) => c.row.branchId === branchA)).toBe(true);
    expect(idsOf(changes, 'users')).not.toContain(cashierB);
    expect(JSON.stringify(changes)).not.toMatch(/password/i);
    const fromB = await pullAll(deviceB, 5000);
    expect(idsOf(fromB.changes, 'users')).toEqual([cashierB, bothBranches].sort());
    expect(fromB.changes.filter((c) => c.table === 'sales').every((c) => c.row.branchId === branchB)).toBe(true);
  });

  it('pages through the feed with limit, each change exactly once, and then has nothing new', async () => {
    const whole = await pullAll(deviceA, 5000);
    const paged = await pullAll(deviceA, 3);
    expect(paged.pages).toBeGreaterThan(3);
    const key = (c: Change): string => `${c.table}/${String(c.row.id)}`;
    expect(paged.changes.map(key).sort()).toEqual(whole.changes.map(key).sort());
    expect(new Set(paged.changes.map(key)).size).toBe(paged.changes.length);
    const after = await pull(deviceA, `?cursor=${paged.cursor}`);
    expect(after).toEqual({ changes: [], cursor: paged.cursor, hasMore: false });
  });

  it('pages in numeric feed order, so small pages lose nothing once positions pass 9, 99 and 999', async () => {
    // Positions are numbers sent as text: ordering by the text would put 100 before 11 and page past rows.
    const extra = await seedCatalogue(server.db, { count: 40, branchIds: [branchA], openingQty: 5 });
    const whole = await pullAll(deviceA, 5000);
    const paged = await pullAll(deviceA, 7);
    const key = (c: Change): string => `${c.table}/${String(c.row.id)}`;
    expect(paged.changes.map(key).sort()).toEqual(whole.changes.map(key).sort());
    for (const item of extra) expect(paged.changes.some((c) => c.table === 'stock_levels' && c.row.batchId === item.batchId)).toBe(true);
  });

  it('says on a first sync’s first page how many entries follow, so the device can show progress', async () => {
    const whole = await pullAll(deviceA, 5000);
    const first = await pull(deviceA, '?limit=4');
    expect(first.hasMore).toBe(true);
    expect((first as Page & { remaining?: number }).remaining).toBe(whole.changes.length - 4);
    const next = await pull(deviceA, `?limit=4&cursor=${first.cursor}`);
    expect(next.hasMore).toBe(true);
    expect(next).not.toHaveProperty('remaining'); // counted once, on the first page
    const last = await pull(deviceA, '?limit=5000');
    expect(last.hasMore).toBe(false);
    expect(last).not.toHaveProperty('remaining');
  });

  it('marks every change with its feed position (xid:seq), never beyond the cursor it ends at', async () => {
    const page = await pull(deviceA, '?limit=5000');
    const cursorXid = BigInt(Buffer.from(page.cursor, 'base64url').toString('utf8').split(':')[1] ?? '0');
    for (const c of page.changes as (Change & { pos: string })[]) {
      expect(c.pos).toMatch(/^\d+:\d+$/);
      expect(BigInt(c.pos.split(':')[0] ?? '') <= cursorXid).toBe(true);
    }
  });

  it('delivers a row again, with its new values, after it changes', async () => {
    const { cursor } = await pullAll(deviceA, 5000);
    const product = items[0] as SeededItem;
    await server.db.query('UPDATE products SET mrp_paise = 99900 WHERE id = $1', [product.productId]);
    const next = await pull(deviceA, `?cursor=${cursor}`);
    expect(next.changes).toEqual([{ table: 'products', op: 'upsert', row: expect.objectContaining({ id: product.productId, mrpPaise: 99_900 }), pos: expect.stringMatching(/^\d+:\d+$/) }]);
  });

  it('long-polls: a pull with wait answers as soon as a change commits', async () => {
    const { cursor } = await pullAll(deviceA, 5000);
    const started = Date.now();
    const waiting = pull(deviceA, `?cursor=${cursor}&wait=10`);
    setTimeout(() => void server.db.query(`UPDATE branches SET name = 'Renamed A' WHERE id = $1`, [branchA]), 200);
    const page = await waiting;
    expect(page.changes).toEqual([{ table: 'branches', op: 'upsert', row: expect.objectContaining({ id: branchA, name: 'Renamed A' }), pos: expect.stringMatching(/^\d+:\d+$/) }]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('long-polls until the wait runs out when nothing changes', async () => {
    const { cursor } = await pullAll(deviceA, 5000);
    const started = Date.now();
    expect(await pull(deviceA, `?cursor=${cursor}&wait=1`)).toEqual({ changes: [], cursor, hasMore: false });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it.each([
    ['a cursor it did not issue', '?cursor=bm9wZQ', 400, 'sync.cursor_invalid'],
    ['a limit above 5000', '?limit=5001', 400, 'input.invalid'],
    ['a wait above 30 s', '?wait=31', 400, 'input.invalid'],
    ['an unknown parameter', '?since=5', 400, 'input.invalid'],
  ])('refuses %s', async (_name, query, status, code) => {
    const res = await call(server.app, 'GET', `/v1/sync/pull${query}`, undefined, deviceA.accessToken);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ error: { code } });
  });

  it('refuses a pull without a device token', async () => {
    expect((await call(server.app, 'GET', '/v1/sync/pull')).statusCode).toBe(401);
    expect((await call(server.app, 'GET', '/v1/sync/pull', undefined, server.adminToken)).statusCode).toBe(401);
  });
});
