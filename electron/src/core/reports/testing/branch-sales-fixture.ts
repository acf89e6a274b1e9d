/**
 * Test support: a branch with a generated history of sales for the report tests. This counter's
 * sales go through the app API on a moving clock (two financial years, before and after the
 * 22 Sep 2025 GST cut, walk-in and B2B customers in and out of the state, every payment method,
 * discounts, voids); another counter's sales, another branch's sale, an orphan line and this
 * counter's own sales pulled back from the server are written into `replica_rows` as the sync
 * client would store them.
 */
import type { CartLineInput, Quote } from '../../../../../shared/src/api-contract.js';
import { DEMO_STAFF } from '../../../../../shared/src/demo/demo-data.js';
import { priceInvoice } from '../../../../../shared/src/gst.js';
import { gstinCheckChar } from '../../../../../shared/src/gstin.js';
import { paise } from '../../../../../shared/src/money.js';
import { openStore, type Db } from '../../store/open-store.js';
import { Clock, client, type TestClient } from '../../testing/demo-store.js';
import { seededRandom as rng } from '../../../../../shared/src/seeded-random.js';

export const SALE_DAYS = [
  '2025-09-20', '2025-09-21', '2025-09-25', '2026-03-31', '2026-04-01', '2026-10-26', '2026-10-31', '2026-11-01',
  '2026-11-05', '2026-11-10', '2026-11-16', '2026-11-18', '2026-11-22', '2026-11-23', '2026-11-24',
] as const;
/** On these days one more sale is made by mistake and voided by the manager. */
export const VOID_DAYS = new Set(['2025-09-21', '2026-11-18', '2026-11-24']);
/** Days the low-stock product sells one unit. */
const LOW_STOCK_DAYS = new Set(SALE_DAYS.slice(5));

export const KA_GSTIN = (() => {
  const first14 = '29ABCDE1234F1Z';
  return first14 + gstinCheckChar(first14);
})();
export const MH_GSTIN = (() => {
  const first14 = '27PQRSX5678K1Z';
  return first14 + gstinCheckChar(first14);
})();

export interface BranchSalesFixture {
  file: string;
  c: TestClient;
  clock: Clock;
  branchId: string;
  /** Sold often, then written down to 2 sellable units: the reorder list must name it. */
  lowStockProductId: string;
  /** Own sales also stored as pulled rows: one completed, one voided here but 'completed' on the server. */
  duplicatedSaleIds: string[];
  tokens: { manager: string; cashier: string; pharmacist: string };
}


interface PoolProduct {
  id: string;
  mrp: number;
}

function productPool(db: Db): { pool: PoolProduct[]; lowStock: PoolProduct } {
  const stocked = db.prepare(/* sql */ `SELECT p.id, p.mrp_paise AS mrp FROM products p JOIN batches b ON b.product_id = p.id JOIN batch_stock s ON s.batch_id = b.id
      WHERE s.qty > 0 AND b.expiry >= '2027-06-30' GROUP BY p.id HAVING SUM(s.qty) >= 40 ORDER BY p.sku LIMIT 13`).all() as PoolProduct[];
  const lowStock = stocked.pop();
  if (lowStock === undefined || stocked.length < 12) throw new Error('the demo template has too few stocked products for the report fixture');
  // Two branded products, taxed at 12 % before the 22 Sep 2025 cut (the small demo catalogue has none in stock).
  const flip = db.prepare(/* sql */ `UPDATE products SET tax_category = 'proprietary' WHERE id = ?`);
  for (const p of stocked.slice(-2)) flip.run(p.id);
  return { pool: stocked, lowStock };
}

