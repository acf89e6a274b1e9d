/**
 * Loyalty entries of `sale.completed` and `sale.voided`, written in the push's transaction.
 *
 * A sale writes at most one `customer_ledger` entry per kind (points = earned − redeemed, store
 * credit = − spent) under ids derived from the sale id and kind (shared/src/loyalty.ts): the very
 * rows the device wrote, so the pulled entry replaces the device's and a re-pushed sale (another
 * mutation id) conflicts on the unique key and writes nothing. Points earned come from the
 * payload (the device's rule); points redeemed from the payments.
 *
 * Facts are never refused: a balance spent offline at two counters goes negative and each sale
 * that took it below zero raises `customer.balance_overspent`. Pushes touching the same customer
 * serialise on an advisory lock per customer (taken in id order), so two concurrent pushes cannot
 * both read the balance before the other's spend.
 */
import { ledgerEntryId, saleLedgerEntries, type LedgerKind } from '../../../shared/src/loyalty.js';
import type { Queryable } from '../db/db.js';
import type { SaleToApply } from './apply-sale.js';
import type { MutationContext } from './mutation-context.js';

/** Paise per point when a points payment does not say how many points it redeemed. */
const DEFAULT_POINT_VALUE_PAISE = 100;

interface EntryRow {
  id: string;
  customerId: string;
  kind: LedgerKind;
  delta: number;
  sale: SaleToApply;
}

function entriesOf(s: SaleToApply): EntryRow[] {
  const customerId = s.p.customerId ?? null;
  const pointsRedeemed = s.p.payments.filter((p) => p.method === 'points').reduce((a, p) => a + (p.points ?? Math.floor(p.amountPaise / DEFAULT_POINT_VALUE_PAISE)), 0);
  const storeCreditSpentPaise = s.p.payments.filter((p) => p.method === 'store_credit').reduce((a, p) => a + p.amountPaise, 0);
  const loyalty = { pointsEarned: s.p.pointsEarned ?? 0, pointsRedeemed, storeCreditSpentPaise };
  const entries = saleLedgerEntries(s.p.saleId, loyalty);
  if (customerId === null) {
    if (entries.length > 0) {
      s.ctx.effects.flag({
        kind: 'customer.unknown', branchId: s.ctx.branchId, deviceId: s.ctx.deviceId, mutationId: s.ctx.mutationId, refId: s.p.saleId,
        details: { reason: 'points or store credit without a customer', ...loyalty },
      });
    }
    return [];
  }
  return entries.map((e) => ({ ...e, customerId, sale: s }));
}

async function lockCustomers(tx: Queryable, customerIds: readonly string[]): Promise<void> {
  for (const id of [...new Set(customerIds)].sort()) await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('customer_ledger:' || $1::text, 0))`, [id]);
}

/** The applied sales of a run (in push order): their ledger entries, and overspend anomalies. */
export async function applySaleLoyalty(tx: Queryable, sales: readonly SaleToApply[]): Promise<void> {
  const entries = sales.flatMap(entriesOf);
  if (entries.length === 0) return;
  const spenders = entries.filter((e) => e.delta < 0).map((e) => e.customerId);
  await lockCustomers(tx, spenders);
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO customer_ledger (id, customer_id, branch_id, kind, delta, source_type, source_id, at)
     SELECT id, customer_id, branch_id, kind, delta, 'sale', source_id, at
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::bigint[], $6::uuid[], $7::timestamptz[])
         AS x(id, customer_id, branch_id, kind, delta, source_id, at)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [
      entries.map((e) => e.id), entries.map((e) => e.customerId), entries.map((e) => e.sale.ctx.branchId), entries.map((e) => e.kind),
      entries.map((e) => e.delta), entries.map((e) => e.sale.p.saleId), entries.map((e) => e.sale.ctx.at),
    ],
  );
  const written = new Set(inserted.rows.map((r) => r.id));
  const spent = entries.filter((e) => e.delta < 0 && written.has(e.id));
  if (spent.length === 0) return;
  // Balance after each spend, replayed from the final balance: earlier entries of this run count.
  const totals = await tx.query<{ customer_id: string; kind: LedgerKind; total: string }>(
    'SELECT customer_id, kind, SUM(delta) AS total FROM customer_ledger WHERE customer_id = ANY($1::uuid[]) GROUP BY customer_id, kind',
    [[...new Set(spent.map((e) => e.customerId))]],
  );
  const balance = new Map(totals.rows.map((r) => [`${r.customer_id}:${r.kind}`, Number(r.total)]));
  const ofRun = entries.filter((e) => written.has(e.id));
  for (const [key, final] of balance) {
    let running = final - ofRun.filter((e) => `${e.customerId}:${e.kind}` === key).reduce((a, e) => a + e.delta, 0);
    for (const e of ofRun) {
      if (`${e.customerId}:${e.kind}` !== key) continue;
      running += e.delta;
      if (e.delta < 0 && running < 0) {
        const c = e.sale.ctx;
        c.effects.flag({
          kind: 'customer.balance_overspent', branchId: c.branchId, deviceId: c.deviceId, mutationId: c.mutationId, refId: e.sale.p.saleId,
          details: { customerId: e.customerId, kind: e.kind, delta: e.delta, balanceAfter: running },
        });
      }
    }
  }
}

/** A void gives back what the sale spent and takes back what it earned: one `adjustment` per kind. */
export async function reverseSaleLoyalty(tx: Queryable, ctx: MutationContext, saleId: string): Promise<void> {
  const found = await tx.query<{ customer_id: string; kind: LedgerKind; delta: string }>(
    `SELECT customer_id, kind, delta FROM customer_ledger WHERE source_type = 'sale' AND source_id = $1 AND delta <> 0 ORDER BY kind`,
    [saleId],
  );
  for (const e of found.rows) {
    await tx.query(
      `INSERT INTO customer_ledger (id, customer_id, branch_id, kind, delta, source_type, source_id, at) VALUES ($1, $2, $3, $4, $5, 'adjustment', $6, $7)
       ON CONFLICT DO NOTHING`,
      [ledgerEntryId('adjustment', saleId, e.kind), e.customer_id, ctx.branchId, e.kind, -Number(e.delta), saleId, ctx.at],
    );
  }
}
