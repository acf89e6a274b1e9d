/**
 * Every report against a brute-force query over the raw sales, on a generated data set pushed
 * through the real push endpoint (two branches, several days, discounts, B2B customers, split
 * payments, voids), so a rollup bug cannot hide. Plus who may see what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceInvoice } from '../../../shared/src/gst.js';
import { paise } from '../../../shared/src/money.js';
import { seededRandom } from '../../../shared/src/seeded-random.js';
import { call, createBranch, createStaff, pairDevice, startTestServer, type PairedDevice, type TestServer } from '../test-support/test-app.js';
import { newUuid, seedCatalogue, type SeededItem } from '../test-support/catalogue.js';
import { segmentOf } from '../reports/customer-reports.js';

const DAYS = ['2026-10-28', '2026-10-29', '2026-10-30', '2026-11-02', '2026-11-03'];
const B2B_GSTIN = '29ABCDE1234F1Z5';

describe.each(['postgres', 'pglite'] as const)('reports on %s, checked against the raw sales', (kind) => {
  let server: TestServer;
  const branches: { id: string; device: PairedDevice; cashier: string; manager: { id: string; token: string }; items: SeededItem[] }[] = [];
  let otherManager: string;
  let cashierToken: string;
  const all = (): string[] => branches.map((b) => b.id);

  beforeAll(async () => {
    server = await startTestServer(kind);
    const random = seededRandom(20261201);
    const customers: { id: string; gstin: string | null }[] = [];
    for (let i = 0; i < 12; i++) {
      const id = newUuid();
      const gstin = i % 4 === 0 ? B2B_GSTIN : null;
      await server.db.query(`INSERT INTO customers (id, phone, name, gstin, state_code, hlc) VALUES ($1, $2, $3, $4, $5, '0')`, [id, `98450${String(10000 + i)}`, `Customer ${i}`, gstin, gstin === null ? null : '29']);
      customers.push({ id, gstin });
    }
    for (const code of ['RPA', 'RPB']) {
      const id = await createBranch(server, code);
      const cashier = await createStaff(server, { username: `cash-${code}`, role: 'cashier', branchIds: [id] });
      const manager = await createStaff(server, { username: `mgr-${code}`, role: 'manager', branchIds: [id] });
      const items = await seedCatalogue(server.db, { count: 6, branchIds: [id], openingQty: 500 });
      branches.push({ id, device: await pairDevice(server, id), cashier: cashier.id, manager, items });
      cashierToken = cashier.token;
    }
    otherManager = (await createStaff(server, { username: 'mgr-none', role: 'manager', branchIds: [branches[1]?.id as string] })).token;
    // Brands differ per product so top-brands has something to rank.
    await server.db.query(`UPDATE products SET brand = CASE WHEN right(sku, 1) IN ('0', '2', '4') THEN 'SBL' ELSE 'Bakson' END`);
    await server.db.query(`UPDATE sale_lines SET brand = brand`); // none yet
    let seq = 0;
    for (const b of branches) {
      const mutations: Record<string, unknown>[] = [];
      const saleIds: string[] = [];
      for (let n = 0; n < 40; n++) {
        const day = DAYS[Math.floor(random() * DAYS.length)] as string;
        const picked = b.items.filter(() => random() < 0.4);
        const lines = (picked.length > 0 ? picked : [b.items[0] as SeededItem]).map((it) => {
          const qty = 1 + Math.floor(random() * 3);
          return { productId: it.productId, batchId: it.batchId, qty, unitPricePaise: it.mrpPaise, discountPaise: random() < 0.3 ? 100 * qty : 0 };
        });
        const customer = random() < 0.6 ? customers[Math.floor(random() * customers.length)] : undefined;
        const totals = priceInvoice({
          lines: lines.map((l, i) => ({ key: String(i), hsn: '30049014', rateBp: 500, qty: l.qty, unitPricePaise: paise(l.unitPricePaise), discountPaise: paise(l.discountPaise) })),
          supplierStateCode: '29',
          buyerStateCode: customer?.gstin === null || customer === undefined ? null : '29',
        }).totals;
        const split = random() < 0.3 && totals.totalPaise > 200;
        const payments = split
          ? [{ method: 'cash', amountPaise: 200 }, { method: random() < 0.5 ? 'upi' : 'card', amountPaise: totals.totalPaise - 200 }]
          : [{ method: (['cash', 'card', 'upi'] as const)[Math.floor(random() * 3)], amountPaise: totals.totalPaise }];
        const saleId = newUuid();
        saleIds.push(saleId);
        mutations.push({
          id: newUuid(), seq: ++seq, type: 'sale.completed', at: `${day}T06:00:00.000Z`, actorId: b.cashier,
          payload: {
            saleId, invoiceNo: `${b.device.invoicePrefix}/2627/${String(n + 1).padStart(6, '0')}`, businessDate: day, lines, payments,
            ...(customer === undefined ? {} : { customerId: customer.id }),
            totals: { totalPaise: totals.totalPaise, taxablePaise: totals.taxablePaise, cgstPaise: totals.cgstPaise, sgstPaise: totals.sgstPaise, igstPaise: totals.igstPaise, roundOffPaise: totals.roundOffPaise },
          },
        });
      }
      // Three voids per branch: they leave the sales figures and are counted as voids.
      for (const saleId of saleIds.slice(0, 3)) {
        mutations.push({ id: newUuid(), seq: ++seq, type: 'sale.voided', at: `${DAYS[4]}T08:00:00.000Z`, actorId: b.manager.id, payload: { saleId, invoiceNo: 'x', reason: 'test void', approvedBy: b.manager.id } });
      }
      const res = await call(server.app, 'POST', '/v1/sync/push', { mutations }, b.device.accessToken);
      const statuses = (res.json() as { results: { status: string; message?: string }[] }).results;
      expect(statuses.filter((r) => r.status !== 'applied'), JSON.stringify(statuses.find((r) => r.status !== 'applied'))).toEqual([]);
    }
  });
  afterAll(() => server.close());

  const report = async <T>(path: string, token = server.adminToken): Promise<T> => {
    const res = await call(server.app, 'GET', `/v1/reports/${path}`, undefined, token);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };
  const raw = async <T extends object>(sql: string, params: unknown[]): Promise<T[]> => (await server.db.query<T>(sql, params)).rows;
  const n = (v: unknown): number => Number(v);
  const FROM = DAYS[0] as string;
  const TO = DAYS[4] as string;

  it('sales trend by day, week and month equals the raw completed sales, with voids counted apart', async () => {
    for (const [granularity, expr] of [['day', 'business_date'], ['week', `to_char(date_trunc('week', business_date::date), 'YYYY-MM-DD')`], ['month', 'substr(business_date, 1, 7)']] as const) {
      const got = await report<{ rows: { period: string; sales: number; totalPaise: number; taxPaise: number; discountPaise: number; voids: number }[] }>(`sales-trend?from=${FROM}&to=${TO}&granularity=${granularity}`);
      const want = await raw<Record<string, unknown>>(
        `SELECT ${expr} AS period, COUNT(*) FILTER (WHERE status = 'completed') AS sales, COALESCE(SUM(total_paise) FILTER (WHERE status = 'completed'), 0) AS total,
                COALESCE(SUM(cgst_paise + sgst_paise + igst_paise) FILTER (WHERE status = 'completed'), 0) AS tax,
                COALESCE(SUM(discount_paise) FILTER (WHERE status = 'completed'), 0) AS discount, COUNT(*) FILTER (WHERE status = 'voided') AS voids
           FROM sales WHERE branch_id = ANY($1::uuid[]) AND business_date BETWEEN $2 AND $3 GROUP BY 1 ORDER BY 1`,
        [all(), FROM, TO],
      );
      expect(got.rows.map((r) => [r.period, r.sales, r.totalPaise, r.taxPaise, r.discountPaise, r.voids])).toEqual(want.map((w) => [w.period, n(w.sales), n(w.total), n(w.tax), n(w.discount), n(w.voids)]));
    }
  });

  it('top products and brands equal the raw lines of completed sales', async () => {
    const got = await report<{ rows: { productId: string; qty: number; netPaise: number }[] }>(`top-products?from=${FROM}&to=${TO}&limit=500`);
    const want = await raw<Record<string, unknown>>(
      `SELECT l.product_id, SUM(l.qty) AS qty, SUM(l.net_paise) AS net FROM sale_lines l JOIN sales s ON s.id = l.sale_id
        WHERE s.status = 'completed' AND s.branch_id = ANY($1::uuid[]) AND s.business_date BETWEEN $2 AND $3
        GROUP BY l.product_id ORDER BY SUM(l.net_paise) DESC, SUM(l.qty) DESC, l.product_id`,
      [all(), FROM, TO],
    );
    expect(got.rows.map((r) => [r.productId, r.qty, r.netPaise])).toEqual(want.map((w) => [w.product_id, n(w.qty), n(w.net)]));
    const byQty = await report<{ rows: { qty: number }[] }>(`top-products?from=${FROM}&to=${TO}&by=qty&limit=3`);
    expect(byQty.rows).toHaveLength(3);
    expect(byQty.rows.map((r) => r.qty)).toEqual([...byQty.rows.map((r) => r.qty)].sort((a, b) => b - a));
    const brands = await report<{ rows: { brand: string; qty: number; netPaise: number }[] }>(`top-brands?from=${FROM}&to=${TO}`);
    const wantBrands = await raw<Record<string, unknown>>(
      `SELECT l.brand, SUM(l.qty) AS qty, SUM(l.net_paise) AS net FROM sale_lines l JOIN sales s ON s.id = l.sale_id
        WHERE s.status = 'completed' AND s.branch_id = ANY($1::uuid[]) AND s.business_date BETWEEN $2 AND $3 GROUP BY l.brand ORDER BY SUM(l.net_paise) DESC, l.brand`,
      [all(), FROM, TO],
    );
    expect(brands.rows.map((r) => [r.brand, r.qty, r.netPaise])).toEqual(wantBrands.map((w) => [w.brand, n(w.qty), n(w.net)]));
  });

  it('payment mix equals the raw payments of completed sales, shares adding up to the whole', async () => {
    const got = await report<{ rows: { method: string; payments: number; amountPaise: number; shareBp: number }[] }>(`payment-mix?from=${FROM}&to=${TO}`);
    const want = await raw<Record<string, unknown>>(
      `SELECT p.method, COUNT(*) AS payments, SUM(p.amount_paise) AS amount FROM sale_payments p JOIN sales s ON s.id = p.sale_id
        WHERE s.status = 'completed' AND s.branch_id = ANY($1::uuid[]) AND s.business_date BETWEEN $2 AND $3 GROUP BY p.method ORDER BY SUM(p.amount_paise) DESC, p.method`,
      [all(), FROM, TO],
    );
    expect(got.rows.map((r) => [r.method, r.payments, r.amountPaise])).toEqual(want.map((w) => [w.method, n(w.payments), n(w.amount)]));
    expect(Math.abs(got.rows.reduce((s, r) => s + r.shareBp, 0) - 10_000)).toBeLessThanOrEqual(got.rows.length);
  });

  it('GST summary rate-wise, HSN-wise, B2B vs B2C and document series equal the raw invoices', async () => {
    const got = await report<{ byRate: { rateBp: number; taxablePaise: number; cgstPaise: number; sgstPaise: number }[]; byHsn: { hsn: string; taxablePaise: number }[]; b2b: { taxablePaise: number; lines: number }; b2c: { taxablePaise: number }; documents: { series: string; first: string; last: string; count: number; voided: number }[] }>(
      `gst-summary?from=${FROM}&to=${TO}`,
    );
    const lines = `FROM sale_lines l JOIN sales s ON s.id = l.sale_id WHERE s.status = 'completed' AND s.branch_id = ANY($1::uuid[]) AND s.business_date BETWEEN $2 AND $3`;
    const byRate = await raw<Record<string, unknown>>(`SELECT l.rate_bp, SUM(l.taxable_paise) AS t, SUM(l.cgst_paise) AS c, SUM(l.sgst_paise) AS s ${lines} GROUP BY 1 ORDER BY 1`, [all(), FROM, TO]);
    expect(got.byRate.map((r) => [r.rateBp, r.taxablePaise, r.cgstPaise, r.sgstPaise])).toEqual(byRate.map((w) => [n(w.rate_bp), n(w.t), n(w.c), n(w.s)]));
    const byHsn = await raw<Record<string, unknown>>(`SELECT l.hsn, SUM(l.taxable_paise) AS t ${lines} GROUP BY 1 ORDER BY 1`, [all(), FROM, TO]);
    expect(got.byHsn.map((r) => [r.hsn, r.taxablePaise])).toEqual(byHsn.map((w) => [w.hsn, n(w.t)]));
    const b2b = await raw<Record<string, unknown>>(`SELECT COUNT(*) AS n, COALESCE(SUM(l.taxable_paise), 0) AS t ${lines} AND s.customer_id IN (SELECT id FROM customers WHERE gstin IS NOT NULL)`, [all(), FROM, TO]);
    expect([got.b2b.lines, got.b2b.taxablePaise]).toEqual([n(b2b[0]?.n), n(b2b[0]?.t)]);
    expect(got.b2b.lines).toBeGreaterThan(0);
    const total = byRate.reduce((s, w) => s + n(w.t), 0);
    expect(got.b2b.taxablePaise + got.b2c.taxablePaise).toBe(total);
    const docs = await raw<Record<string, unknown>>(
      `SELECT split_part(invoice_no, '/', 1) || '/' || split_part(invoice_no, '/', 2) AS series, MIN(invoice_no) AS first, MAX(invoice_no) AS last, COUNT(*) AS count, COUNT(*) FILTER (WHERE status = 'voided') AS voided
         FROM sales WHERE branch_id = ANY($1::uuid[]) AND business_date BETWEEN $2 AND $3 GROUP BY 1 ORDER BY 1`,
      [all(), FROM, TO],
    );
    expect(got.documents).toEqual(docs.map((d) => ({ series: d.series, first: d.first, last: d.last, count: n(d.count), voided: n(d.voided) })));
  });

  it('stock valuation and expiring stock equal the raw levels and batches', async () => {
    const got = await report<{ totals: { units: number; costPaise: number; mrpPaise: number } }>('stock-valuation');
    const want = await raw<Record<string, unknown>>(
      `SELECT SUM(l.qty) AS u, SUM(l.qty * b.cost_paise) AS c, SUM(l.qty * b.mrp_paise) AS m FROM stock_levels l JOIN batches b ON b.id = l.batch_id WHERE l.qty > 0 AND l.branch_id = ANY($1::uuid[])`,
      [all()],
    );
    expect([got.totals.units, got.totals.costPaise, got.totals.mrpPaise]).toEqual([n(want[0]?.u), n(want[0]?.c), n(want[0]?.m)]);
    // The seeded batches expire on 2030-12-31: as of 2030-11-15 every one falls within 60 days.
    const expiring = await report<{ buckets: { withinDays: number; qty: number; costPaise: number }[] }>(`expiring?asOf=2030-11-15`);
    expect(expiring.buckets.find((b) => b.withinDays === 60)).toMatchObject({ qty: got.totals.units, costPaise: got.totals.costPaise });
    const none = await report<{ batches: unknown[] }>(`expiring?asOf=2026-11-15`);
    expect(none.batches).toEqual([]);
  });

  it('reorder suggestions forecast with SBA and never suggest a product with enough stock; slow movers have stock and no sales', async () => {
    const reorder = await report<{ method: string; suggestions: { productId: string; onHand: number; perDay: number; suggestQty: number }[] }>(`reorder?asOf=${TO}&historyDays=14&leadDays=90&coverDays=180`);
    expect(reorder.method).toBe('SBA');
    expect(reorder.suggestions.length).toBeGreaterThan(0);
    for (const s of reorder.suggestions) {
      expect(s.perDay).toBeGreaterThan(0);
      expect(s.suggestQty).toBe(Math.max(0, Math.ceil(s.perDay * 270 - 1e-9) - s.onHand));
    }
    const modest = await report<{ suggestions: unknown[] }>(`reorder?asOf=${TO}`);
    expect(modest.suggestions).toEqual([]); // 500 opening units cover three weeks at these rates
    await server.db.query(`INSERT INTO products (id, sku, name, remedy, potency, form, pack_size, brand, hsn, tax_category, mrp_paise) VALUES ($1, 'SLOW-1', 'Slow remedy', 'Slow', '6C', 'dilution', '30 ml', 'SBL', '30049014', 'classical', 5000)`, [newUuid()]);
    const slowId = (await raw<{ id: string }>(`SELECT id FROM products WHERE sku = 'SLOW-1'`, []))[0]?.id as string;
    const batchId = newUuid();
    await server.db.query(`INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise) VALUES ($1, $2, 'S1', '2031-01-31', 2500, 5000)`, [batchId, slowId]);
    await server.db.query(`INSERT INTO stock_levels (branch_id, product_id, batch_id, qty) VALUES ($1, $2, $3, 8)`, [branches[0]?.id, slowId, batchId]);
    const slow = await report<{ rows: { productId: string; onHand: number; soldQty: number }[] }>(`slow-movers?asOf=${TO}&days=30`);
    expect(slow.rows).toEqual([{ productId: slowId, name: 'Slow remedy', onHand: 8, costPaise: 20_000, soldQty: 0 }]);
  });

  it('customer segments score recency, frequency and value by quintile over the raw sales', async () => {
    const got = await report<{ customers: { customerId: string; frequency: number; monetaryPaise: number; recencyDays: number; r: number; f: number; segment: string }[]; segments: { customers: number }[] }>(
      `customer-segments?from=${FROM}&to=${TO}&limit=500`,
    );
    const want = await raw<Record<string, unknown>>(
      `SELECT customer_id, COUNT(*) AS f, SUM(total_paise) AS m, (($3::text)::date - MAX(business_date)::date) AS rec FROM sales
        WHERE status = 'completed' AND customer_id IS NOT NULL AND branch_id = ANY($1::uuid[]) AND business_date BETWEEN $2::text AND $3::text GROUP BY 1`,
      [all(), FROM, TO],
    );
    expect(got.customers).toHaveLength(want.length);
    for (const w of want) {
      const c = got.customers.find((x) => x.customerId === w.customer_id);
      expect(c).toMatchObject({ frequency: n(w.f), monetaryPaise: n(w.m), recencyDays: n(w.rec) });
      expect(c?.segment).toBe(segmentOf(c?.r ?? 0, c?.f ?? 0));
    }
    expect(got.segments.reduce((s, x) => s + x.customers, 0)).toBe(want.length);
  });

  it('shows a manager their own branches only; refuses cashiers, another branch, bad ranges and unknown fields', async () => {
    const [a, b] = branches as [(typeof branches)[number], (typeof branches)[number]];
    const mine = await report<{ branchIds: string[]; rows: { sales: number }[] }>(`sales-trend?from=${FROM}&to=${TO}`, a.manager.token);
    expect(mine.branchIds).toEqual([a.id]);
    const rawMine = await raw<{ n: string }>(`SELECT COUNT(*) AS n FROM sales WHERE status = 'completed' AND branch_id = $1`, [a.id]);
    expect(mine.rows.reduce((s, r) => s + r.sales, 0)).toBe(n(rawMine[0]?.n));
    const get = (path: string, token: string) => call(server.app, 'GET', `/v1/reports/${path}`, undefined, token);
    expect((await get(`sales-trend?from=${FROM}&to=${TO}&branchId=${b.id}`, a.manager.token)).statusCode).toBe(403);
    expect((await get(`sales-trend?from=${FROM}&to=${TO}&branchId=${b.id}`, otherManager)).statusCode).toBe(200);
    expect((await get(`payment-mix?from=${FROM}&to=${TO}`, cashierToken)).statusCode).toBe(403);
    expect((await get(`stock-valuation`, b.device.accessToken)).statusCode).toBe(401);
    expect((await call(server.app, 'GET', `/v1/reports/top-products?from=${FROM}&to=${TO}`)).statusCode).toBe(401);
    expect((await get(`sales-trend?from=${TO}&to=${FROM}`, server.adminToken)).json()).toMatchObject({ error: { code: 'input.invalid', message: expect.stringContaining('after it ends') } });
    expect((await get(`sales-trend?from=2026-13-01&to=${TO}`, server.adminToken)).statusCode).toBe(400);
    expect((await get(`sales-trend?from=${FROM}&to=${TO}&color=red`, server.adminToken)).statusCode).toBe(400);
    expect((await get(`sales-trend?from=${FROM}&to=${TO}&branchId=0190aaaa-0000-7000-8000-000000000001`, server.adminToken)).statusCode).toBe(404);
  });
});