export async function buildBranchSales(file: string): Promise<BranchSalesFixture> {
  const clock = new Clock(Date.parse(`${SALE_DAYS[0]}T04:30:00Z`));
  const c = client(file, { now: clock.now, sync: false });
  const tokens = { manager: '', cashier: '', pharmacist: '' };
  for (const [role, name] of [['cashier', 'Asha Nair'], ['pharmacist', 'Ravi Kumar'], ['manager', 'Meera Iyer']] as const) {
    await c.loginAs(name);
    tokens[role] = c.token ?? '';
  }
  const staff = await c.value<{ id: string; name: string }[]>('auth.staffList');
  const managerId = staff.find((s) => s.name === 'Meera Iyer')?.id ?? '';
  const managerPin = DEMO_STAFF.find((s) => s.name === 'Meera Iyer')?.pin ?? '';
  const db = openStore(file);
  const { pool, lowStock } = productPool(db);
  const branchId = (db.prepare(/* sql */ `SELECT branch_id FROM device`).get() as { branch_id: string }).branch_id;
  const random = rng(2_026_1124);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

  const customers = [
    await c.value<{ id: string }>('customer.create', { phone: '9845012345', name: 'Lakshmi Rao' }),
    await c.value<{ id: string }>('customer.create', { phone: '9845098765', name: 'Sai Clinic', gstin: KA_GSTIN }),
    await c.value<{ id: string }>('customer.create', { phone: '9822011111', name: 'Pune Wellness, LLP', gstin: MH_GSTIN }),
  ];

  const keepSessionsAlive = async (): Promise<void> => {
    for (const token of Object.values(tokens)) await c.core.dispatch({ method: 'auth.session', args: {}, sessionToken: token });
  };
  const goTo = async (date: string): Promise<void> => {
    const target = Date.parse(`${date}T04:30:00Z`);
    while (clock.ms < target) {
      clock.advance(Math.min(10 * 3_600_000, target - clock.ms));
      await keepSessionsAlive();
    }
  };

  let requests = 0;
  const sell = async (lines: CartLineInput[], customerId: string | null, as: string): Promise<string> => {
    c.token = as;
    const quote = await c.value<Quote>('sale.quote', { lines, customerId });
    if (!quote.sellable) throw new Error(`fixture sale not sellable: ${JSON.stringify(quote.lines.map((l) => l.problems))}`);
    const total = quote.totals.totalPaise;
    const kind = pick(['cash', 'cash', 'card', 'upi', 'split'] as const);
    const card = Math.floor(total / 2);
    const payments =
      kind === 'cash' ? [{ method: 'cash', amountPaise: total, tenderedPaise: Math.ceil(total / 10_000) * 10_000 }]
      : kind === 'split' && card > 0 ? [{ method: 'card', amountPaise: card }, { method: 'cash', amountPaise: total - card, tenderedPaise: total - card }]
      : [{ method: kind === 'split' ? 'upi' : kind, amountPaise: total }];
    requests += 1;
    const done = await c.value<{ saleId: string }>('sale.complete', { clientRequestId: `fixture-${requests}`, lines, customerId, payments });
    clock.advance(5 * 60_000);
    return done.saleId;
  };

  const ownSaleIds: string[] = [];
  const voidedIds: string[] = [];
  for (const day of SALE_DAYS) {
    await goTo(day);
    const count = 1 + Math.floor(random() * 3);
    for (let s = 0; s < count; s += 1) {
      const lines: CartLineInput[] = [];
      const chosen = new Set<PoolProduct>();
      const lineCount = 1 + Math.floor(random() * 3);
      while (chosen.size < lineCount) chosen.add(pick(pool));
      for (const product of chosen) {
        const qty = 1 + Math.floor(random() * 3);
        const discount = random() < 0.3 ? Math.floor(qty * product.mrp * 0.02) : 0;
        lines.push({ lineId: `l${lines.length + 1}`, productId: product.id, qty, discountPaise: paise(discount) });
      }
      if (s === 0 && LOW_STOCK_DAYS.has(day)) lines.push({ lineId: 'low', productId: lowStock.id, qty: 1, discountPaise: paise(0) });
      const customer = random() < 0.45 ? pick(customers).id : null;
      ownSaleIds.push(await sell(lines, customer, random() < 0.5 ? tokens.cashier : tokens.manager));
    }
    if (VOID_DAYS.has(day)) {
      const mistake = await sell([{ lineId: 'l1', productId: pick(pool).id, qty: 2, discountPaise: paise(0) }], null, tokens.cashier);
      ownSaleIds.push(mistake);
      c.token = tokens.manager;
      await c.value('sale.void', { saleId: mistake, reason: 'customer changed their mind', managerStaffId: managerId, managerPin });
      voidedIds.push(mistake);
    }
  }

  // Write the low-stock product down to 2 sellable units (a damaged shelf), so it must be reordered.
  c.token = tokens.manager;
  const batches = db.prepare(/* sql */ `SELECT s.batch_id, s.qty FROM batch_stock s JOIN batches b ON b.id = s.batch_id
      WHERE s.product_id = ? AND s.qty > 0 AND b.expiry >= ? ORDER BY b.expiry`).all(lowStock.id, SALE_DAYS.at(-1)) as { batch_id: string; qty: number }[];
  let keep = 2;
  const adjust = batches.flatMap((b) => {
    const left = Math.min(b.qty, keep);
    keep -= left;
    return left === b.qty ? [] : [{ batchId: b.batch_id, qtyDelta: left - b.qty }];
  });
  if (adjust.length > 0) await c.value('stock.adjust', { reason: 'damage', note: 'shelf fell', lines: adjust });

  const duplicatedSaleIds = [ownSaleIds.find((id) => !voidedIds.includes(id) && id !== ownSaleIds[0]) ?? '', voidedIds.at(-1) ?? ''];
  writeReplica(db, branchId, pool, customers[2]?.id ?? '', duplicatedSaleIds);
  db.close();
  c.token = tokens.manager;
  return { file, c, clock, branchId, lowStockProductId: lowStock.id, duplicatedSaleIds, tokens };
}

