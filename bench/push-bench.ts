import type { AddressInfo } from 'node:net';
import { priceInvoice } from '../shared/src/gst.js';
import { paise } from '../shared/src/money.js';
import type { Queryable } from '../sync-server/src/db/db.js';
import { newUuid, saleMutation, seedCatalogue, type SeededItem, type TestMutation } from '../sync-server/src/test-support/catalogue.js';
import { createBranch, createStaff, pairDevice, startTestServer } from '../sync-server/src/test-support/test-app.js';
import type { Figure } from './counter-bench.js';

const BATCH = 100;
const LINES = 5;
const WARM_UP_BATCHES = 3;

type SaleLine = { productId: string; batchId: string; qty: number; unitPricePaise: number; discountPaise: number };

/**
 * The rows a pushed sale leaves behind, written the fastest plain way: one transaction per batch,
 * one multi-row INSERT per table, levels moved once per batch. What the push must beat is this
 * plus HTTP, validation, pricing, idempotency and per-mutation checks.
 */
async function rawBatch(tx: Queryable, ctx: { branchId: string; deviceId: string }, sales: readonly TestMutation[]): Promise<void> {
  const priced = sales.map((m) => {
    const lines = m.payload.lines as SaleLine[];
    return priceInvoice({
      lines: lines.map((l, i) => ({ key: String(i), hsn: '30049014', rateBp: 500, qty: l.qty, unitPricePaise: paise(l.unitPricePaise), discountPaise: paise(l.discountPaise) })),
      supplierStateCode: '29',
      buyerStateCode: null,
    });
  });
  await tx.query(
    `INSERT INTO applied_mutations (id, device_id, branch_id, seq, type, actor_id, at)
     SELECT id, $2::uuid, $3::uuid, seq, 'sale.completed', actor, at FROM unnest($1::uuid[], $4::bigint[], $5::uuid[], $6::timestamptz[]) AS x(id, seq, actor, at)`,
    [sales.map((m) => m.id), ctx.deviceId, ctx.branchId, sales.map((m) => m.seq), sales.map((m) => m.actorId), sales.map((m) => m.at)],
  );
  const t = priced.map((p) => p.totals);
  await tx.query(
    `INSERT INTO sales (id, branch_id, device_id, staff_id, invoice_no, business_date, at, place_of_supply, inter_state, gross_paise, discount_paise,
       taxable_paise, cgst_paise, sgst_paise, igst_paise, exact_total_paise, round_off_paise, total_paise, mutation_id)
     SELECT id, $2::uuid, $3::uuid, staff, inv, '2026-01-15', at, '29', false, gross, 0, taxable, cgst, sgst, 0, total - ro, ro, total, mid
       FROM unnest($1::uuid[], $4::uuid[], $5::text[], $6::timestamptz[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::uuid[])
         AS x(id, staff, inv, at, gross, taxable, cgst, sgst, total, ro, mid)`,
    [
      sales.map((m) => m.payload.saleId), ctx.branchId, ctx.deviceId, sales.map((m) => m.actorId), sales.map((m) => m.payload.invoiceNo), sales.map((m) => m.at),
      t.map((x) => x.grossPaise), t.map((x) => x.taxablePaise), t.map((x) => x.cgstPaise), t.map((x) => x.sgstPaise), t.map((x) => x.totalPaise),
      t.map((x) => x.roundOffPaise), sales.map((m) => m.id),
    ],
  );
  const lines = sales.flatMap((m, s) => (m.payload.lines as SaleLine[]).map((l, i) => ({ m, l, i, t: priced[s]?.lines[i] })));
  const col = <T>(f: (x: (typeof lines)[number]) => T): T[] => lines.map(f);
  await tx.query(
    `INSERT INTO sale_lines (sale_id, branch_id, line_no, product_id, batch_id, name, potency, form, pack_size, brand, hsn, batch_no, expiry,
       qty, unit_price_paise, discount_paise, rate_bp, taxable_paise, cgst_paise, sgst_paise, igst_paise, net_paise)
     SELECT sale, $2::uuid, no, product, batch, 'Arnica montana 30C', '30C', 'dilution', '30 ml', 'SBL', '30049014', 'B0', '2030-12-31', qty, price, 0, 500, taxable, cgst, sgst, 0, net
       FROM unnest($1::uuid[], $3::int[], $4::uuid[], $5::uuid[], $6::int[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[])
         AS x(sale, no, product, batch, qty, price, taxable, cgst, sgst, net)`,
    [
      col((x) => x.m.payload.saleId), ctx.branchId, col((x) => x.i + 1), col((x) => x.l.productId), col((x) => x.l.batchId), col((x) => x.l.qty),
      col((x) => x.l.unitPricePaise), col((x) => x.t?.taxablePaise), col((x) => x.t?.cgstPaise), col((x) => x.t?.sgstPaise), col((x) => x.t?.netPaise),
    ],
  );
  await tx.query(
    `INSERT INTO sale_payments (sale_id, branch_id, method, amount_paise) SELECT sale, $2::uuid, 'cash', amount FROM unnest($1::uuid[], $3::bigint[]) AS x(sale, amount)`,
    [sales.map((m) => m.payload.saleId), ctx.branchId, t.map((x) => x.totalPaise)],
  );
  await tx.query(
    `INSERT INTO stock_movements (branch_id, batch_id, product_id, kind, qty, ref_id, mutation_id, staff_id, at)
     SELECT $2::uuid, batch, product, 'sale', -qty, sale, mid, $8::uuid, at
       FROM unnest($1::uuid[], $3::uuid[], $4::int[], $5::uuid[], $6::uuid[], $7::timestamptz[]) AS x(batch, product, qty, sale, mid, at)`,
    [col((x) => x.l.batchId), ctx.branchId, col((x) => x.l.productId), col((x) => x.l.qty), col((x) => x.m.payload.saleId), col((x) => x.m.id), col((x) => x.m.at), sales[0]?.actorId],
  );
  const perBatch = new Map<string, { productId: string; qty: number }>();
  for (const { l } of lines) perBatch.set(l.batchId, { productId: l.productId, qty: (perBatch.get(l.batchId)?.qty ?? 0) + l.qty });
  const levels = [...perBatch].sort(([a], [b]) => (a < b ? -1 : 1));
  await tx.query(
    `INSERT INTO stock_levels (branch_id, batch_id, product_id, qty) SELECT $1::uuid, batch, product, -qty FROM unnest($2::uuid[], $3::uuid[], $4::int[]) AS x(batch, product, qty)
     ON CONFLICT (branch_id, batch_id) DO UPDATE SET qty = stock_levels.qty + EXCLUDED.qty`,
    [ctx.branchId, levels.map(([b]) => b), levels.map(([, v]) => v.productId), levels.map(([, v]) => v.qty)],
  );
  await tx.query(
    `INSERT INTO outbox (type, aggregate_id, branch_id, payload) SELECT 'sale.completed', sale, $2::uuid, jsonb_build_object('saleId', sale, 'totalPaise', total)
       FROM unnest($1::uuid[], $3::bigint[]) AS x(sale, total)`,
    [sales.map((m) => m.payload.saleId), ctx.branchId, t.map((x) => x.totalPaise)],
  );
}

