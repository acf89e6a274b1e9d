/** Schemes: admin-only REST (create, edit, deactivate), readable by staff, on the org-wide feed; sales naming them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceInvoice } from '../../../shared/src/gst.js';
import { paise } from '../../../shared/src/money.js';
import { newUuid, saleMutation, seedCatalogue, type SeededItem } from '../test-support/catalogue.js';
import { call, createBranch, createStaff, pairDevice, startTestServer, type PairedDevice, type TestServer } from '../test-support/test-app.js';
import { BACKENDS, settleFeed } from '../test-support/test-db.js';

interface SchemeOut { id: string; name: string; kind: string; targetValue: string; percentBp: number | null; branchIds: string[] | null; active: boolean; validTo: string | null; updatedAt: string }

describe.each(BACKENDS)('schemes on %s', (kind) => {
  let server: TestServer;
  let branch: string;
  let device: PairedDevice;
  let cashier: { id: string; token: string };
  let items: SeededItem[];

  beforeAll(async () => {
    server = await startTestServer(kind);
    branch = await createBranch(server, 'SCH-A');
    device = await pairDevice(server, branch);
    cashier = await createStaff(server, { username: 'sch-cashier', role: 'cashier', branchIds: [branch] });
    items = await seedCatalogue(server.db, { count: 2, branchIds: [branch], openingQty: 50, mrpPaise: 10_000 });
  });
  afterAll(() => server.close());

  const send = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, token = server.adminToken) =>
    server.app.inject({ method, url, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }), headers: { authorization: `Bearer ${token}` } });
  const brand20 = { name: 'SBL 20%', kind: 'percent', targetType: 'brand', targetValue: 'SBL', percentBp: 2000, validFrom: '2026-01-01', validTo: '2026-01-31' };

  it('lets an admin create, list, edit and deactivate a scheme', async () => {
    const created = await send('POST', '/v1/schemes', { ...brand20, branchIds: [branch], capBp: 3500 });
    expect(created.statusCode, created.body).toBe(201);
    const s = created.json() as SchemeOut;
    expect(s).toMatchObject({ name: 'SBL 20%', kind: 'percent', percentBp: 2000, branchIds: [branch], active: true, validTo: '2026-01-31' });
    const listed = (await send('GET', '/v1/schemes', undefined, cashier.token)).json() as { schemes: SchemeOut[] };
    expect(listed.schemes.map((x) => x.id)).toContain(s.id);

    const edited = await send('PUT', `/v1/schemes/${s.id}`, { ...brand20, name: 'SBL 15%', percentBp: 1500, validTo: null });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ id: s.id, name: 'SBL 15%', percentBp: 1500, validTo: null, branchIds: null });
    const off = await send('POST', `/v1/schemes/${s.id}/deactivate`);
    expect(off.json()).toMatchObject({ id: s.id, active: false });
    const active = (await send('GET', '/v1/schemes?active=true')).json() as { schemes: SchemeOut[] };
    expect(active.schemes.map((x) => x.id)).not.toContain(s.id);
  });

  it.each([
    ['an unknown field', { ...brand20, extra: 1 }, 'input.invalid'],
    ['a percent above 100 %', { ...brand20, percentBp: 10_001 }, 'input.invalid'],
    ['a date that is not a day', { ...brand20, validFrom: '2026-02-30' }, 'input.invalid'],
    ['a percent scheme without a percent', { ...brand20, percentBp: undefined }, 'scheme.invalid'],
    ['buy N get M on the whole bill', { ...brand20, kind: 'free_qty', targetType: 'bill', targetValue: '', buyQty: 2, freeQty: 1 }, 'scheme.invalid'],
    ['an end before the start', { ...brand20, validTo: '2025-12-31' }, 'scheme.invalid'],
    ['a branch that does not exist', { ...brand20, branchIds: [newUuid()] }, 'input.invalid'],
    ['a product that does not exist', { ...brand20, targetType: 'product', targetValue: newUuid() }, 'input.invalid'],
  ])('refuses %s with a 400 naming the problem', async (_name, body, code) => {
    const res = await send('POST', '/v1/schemes', body);
    expect(res.statusCode, res.body).toBe(400);
    expect((res.json() as { error: { code: string; message: string } }).error).toMatchObject({ code, message: expect.any(String) });
  });

  it('refuses writes by anyone but an admin, and everything without a token', async () => {
    expect((await send('POST', '/v1/schemes', brand20, cashier.token)).statusCode).toBe(403);
    const s = (await send('POST', '/v1/schemes', brand20)).json() as SchemeOut;
    expect((await send('PUT', `/v1/schemes/${s.id}`, brand20, cashier.token)).statusCode).toBe(403);
    expect((await send('POST', `/v1/schemes/${s.id}/deactivate`, undefined, cashier.token)).statusCode).toBe(403);
    expect((await server.app.inject({ method: 'GET', url: '/v1/schemes' })).statusCode).toBe(401);
    expect((await send('PUT', `/v1/schemes/${newUuid()}`, brand20)).statusCode).toBe(404);
  });

  it('puts schemes on the org-wide feed, an edit replacing the row', async () => {
    const s = (await send('POST', '/v1/schemes', { ...brand20, name: 'Feed me', kind: 'free_qty', targetType: 'product', targetValue: items[0]?.productId, buyQty: 2, freeQty: 1, percentBp: null })).json() as SchemeOut;
    await send('POST', `/v1/schemes/${s.id}/deactivate`);
    await settleFeed(server.db);
    const page = (await call(server.app, 'GET', '/v1/sync/pull?limit=5000', undefined, device.accessToken)).json() as { changes: { table: string; op: string; row: Record<string, unknown> }[] };
    const rows = page.changes.filter((c) => c.table === 'schemes' && c.row.id === s.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.row).toEqual({
      id: s.id, name: 'Feed me', kind: 'free_qty', targetType: 'product', targetValue: items[0]?.productId, percentBp: null, amountPaise: null, buyQty: 2, freeQty: 1,
      minBillPaise: 0, validFrom: '2026-01-01', validTo: '2026-01-31', branchIds: null, capBp: null, active: false, updatedAt: expect.stringMatching(/Z$/),
    });
  });

  it('takes a sale whose scheme part is above the cashier’s own limit, and flags a scheme it does not know without refusing the sale', async () => {
    const known = (await send('POST', '/v1/schemes', brand20)).json() as SchemeOut;
    const item = items[1] as SeededItem;
    // 25 % off one line: 5 % manual (within the cashier's 10 %) + 20 % scheme.
    const priced = priceInvoice({ lines: [{ key: '0', hsn: '30049014', rateBp: 500, qty: 1, unitPricePaise: paise(10_000), discountPaise: paise(2500) }], supplierStateCode: '29', buyerStateCode: null }).totals;
    const totals = { totalPaise: priced.totalPaise, taxablePaise: priced.taxablePaise, cgstPaise: priced.cgstPaise, sgstPaise: priced.sgstPaise, igstPaise: priced.igstPaise, roundOffPaise: priced.roundOffPaise };
    const withScheme = (schemeId: string) => {
      const m = saleMutation(cashier.id, [item], { prefix: device.invoicePrefix, totals });
      m.payload.lines = [{ productId: item.productId, batchId: item.batchId, qty: 1, unitPricePaise: 10_000, discountPaise: 2500, schemeId, schemeDiscountPaise: 2000 }];
      m.payload.payments = [{ method: 'cash', amountPaise: priced.totalPaise }];
      return m;
    };
    const good = withScheme(known.id);
    const unknown = withScheme(newUuid());
    const res = await call(server.app, 'POST', '/v1/sync/push', { mutations: [good, unknown] }, device.accessToken);
    expect((res.json() as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const kinds = async (m: typeof good) => (await server.db.query<{ kind: string }>('SELECT kind FROM anomalies WHERE ref_id = $1 ORDER BY kind', [m.payload.saleId])).rows.map((r) => r.kind);
    expect(await kinds(good)).toEqual([]);
    expect(await kinds(unknown)).toEqual(['scheme.unknown']);
    const line = await server.db.query<{ scheme_id: string; scheme_discount_paise: string; discount_paise: string }>(
      'SELECT scheme_id, scheme_discount_paise::text, discount_paise::text FROM sale_lines WHERE sale_id = $1', [good.payload.saleId]);
    expect(line.rows[0]).toEqual({ scheme_id: known.id, scheme_discount_paise: '2000', discount_paise: '2500' });
    // Without the scheme fields the same 25 % is the cashier's own, above her limit.
    const manual = saleMutation(cashier.id, [item], { prefix: device.invoicePrefix, totals });
    manual.payload.lines = [{ productId: item.productId, batchId: item.batchId, qty: 1, unitPricePaise: 10_000, discountPaise: 2500 }];
    manual.payload.payments = [{ method: 'cash', amountPaise: priced.totalPaise }];
    await call(server.app, 'POST', '/v1/sync/push', { mutations: [manual] }, device.accessToken);
    expect(await kinds(manual)).toEqual(['sale.discount_exceeds_limit']);
  });
});