type Json = Record<string, unknown>;

/** What the sync client stores for pulled rows (docs/sync-protocol.md, Pull). */
function writeReplica(db: Db, branchId: string, pool: PoolProduct[], interStateCustomer: string, duplicatedSaleIds: string[]): void {
  const put = db.prepare(/* sql */ `INSERT INTO replica_rows (table_name, id, row) VALUES (?, ?, ?)`);
  const otherBranch = (db.prepare(/* sql */ `SELECT id FROM branches WHERE id <> ? LIMIT 1`).get(branchId) as { id: string }).id;
  let ids = 0;
  const newId = (): string => `0190f000-0000-7000-8000-${String((ids += 1)).padStart(12, '0')}`;
  const otherSale = (branch: string, invoiceNo: string, businessDate: string, status: string, customerId: string | null, interState: boolean, items: [PoolProduct, number, string, number][], methods: [string, number][]): void => {
    const saleId = newId();
    const priced = priceInvoice({
      lines: items.map(([p, qty, hsn, rateBp], i) => ({ key: String(i), hsn, rateBp, qty, unitPricePaise: paise(p.mrp), discountPaise: paise(0) })),
      supplierStateCode: '29',
      buyerStateCode: interState ? '27' : null,
    });
    const t = priced.totals;
    put.run('sales', saleId, JSON.stringify({
      id: saleId, branchId: branch, deviceId: '0190f000-0000-7000-8000-00000000c002', staffId: 'someone', customerId, invoiceNo, businessDate,
      at: `${businessDate}T06:00:00.000Z`, placeOfSupply: interState ? '27' : '29', interState, grossPaise: t.grossPaise, discountPaise: t.discountPaise,
      taxablePaise: t.taxablePaise, cgstPaise: t.cgstPaise, sgstPaise: t.sgstPaise, igstPaise: t.igstPaise, exactTotalPaise: t.exactTotalPaise,
      roundOffPaise: t.roundOffPaise, totalPaise: t.totalPaise, status,
    }));
    priced.lines.forEach((l, i) => {
      const [p, qty, hsn] = items[i] as [PoolProduct, number, string, number];
      const id = newId();
      put.run('sale_lines', id, JSON.stringify({
        id, saleId, branchId: branch, lineNo: i + 1, productId: p.id, batchId: 'b', name: 'as the server has it', potency: '', form: 'dilution', packSize: '', brand: '',
        hsn, batchNo: 'X', expiry: '2028-01-31', qty, unitPricePaise: p.mrp, discountPaise: 0, rateBp: l.rateBp, taxablePaise: l.taxablePaise,
        cgstPaise: l.cgstPaise, sgstPaise: l.sgstPaise, igstPaise: l.igstPaise, netPaise: l.netPaise,
      }));
    });
    let left: number = t.totalPaise;
    methods.forEach(([method, share], i) => {
      const amount = i === methods.length - 1 ? left : Math.floor(t.totalPaise * share);
      left -= amount;
      const id = newId();
      put.run('sale_payments', id, JSON.stringify({ id, saleId, branchId: branch, method, amountPaise: amount }));
    });
  };
  const [a, b, c2, d] = pool as [PoolProduct, PoolProduct, PoolProduct, PoolProduct];
  otherSale(branchId, 'C2/2627/000001', '2026-11-10', 'completed', interStateCustomer, true, [[a, 2, '30049014', 500], [b, 1, '30039011', 500]], [['upi', 1]]);
  otherSale(branchId, 'C2/2627/000002', '2026-11-20', 'voided', null, false, [[c2, 1, '30049014', 500]], [['cash', 1]]);
  otherSale(branchId, 'C2/2627/000004', '2026-11-24', 'completed', null, false, [[a, 1, '30049014', 500], [d, 2, '30039011', 1200], [b, 3, '30049014', 500]], [['card', 0.5], ['cash', 1]]);
  otherSale(branchId, 'C2/2526/000007', '2025-08-01', 'completed', null, false, [[a, 1, '30049014', 1200]], [['cash', 1]]);
  otherSale(otherBranch, 'C9/2627/000001', '2026-11-15', 'completed', null, false, [[a, 5, '30049014', 500]], [['cash', 1]]);
  // A line whose sale has not arrived yet (the feed may deliver children first): counts nowhere.
  put.run('sale_lines', newId(), JSON.stringify({ id: 'orphan', saleId: '0190f000-0000-7000-8000-0000000fffff', branchId, lineNo: 1, productId: a.id, qty: 9, rateBp: 500, taxablePaise: 900, cgstPaise: 23, sgstPaise: 22, igstPaise: 0, netPaise: 945, hsn: '30049014' }));
  for (const saleId of duplicatedSaleIds) pullBackOwnSale(db, put, saleId, newId);
}

