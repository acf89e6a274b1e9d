import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntryId } from '../../../shared/src/loyalty.js';
import { BACKENDS } from '../test-support/test-db.js';
import { call, createBranch, createStaff, pairDevice, startTestServer, type PairedDevice, type TestServer } from '../test-support/test-app.js';
import { customerMutation, newUuid, saleMutation, seedCatalogue, type SeededItem, type TestMutation } from '../test-support/catalogue.js';
import { applySaleLoyalty } from './apply-loyalty.js';
import type { SaleToApply } from './apply-sale.js';
import type { SaleCompleted } from './mutation-schemas.js';
import { MutationEffects } from './push-effects.js';

interface PushReply {
  results: { id: string; status: string; code?: string }[];
}

describe.each(BACKENDS)('loyalty entries of pushed sales on %s', (kind) => {
  let server: TestServer;
  let branch: string;
  let device: PairedDevice;
  let cashier: string;
  let manager: string;
  let items: SeededItem[];
  let phone = 9_800_000_000;

  beforeAll(async () => {
    server = await startTestServer(kind);
    branch = await createBranch(server, 'LOYAL');
    device = await pairDevice(server, branch);
    cashier = (await createStaff(server, { username: 'loyal-cashier', role: 'cashier', branchIds: [branch] })).id;
    manager = (await createStaff(server, { username: 'loyal-manager', role: 'manager', branchIds: [branch] })).id;
    items = await seedCatalogue(server.db, { count: 2, branchIds: [branch], openingQty: 500 });
  });
  afterAll(() => server.close());

  const push = async (mutations: unknown[]): Promise<PushReply> => {
    const res = await call(server.app, 'POST', '/v1/sync/push', { mutations }, device.accessToken);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as PushReply;
  };
  const newCustomer = async (): Promise<string> => {
    const m = customerMutation(cashier, { phone: String((phone += 1)), name: 'Loyal Customer', clock: Date.now() });
    expect((await push([m])).results[0]?.status).toBe('applied');
    return m.payload.customerId as string;
  };
  /** A sale of one item to `customerId`, paying `points` points (₹1 each) and `credit` paise of store credit, cash for the rest. */
  const sale = (customerId: string | null, o: { earned?: number; points?: number; credit?: number } = {}): TestMutation => {
    const m = saleMutation(cashier, [items[0] as SeededItem], { prefix: device.invoicePrefix });
    const total = (m.payload.totals as { totalPaise: number }).totalPaise;
    const points = o.points ?? 0;
    const credit = o.credit ?? 0;
    const payments: Record<string, unknown>[] = [];
    if (points > 0) payments.push({ method: 'points', amountPaise: points * 100, points });
    if (credit > 0) payments.push({ method: 'store_credit', amountPaise: credit });
    if (total - points * 100 - credit > 0) payments.push({ method: 'cash', amountPaise: total - points * 100 - credit });
    m.payload.payments = payments;
    if (customerId !== null) m.payload.customerId = customerId;
    if (o.earned !== undefined) m.payload.pointsEarned = o.earned;
    return m;
  };
  const entries = async (customerId: string) =>
    (
      await server.db.query<{ id: string; kind: string; delta: string; source_type: string; source_id: string }>(
        'SELECT id, kind, delta::text, source_type, source_id FROM customer_ledger WHERE customer_id = $1 ORDER BY at, source_type, kind',
        [customerId],
      )
    ).rows.map((r) => ({ ...r, delta: Number(r.delta) }));
  const balance = async (customerId: string, k = 'points'): Promise<number> => (await entries(customerId)).filter((e) => e.kind === k).reduce((a, e) => a + e.delta, 0);
  const anomaliesOf = async (refId: string): Promise<string[]> =>
    (await server.db.query<{ kind: string }>('SELECT kind FROM anomalies WHERE ref_id = $1 ORDER BY kind', [refId])).rows.map((r) => r.kind);

  it('writes one points entry per sale (earned − redeemed) under the id the device derived, and a re-pushed sale adds nothing', async () => {
    const customer = await newCustomer();
    const first = sale(customer, { earned: 40 });
    expect((await push([first])).results[0]?.status).toBe('applied');
    const second = sale(customer, { earned: 2, points: 25 });
    expect((await push([second])).results[0]?.status).toBe('applied');
    const saleId = second.payload.saleId as string;
    expect(await entries(customer)).toEqual([
      { id: ledgerEntryId('sale', first.payload.saleId as string, 'points'), kind: 'points', delta: 40, source_type: 'sale', source_id: first.payload.saleId },
      { id: ledgerEntryId('sale', saleId, 'points'), kind: 'points', delta: -23, source_type: 'sale', source_id: saleId },
    ]);
    // The same sale under another mutation id (re-queued on the device) is the same fact.
    const again = { ...second, id: newUuid(), seq: second.seq + 10_000 };
    expect((await push([again])).results[0]?.status).toBe('duplicate');
    expect(await balance(customer)).toBe(17);
    const methods = await server.db.query<{ method: string }>('SELECT method FROM sale_payments WHERE sale_id = $1 ORDER BY method', [saleId]);
    expect(methods.rows.map((r) => r.method)).toEqual(['cash', 'points']);
    const rollup = await server.db.query<{ amount_paise: string }>(`SELECT amount_paise::text FROM rollup_payment_day WHERE branch_id = $1 AND method = 'points'`, [branch]);
    expect(Number(rollup.rows[0]?.amount_paise)).toBe(2500);
    expect(await anomaliesOf(saleId)).toEqual([]);
    const feed = await server.db.query(`SELECT 1 FROM changes WHERE table_name = 'customer_ledger' AND row_id = $1`, [ledgerEntryId('sale', saleId, 'points')]);
    expect(feed.rows).toHaveLength(1);
  });

  it('accepts points spent offline at two counters beyond the balance and flags only the sale that overspent', async () => {
    const customer = await newCustomer();
    expect((await push([sale(customer, { earned: 30 })])).results[0]?.status).toBe('applied');
    const counterOne = sale(customer, { points: 20 });
    const counterTwo = sale(customer, { points: 20 });
    expect((await push([counterOne, counterTwo])).results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await balance(customer)).toBe(-10);
    expect(await anomaliesOf(counterOne.payload.saleId as string)).toEqual([]);
    expect(await anomaliesOf(counterTwo.payload.saleId as string)).toEqual(['customer.balance_overspent']);
  });

  it('two counters pushing spends of one balance at the same moment: both apply, exactly one is flagged', async () => {
    const customer = await newCustomer();
    expect((await push([sale(customer, { earned: 30 })])).results[0]?.status).toBe('applied');
    const other = await pairDevice(server, branch);
    const mine = sale(customer, { points: 20 });
    const theirs = saleMutation(cashier, [items[1] as SeededItem], { prefix: other.invoicePrefix });
    const total = (theirs.payload.totals as { totalPaise: number }).totalPaise;
    Object.assign(theirs.payload, { customerId: customer, payments: [{ method: 'points', amountPaise: 2000, points: 20 }, { method: 'cash', amountPaise: total - 2000 }] });
    const [a, b] = await Promise.all([
      call(server.app, 'POST', '/v1/sync/push', { mutations: [mine] }, device.accessToken),
      call(server.app, 'POST', '/v1/sync/push', { mutations: [theirs] }, other.accessToken),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(await balance(customer)).toBe(-10);
    const flagged = [...(await anomaliesOf(mine.payload.saleId as string)), ...(await anomaliesOf(theirs.payload.saleId as string))];
    expect(flagged).toEqual(['customer.balance_overspent']);
  });

  // Real concurrency needs two connections: PGlite has one, so this runs on Postgres.
  it.runIf(kind === 'postgres')('holds a second spend of one customer until the first commits, so the overspend is seen', async () => {
    const customer = await newCustomer();
    expect((await push([sale(customer, { earned: 30 })])).results[0]?.status).toBe('applied');
    const spend = (): SaleToApply => ({
      ctx: { deviceId: device.deviceId, branchId: branch, mutationId: newUuid(), seq: 1, at: new Date().toISOString(), actorId: cashier, actorRole: 'cashier', effects: new MutationEffects() },
      p: { saleId: newUuid(), invoiceNo: 'C9/2627/000001', customerId: customer, lines: [], payments: [{ method: 'points', amountPaise: 2000, points: 20 }] } as unknown as SaleCompleted,
    });
    const [first, second] = [spend(), spend()];
    let holding = (): void => undefined;
    const held = new Promise<void>((resolve) => (holding = resolve));
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const one = server.db.transaction(async (tx) => {
      await applySaleLoyalty(tx, [first]);
      holding();
      await gate; // still uncommitted while the second counter's push arrives
    });
    await held;
    const two = server.db.transaction((tx) => applySaleLoyalty(tx, [second]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await Promise.all([one, two]);
    expect(first.ctx.effects.anomalies).toEqual([]);
    expect(second.ctx.effects.anomalies.map((x) => [x.kind, x.details.balanceAfter])).toEqual([['customer.balance_overspent', -10]]);
  });

  it('flags store credit spent that was never issued, and still records the sale', async () => {
    const customer = await newCustomer();
    const m = sale(customer, { credit: 5_000 });
    expect((await push([m])).results[0]?.status).toBe('applied');
    expect(await balance(customer, 'store_credit')).toBe(-5_000);
    expect(await anomaliesOf(m.payload.saleId as string)).toEqual(['customer.balance_overspent']);
  });

  it('flags points paid on a sale with no customer, writing no entry', async () => {
    const m = sale(null, { points: 10 });
    expect((await push([m])).results[0]?.status).toBe('applied');
    expect((await server.db.query('SELECT 1 FROM customer_ledger WHERE source_id = $1', [m.payload.saleId])).rows).toHaveLength(0);
    expect(await anomaliesOf(m.payload.saleId as string)).toEqual(['customer.unknown']);
  });

  it('a void gives the redeemed points back and takes the earned ones away, once', async () => {
    const customer = await newCustomer();
    expect((await push([sale(customer, { earned: 50 })])).results[0]?.status).toBe('applied');
    const m = sale(customer, { earned: 1, points: 30 });
    expect((await push([m])).results[0]?.status).toBe('applied');
    expect(await balance(customer)).toBe(21);
    const voidOf = () => ({
      id: newUuid(), seq: m.seq + 20_000 + Math.floor(Math.random() * 1000), type: 'sale.voided', at: new Date().toISOString(), actorId: manager,
      payload: { saleId: m.payload.saleId, invoiceNo: m.payload.invoiceNo, reason: 'wrong item', approvedBy: manager },
    });
    expect((await push([voidOf()])).results[0]?.status).toBe('applied');
    expect(await balance(customer)).toBe(50);
    expect((await push([voidOf()])).results[0]?.status).toBe('duplicate');
    expect(await balance(customer)).toBe(50);
  });
});
