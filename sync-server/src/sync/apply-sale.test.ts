import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../test-support/test-db.js';
import { call, createBranch, createStaff, pairDevice, startTestServer, type PairedDevice, type TestServer } from '../test-support/test-app.js';
import { customerMutation, newUuid, saleMutation, seedCatalogue, type SeededItem, type TestMutation } from '../test-support/catalogue.js';

interface Fixture {
  cashier: string;
  manager: string;
  item: SeededItem;
  /** Only 2 in stock. */
  scarceItem: SeededItem;
  prefix: string;
  pushed: (m: TestMutation) => Promise<void>;
}

type Totals = { totalPaise: number; taxablePaise: number; cgstPaise: number; sgstPaise: number; igstPaise: number; roundOffPaise: number };
const totalsOf = (m: TestMutation): Totals => m.payload.totals as Totals;
const linesOf = (m: TestMutation): { qty: number; discountPaise: number; unitPricePaise: number }[] => m.payload.lines as never;

/** Facts are never refused for business reasons: each case applies and raises exactly these anomalies. */
const CASES: { name: string; make: (f: Fixture) => Promise<TestMutation> | TestMutation; anomalies: string[] }[] = [
  { name: 'a sale whose totals match the server', make: (f) => saleMutation(f.cashier, [f.item], { prefix: f.prefix }), anomalies: [] },
  {
    name: 'device totals that differ from the server’s',
    make: (f) => {
      const m = saleMutation(f.cashier, [f.item], { prefix: f.prefix });
      totalsOf(m).cgstPaise += 1;
      return m;
    },
    anomalies: ['sale.totals_mismatch'],
  },
  {
    name: 'a payment that does not cover the total',
    make: (f) => {
      const m = saleMutation(f.cashier, [f.item], { prefix: f.prefix });
      m.payload.payments = [{ method: 'upi', amountPaise: totalsOf(m).totalPaise - 100 }];
      return m;
    },
    anomalies: ['sale.payment_mismatch'],
  },
  {
    name: 'a cashier discount above the 10 % limit',
    make: (f) => {
      const m = saleMutation(f.cashier, [f.item], { prefix: f.prefix });
      linesOf(m)[0]!.discountPaise = Math.floor(f.item.mrpPaise / 5);
      delete m.payload.totals;
      m.payload.payments = [];
      return m;
    },
    anomalies: ['sale.discount_exceeds_limit', 'sale.payment_mismatch'],
  },
  {
    name: 'the same discount given by a manager',
    make: (f) => {
      const m = saleMutation(f.manager, [f.item], { prefix: f.prefix });
      linesOf(m)[0]!.discountPaise = Math.floor(f.item.mrpPaise / 5);
      delete m.payload.totals;
      m.payload.payments = [];
      return m;
    },
    anomalies: ['sale.payment_mismatch'],
  },
  { name: 'selling more than the branch holds', make: (f) => saleMutation(f.cashier, [f.scarceItem], { prefix: f.prefix, qty: 3 }), anomalies: ['stock.negative'] },
  {
    name: 'a batch sold after its expiry',
    make: (f) => saleMutation(f.cashier, [f.item], { prefix: f.prefix, extra: { businessDate: '2031-01-05' } }),
    anomalies: ['stock.batch_expired'],
  },
  {
    name: 'a business date before GST (no rate in force)',
    make: (f) => saleMutation(f.cashier, [f.item], { prefix: f.prefix, extra: { businessDate: '2016-05-01' } }),
    anomalies: ['sale.totals_mismatch', 'tax.rate_missing'],
  },
  { name: 'an invoice number outside the device’s series', make: (f) => saleMutation(f.cashier, [f.item], { prefix: 'ZZ9' }), anomalies: ['invoice.prefix_mismatch'] },
  {
    name: 'an invoice number the device already used',
    make: async (f) => {
      const first = saleMutation(f.cashier, [f.item], { prefix: f.prefix });
      await f.pushed(first);
      return saleMutation(f.cashier, [f.item], { invoiceNo: first.payload.invoiceNo as string });
    },
    anomalies: ['invoice.duplicate'],
  },
  {
    name: 'a product and batch the server has never seen (a fact all the same, taxed at 0 %)',
    make: (f) => saleMutation(f.cashier, [{ productId: newUuid(), batchId: newUuid(), mrpPaise: 4_200 }], { prefix: f.prefix }),
    // The unknown batch holds no stock here, so its level goes negative too: still one ledger.
    anomalies: ['catalog.product_unknown', 'sale.totals_mismatch', 'stock.negative'],
  },
  {
    name: 'a batch that belongs to another product',
    make: (f) => saleMutation(f.cashier, [{ ...f.item, batchId: f.scarceItem.batchId }], { prefix: f.prefix }),
    anomalies: ['stock.batch_unknown', 'stock.negative'],
  },
  {
    name: 'a customer the server has never seen',
    make: (f) => saleMutation(f.cashier, [f.item], { prefix: f.prefix, extra: { customerId: newUuid() } }),
    anomalies: ['customer.unknown'],
  },
];