/**
 * push_sales_per_s: 5-line sales pushed in batches of 100 over HTTP on loopback to the real app
 * (a paired device token, a private database on the local Postgres), against raw batched inserts
 * of the same rows in the same database, interleaved batch by batch.
 */
export async function benchPushSales(batches: number): Promise<Figure> {
  const server = await startTestServer('postgres');
  try {
    const branchId = await createBranch(server, 'BENCH-PUSH');
    const device = await pairDevice(server, branchId, 'Bench counter');
    const cashier = (await createStaff(server, { username: 'bench-cashier', role: 'cashier', branchIds: [branchId] })).id;
    const items: SeededItem[] = await seedCatalogue(server.db, { count: LINES, branchIds: [branchId], openingQty: 1_000_000_000 });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}/v1/sync/push`;
    const makeBatch = (): TestMutation[] => Array.from({ length: BATCH }, () => saleMutation(cashier, items, { prefix: device.invoicePrefix }));
    const pushBatch = async (mutations: TestMutation[]): Promise<void> => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${device.accessToken}` }, body: JSON.stringify({ mutations }) });
      const body = (await res.json()) as { results?: { status: string; code?: string }[] };
      const bad = body.results?.find((r) => r.status !== 'applied');
      if (res.status !== 200 || body.results?.length !== BATCH || bad !== undefined) throw new Error(`bench push failed: ${res.status} ${JSON.stringify(bad ?? body)}`);
    };
    const rawCtx = { branchId, deviceId: device.deviceId };
    const raw = (mutations: TestMutation[]): Promise<void> => server.db.transaction((tx) => rawBatch(tx, rawCtx, mutations));

    let real = 0;
    let base = 0;
    for (let i = 0; i < WARM_UP_BATCHES + batches; i += 1) {
      // Interleaved so drift (autovacuum, checkpoints, table growth) hits both sides alike.
      const forPush = makeBatch();
      const forRaw = makeBatch().map((m) => ({ ...m, id: newUuid() }));
      let t = performance.now();
      await pushBatch(forPush);
      if (i >= WARM_UP_BATCHES) real += performance.now() - t;
      t = performance.now();
      await raw(forRaw);
      if (i >= WARM_UP_BATCHES) base += performance.now() - t;
    }
    const sales = batches * BATCH;
    const value = sales / (real / 1000);
    const baseline = sales / (base / 1000);
    return {
      name: 'push_sales_per_s',
      value,
      unit: 'sales/s',
      baselineName: `raw batched INSERTs of the same rows, one transaction per ${BATCH} sales, no HTTP (${sales} sales)`,
      baseline,
      target: '≥ 3000 sales/s',
      met: value >= 3000,
    };
  } finally {
    await server.close();
  }
}