/** This counter's sale as the server sends it back: camelCase, server line and payment ids, and the server's (older) status. */
function pullBackOwnSale(db: Db, put: { run: (...args: unknown[]) => unknown }, saleId: string, newId: () => string): void {
  const s = db.prepare(/* sql */ `SELECT * FROM sales WHERE id = ?`).get(saleId) as Record<string, string | number | null>;
  put.run('sales', saleId, JSON.stringify({
    id: s.id, branchId: s.branch_id, deviceId: s.device_id, staffId: s.staff_id, customerId: s.customer_id, invoiceNo: s.invoice_no, businessDate: s.business_date,
    at: s.at, placeOfSupply: s.place_of_supply, interState: s.inter_state === 1, grossPaise: s.gross_paise, discountPaise: s.discount_paise, taxablePaise: s.taxable_paise,
    cgstPaise: s.cgst_paise, sgstPaise: s.sgst_paise, igstPaise: s.igst_paise, exactTotalPaise: s.exact_total_paise, roundOffPaise: s.round_off_paise,
    totalPaise: s.total_paise, status: 'completed',
  } satisfies Json));
  for (const l of db.prepare(/* sql */ `SELECT * FROM sale_lines WHERE sale_id = ?`).all(saleId) as Record<string, string | number>[]) {
    const id = newId();
    put.run('sale_lines', id, JSON.stringify({
      id, saleId, branchId: s.branch_id, lineNo: l.line_no, productId: l.product_id, batchId: l.batch_id, name: l.name, potency: l.potency, form: l.form, packSize: l.pack_size,
      brand: l.brand, hsn: l.hsn, batchNo: l.batch_no, expiry: l.expiry, qty: l.qty, unitPricePaise: l.unit_price_paise, discountPaise: l.discount_paise, rateBp: l.rate_bp,
      taxablePaise: l.taxable_paise, cgstPaise: l.cgst_paise, sgstPaise: l.sgst_paise, igstPaise: l.igst_paise, netPaise: l.net_paise,
    }));
  }
  for (const p of db.prepare(/* sql */ `SELECT * FROM sale_payments WHERE sale_id = ?`).all(saleId) as Record<string, string | number>[]) {
    const id = newId();
    put.run('sale_payments', id, JSON.stringify({ id, saleId, branchId: s.branch_id, method: p.method, amountPaise: p.amount_paise }));
  }
}