describe.each(BACKENDS)('sale.completed on %s', (kind) => {
  let server: TestServer;
  let device: PairedDevice;
  let fixture: Fixture;
  let branchId: string;

  const push = async (m: TestMutation): Promise<{ status: string; code?: string }> => {
    const res = await call(server.app, 'POST', '/v1/sync/push', { mutations: [m] }, device.accessToken);
    return (res.json() as { results: { status: string; code?: string }[] }).results[0] ?? { status: 'missing' };
  };
  const anomalies = async (saleId: string): Promise<string[]> =>
    (await server.db.query<{ kind: string }>('SELECT kind FROM anomalies WHERE ref_id = $1 ORDER BY kind', [saleId])).rows.map((r) => r.kind);
  const saleRow = async (saleId: string) =>
    (
      await server.db.query<Record<string, string | boolean>>(
        `SELECT total_paise::text, taxable_paise::text, cgst_paise::text, sgst_paise::text, igst_paise::text, inter_state, place_of_supply
           FROM sales WHERE id = $1`,
        [saleId],
      )
    ).rows[0];

  beforeAll(async () => {
    server = await startTestServer(kind);
    branchId = await createBranch(server, 'SALE-KA');
    device = await pairDevice(server, branchId);
    const cashier = (await createStaff(server, { username: 'sale-cashier', role: 'cashier', branchIds: [branchId] })).id;
    const manager = (await createStaff(server, { username: 'sale-manager', role: 'manager', branchIds: [branchId] })).id;
    const [item] = await seedCatalogue(server.db, { count: 1, branchIds: [branchId], openingQty: 1000, mrpPaise: 12_345 });
    const [scarceItem] = await seedCatalogue(server.db, { count: 1, branchIds: [branchId], openingQty: 2 });
    fixture = {
      cashier,
      manager,
      item: item as SeededItem,
      scarceItem: scarceItem as SeededItem,
      prefix: device.invoicePrefix,
      pushed: async (m) => void expect((await push(m)).status).toBe('applied'),
    };
  });
  afterAll(() => server.close());

  it.each(CASES)('applies $name and records anomalies $anomalies', async ({ make, anomalies: expected }) => {
    const m = await make(fixture);
    expect(await push(m)).toMatchObject({ status: 'applied' });
    expect(await anomalies(m.payload.saleId as string)).toEqual(expected);
  });

  it('keeps the device’s printed totals when they differ from the server’s', async () => {
    const m = saleMutation(fixture.cashier, [fixture.item], { prefix: fixture.prefix });
    const printed = { ...totalsOf(m), cgstPaise: totalsOf(m).cgstPaise + 7, taxablePaise: totalsOf(m).taxablePaise - 7 };
    m.payload.totals = printed;
    await push(m);
    expect(await saleRow(m.payload.saleId as string)).toMatchObject({ cgst_paise: String(printed.cgstPaise), taxable_paise: String(printed.taxablePaise) });
    const details = await server.db.query<{ details: { device: Totals; server: Totals } }>(`SELECT details FROM anomalies WHERE ref_id = $1 AND kind = 'sale.totals_mismatch'`, [
      m.payload.saleId,
    ]);
    expect(details.rows[0]?.details.server.cgstPaise).toBe(printed.cgstPaise - 7);
  });

  it('recomputes tax with IGST for a customer registered in another state', async () => {
    // 27 = Maharashtra; the branch is in Karnataka (29).
    const customer = customerMutation(fixture.cashier, { phone: '9833333333', name: 'Mumbai Clinic', clock: 1, gstin: '27AAPFU0939F1ZV' });
    expect((await push(customer)).status).toBe('applied');
    const m = saleMutation(fixture.cashier, [fixture.item], { prefix: fixture.prefix, extra: { customerId: customer.payload.customerId } });
    delete m.payload.totals;
    await push(m);
    const row = await saleRow(m.payload.saleId as string);
    // ₹123.45 at 5 %: taxable round(12345 × 100 / 105) = 11757, tax 588, all IGST.
    expect(row).toMatchObject({ inter_state: true, place_of_supply: '27', taxable_paise: '11757', igst_paise: '588', cgst_paise: '0', total_paise: '12300' });
    const lines = await server.db.query<{ igst_paise: string; hsn: string; batch_no: string }>(
      'SELECT igst_paise::text, hsn, batch_no FROM sale_lines WHERE sale_id = $1',
      [m.payload.saleId],
    );
    expect(lines.rows).toEqual([{ igst_paise: '588', hsn: '30049014', batch_no: 'B0' }]);
  });

  it('keeps every stock level equal to the sum of its movements', async () => {
    const mismatched = await server.db.query(
      `SELECT l.batch_id FROM stock_levels l
        WHERE l.qty <> (SELECT COALESCE(SUM(m.qty), 0) FROM stock_movements m WHERE m.branch_id = l.branch_id AND m.batch_id = l.batch_id)`,
    );
    expect(mismatched.rows).toEqual([]);
    expect((await server.db.query('SELECT 1 FROM stock_movements')).rows.length).toBeGreaterThan(CASES.length);
  });
});
