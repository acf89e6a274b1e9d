import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../test-support/test-db.js';
import { call, createBranch, createStaff, pairDevice, startTestServer, type TestServer } from '../test-support/test-app.js';

const HEADER = 'sku,name,remedy,potency,form,pack size,brand,hsn,tax category,mrp,barcode';
const row = (sku: string, over: Partial<{ name: string; mrp: string; barcode: string; potency: string }> = {}) =>
  [sku, over.name ?? `Arnica ${sku}`, 'Arnica montana', over.potency ?? '30C', 'dilution', '30 ml', 'SBL', '30049014', 'classical', over.mrp ?? '95.50', over.barcode ?? ''].join(',');
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n');

describe.each(BACKENDS)('POST /v1/admin/catalogue/import on %s', (kind) => {
  let server: TestServer;
  let manager: { id: string; token: string };
  let branchId: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    branchId = await createBranch(server, 'IMP-1');
    manager = await createStaff(server, { username: 'meera', role: 'manager', branchIds: [branchId] });
  });
  afterAll(() => server.close());

  const post = (body: unknown, token = server.adminToken) => call(server.app, 'POST', '/v1/admin/catalogue/import', body, token);
  const product = async (sku: string) =>
    (await server.db.query<{ name: string; mrp_paise: string; barcode: string | null; potency: string }>('SELECT name, mrp_paise::text, barcode, potency FROM products WHERE sku = $1', [sku])).rows[0];
  const productCount = async () => Number((await server.db.query<{ n: string }>('SELECT count(*)::text AS n FROM products')).rows[0]?.n);

  it('refuses a manager with 403 and changes nothing', async () => {
    const res = await post({ csv: csv(row('MGR-1')) }, manager.token);
    expect(res.statusCode).toBe(403);
    expect(await product('MGR-1')).toBeUndefined();
  });

  it('adds new SKUs with exact paise and normalised potency', async () => {
    const res = await post({ csv: csv(row('CAT-1', { mrp: '120.05', barcode: '8901234500011' }), row('CAT-2', { potency: '200' })) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ rows: 2, inserted: 2, updated: 0, unchanged: 0, dryRun: false });
    expect(await product('CAT-1')).toEqual({ name: 'Arnica CAT-1', mrp_paise: '12005', barcode: '8901234500011', potency: '30C' });
    expect((await product('CAT-2'))?.potency).toBe('200C');
  });

  it('updates a SKU on file (matched without regard to case) instead of adding a second product', async () => {
    const before = await productCount();
    const res = await post({ csv: csv(row('cat-1', { name: 'Arnica 30 renamed', mrp: '130', barcode: '8901234500011' })) });
    expect(res.json()).toEqual({ rows: 1, inserted: 0, updated: 1, unchanged: 0, dryRun: false });
    expect(await productCount()).toBe(before);
    expect(await product('CAT-1')).toMatchObject({ name: 'Arnica 30 renamed', mrp_paise: '13000' });
    const again = await post({ csv: csv(row('cat-1', { name: 'Arnica 30 renamed', mrp: '130', barcode: '8901234500011' })) });
    expect(again.json()).toEqual({ rows: 1, inserted: 0, updated: 0, unchanged: 1, dryRun: false });
  });

  it('answers 400 with every row error (row, column, reason) and imports none of the good rows', async () => {
    const before = await productCount();
    const res = await post({ csv: csv(row('BAD-1'), row('BAD-2', { mrp: '12.345' }), row('BAD-3', { barcode: '8901234500011' }), row('BAD-1')) });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string }; errorCount: number; errors: { row: number; column: string }[] };
    expect(body.error.code).toBe('import.has_errors');
    expect(body.errorCount).toBe(3);
    expect(body.errors.map((e) => [e.row, e.column])).toEqual([[3, 'mrp'], [4, 'barcode'], [5, 'sku']]);
    expect(await productCount()).toBe(before);
    expect(await product('BAD-1')).toBeUndefined();
  });

  it('counts without writing on a dry run', async () => {
    const res = await post({ csv: csv(row('DRY-1'), row('CAT-2')), dryRun: true });
    expect(res.json()).toEqual({ rows: 2, inserted: 1, updated: 1, unchanged: 0, dryRun: true });
    expect(await product('DRY-1')).toBeUndefined();
  });

  it('puts imported products on the change feed for every device', { timeout: 30_000 }, async () => {
    const device = await pairDevice(server, branchId);
    await post({ csv: csv(row('FEED-1', { name: 'Fed through the feed' })) });
    let cursor: string | null = null;
    const seen: { table: string; row: { sku?: string; name?: string } }[] = [];
    const fed = () => seen.some((c) => c.table === 'products' && c.row.sku === 'FEED-1');
    // On a shared Postgres the feed waits for older transactions of other sessions: poll a while.
    for (let page = 0; page < 200 && !fed(); page += 1) {
      const res = await call(server.app, 'GET', `/v1/sync/pull?limit=1000&wait=1${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`, undefined, device.accessToken);
      const body = res.json() as { changes: { table: string; row: { sku?: string; name?: string } }[]; cursor: string; hasMore: boolean };
      seen.push(...body.changes);
      cursor = body.cursor;
    }
    expect(seen.find((c) => c.table === 'products' && c.row.sku === 'FEED-1')?.row.name).toBe('Fed through the feed');
  });
});
