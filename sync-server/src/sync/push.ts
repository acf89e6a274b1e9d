/**
 * Applying a pushed batch: ONE Postgres transaction per request, every mutation in it atomic with
 * everything it implies and its idempotency record. Consecutive sales are applied set-wise (a
 * handful of statements for a hundred sales); any other mutation runs under a SAVEPOINT so a
 * rejection rolls back exactly its own writes. See docs/sync-protocol.md, Push, for the locking.
 */
import type { Role } from '../../../shared/src/domain.js';
import type { Db, Queryable } from '../db/db.js';
import type { ServerErrorCode } from '../http/errors.js';
import { describeFailure } from '../http/validation.js';
import { applyCustomerUpserted } from './apply-customer.js';
import { applySaleRun, type SaleOutcome, type SaleToApply } from './apply-sale.js';
import { applyStockAdjusted, applyStockReceived } from './apply-stock.js';
import { applySaleVoided } from './apply-void.js';
import { featureMutation } from './feature-mutations.js';
import { MutationRejected, type MutationContext, type PushingDevice } from './mutation-context.js';
import { MutationEffects, PushEffects } from './push-effects.js';
import type { SaleSetting } from './sale-pricing.js';
import { taxRuleOf, type TaxRateRow } from './tax-rates.js';
import {
  checkCustomerUpserted,
  checkEnvelope,
  checkSaleCompleted,
  checkSaleVoided,
  checkStockAdjusted,
  checkStockReceived,
  type MutationEnvelope,
  type SaleCompleted,
} from './mutation-schemas.js';

export type PushStatus = 'applied' | 'duplicate' | 'rejected';

export interface PushResult {
  id: string;
  status: PushStatus;
  code?: ServerErrorCode;
  message?: string;
  /**
   * Extension (applied and duplicate): `<xid>:<endSeq>` of the transaction that applied the mutation.
   * A change-feed entry (`pos` `<xid>:<seq>`) includes the mutation when its xid is that xid or its
   * seq is above endSeq (migrations/011_applied_end_seq.sql).
   */
  pos?: string;
}

type Handler = (tx: Queryable, ctx: MutationContext) => Promise<'applied' | 'duplicate'>;

/** A mutation ready to apply: sales go in runs, everything else through its handler. */
type Prepared = { m: MutationEnvelope } & ({ kind: 'sale'; payload: SaleCompleted } | { kind: 'other'; handler: Handler; lockProducts: readonly string[] });

/** Validates the payload up front (before the transaction) and says how to apply it. */
function prepare(m: MutationEnvelope): Prepared {
  const other = (handler: Handler, lockProducts: readonly string[] = []): Prepared => ({ m, kind: 'other', handler, lockProducts });
  switch (m.type) {
    case 'sale.completed': {
      if (!checkSaleCompleted(m.payload)) throw new MutationRejected('input.invalid', describeFailure(checkSaleCompleted, 'payload'));
      return { m, kind: 'sale', payload: m.payload };
    }
    case 'sale.voided': {
      if (!checkSaleVoided(m.payload)) throw new MutationRejected('input.invalid', describeFailure(checkSaleVoided, 'payload'));
      const payload = m.payload;
      return other((tx, ctx) => applySaleVoided(tx, ctx, payload));
    }
    case 'customer.upserted': {
      if (!checkCustomerUpserted(m.payload)) throw new MutationRejected('input.invalid', describeFailure(checkCustomerUpserted, 'payload'));
      const payload = m.payload;
      return other((tx, ctx) => applyCustomerUpserted(tx, ctx, payload));
    }
    case 'stock.received': {
      if (!checkStockReceived(m.payload)) throw new MutationRejected('input.invalid', describeFailure(checkStockReceived, 'payload'));
      const payload = m.payload;
      return other((tx, ctx) => applyStockReceived(tx, ctx, payload), payload.lines.map((l) => l.productId));
    }
    case 'stock.adjusted': {
      if (!checkStockAdjusted(m.payload)) throw new MutationRejected('input.invalid', describeFailure(checkStockAdjusted, 'payload'));
      const payload = m.payload;
      return other((tx, ctx) => applyStockAdjusted(tx, ctx, payload));
    }
    default: {
      const feature = featureMutation(m.type);
      if (feature === undefined) throw new MutationRejected('mutation.unsupported', `The server does not apply ${m.type} mutations yet.`);
      const prepared = feature(m.payload);
      return other(prepared.handler, prepared.lockProducts ?? []);
    }
  }
}

type Claim = { status: 'claimed' | 'duplicate'; pos: string } | { status: 'conflict' };

/**
 * Writes every idempotency record of the push in ONE statement, in mutation-id order. A
 * concurrent push holding one of the ids makes this wait until it commits, then finds the row;
 * id order means two pushes sharing ids wait on each other in one direction only.
 */
async function claimAll(tx: Queryable, device: PushingDevice, ms: readonly MutationEnvelope[]): Promise<Map<string, Claim>> {
  const claimed = await tx.query<{ id: string; pos: string }>(
    `INSERT INTO applied_mutations (id, device_id, branch_id, seq, type, actor_id, at)
     SELECT x.id, $1, $2, x.seq, x.type, x.actor_id, x.at
       FROM unnest($3::uuid[], $4::bigint[], $5::text[], $6::uuid[], $7::timestamptz[]) AS x(id, seq, type, actor_id, at)
      ORDER BY x.id
     ON CONFLICT (id) DO NOTHING
     RETURNING id, xid::text || ':' AS pos`,
    [device.deviceId, device.branchId, ms.map((m) => m.id), ms.map((m) => m.seq), ms.map((m) => m.type), ms.map((m) => m.actorId), ms.map((m) => m.at)],
  );
  const claims = new Map<string, Claim>(claimed.rows.map((r) => [r.id, { status: 'claimed', pos: r.pos }]));
  const taken = ms.filter((m) => !claims.has(m.id)).map((m) => m.id);
  if (taken.length > 0) {
    const owners = await tx.query<{ id: string; device_id: string; pos: string }>(`SELECT a.id, a.device_id, a.xid::text || ':' || COALESCE(a.end_seq, e.end_seq, 0)::text AS pos
         FROM applied_mutations a LEFT JOIN push_end_positions e ON e.xid = a.xid WHERE a.id = ANY($1::uuid[])`, [taken]);
    for (const o of owners.rows) claims.set(o.id, o.device_id === device.deviceId ? { status: 'duplicate', pos: o.pos } : { status: 'conflict' });
  }
  return claims;
}

interface PushContext {
  /** Roles of the push's actors who belong to the token's branch (admins too: they sell at a counter). */
  roles: Map<string, Role>;
  setting: SaleSetting;
}

/** What no mutation of the push can change, read once per push in one round trip. */
async function loadPushContext(tx: Queryable, device: PushingDevice, actorIds: readonly string[]): Promise<PushContext> {
  const found = await tx.query<{ state_code: string; invoice_prefix: string; roles: { id: string; role: Role }[]; rules: TaxRateRow[] }>(
    `SELECT b.state_code, d.invoice_prefix,
            COALESCE((SELECT json_agg(json_build_object('id', u.id, 'role', u.role)) FROM users u JOIN user_branches ub ON ub.user_id = u.id
                       WHERE u.id = ANY($2::uuid[]) AND ub.branch_id = $3), '[]') AS roles,
            COALESCE((SELECT json_agg(t) FROM tax_rates t), '[]') AS rules
       FROM devices d JOIN branches b ON b.id = d.branch_id WHERE d.id = $1`,
    [device.deviceId, [...new Set(actorIds)], device.branchId],
  );
  const row = found.rows[0];
  return {
    roles: new Map((row?.roles ?? []).map((r) => [r.id, r.role])),
    setting: { supplierState: row?.state_code ?? '', invoicePrefix: row?.invoice_prefix ?? '', rules: (row?.rules ?? []).map(taxRuleOf) },
  };
}

function idOf(raw: object): string {
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'string' ? id : '';
}

const rejected = (id: string, error: MutationRejected): PushResult => ({ id, status: 'rejected', code: error.code, message: error.message });

/** Applies the claimed mutations in `seq` order inside the push's transaction; fills `results`. */
async function applyAll(tx: Queryable, device: PushingDevice, work: readonly { index: number; p: Prepared }[], results: PushResult[]): Promise<void> {
  const claims = await claimAll(tx, device, work.map((w) => w.p.m));
  const { roles, setting } = await loadPushContext(tx, device, work.map((w) => w.p.m.actorId));
  // Receipts lock the products of new lots; taking all of them here, in id order, keeps two
  // pushes with receipts from locking products in opposite orders.
  const products = [...new Set(work.flatMap((w) => (w.p.kind === 'other' && claims.get(w.p.m.id)?.status === 'claimed' ? w.p.lockProducts : [])))].sort();
  if (products.length > 0) await tx.query('SELECT 1 FROM products WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE', [products]);

  const effects = new PushEffects();
  const unclaim: string[] = [];
  let run: { index: number; sale: SaleToApply; pos: string }[] = [];
  const flushRun = async (): Promise<void> => {
    if (run.length === 0) return;
    const outcomes = await applySaleRun(tx, setting, run.map((r) => r.sale));
    run.forEach(({ index, sale, pos }, i) => {
      const outcome = outcomes[i] as SaleOutcome;
      if (outcome instanceof MutationRejected) {
        unclaim.push(sale.ctx.mutationId);
        results[index] = rejected(sale.ctx.mutationId, outcome);
        return;
      }
      if (outcome === 'applied') effects.absorb(sale.ctx.effects);
      results[index] = { id: sale.ctx.mutationId, status: outcome, pos };
    });
    run = [];
  };

  for (const { index, p } of work) {
    const { m } = p;
    const claim = claims.get(m.id);
    if (claim === undefined || claim.status === 'conflict') {
      results[index] = { id: m.id, status: 'rejected', code: 'mutation.conflict', message: 'This mutation id was already used by another device.' };
      continue;
    }
    if (claim.status === 'duplicate') {
      results[index] = { id: m.id, status: 'duplicate', pos: claim.pos };
      continue;
    }
    const role = roles.get(m.actorId);
    if (role === undefined) {
      unclaim.push(m.id);
      results[index] = rejected(m.id, new MutationRejected('auth.forbidden', 'The actor is not a staff member of this device’s branch.'));
      continue;
    }
    const ctx: MutationContext = { ...device, mutationId: m.id, seq: m.seq, at: m.at, actorId: m.actorId, actorRole: role, effects: new MutationEffects() };
    if (p.kind === 'sale') {
      run.push({ index, sale: { ctx, p: p.payload }, pos: claim.pos });
      continue;
    }
    await flushRun();
    await tx.query('SAVEPOINT mutation');
    try {
      const status = await p.handler(tx, ctx);
      await tx.query('RELEASE SAVEPOINT mutation');
      if (status === 'applied') effects.absorb(ctx.effects);
      results[index] = { id: m.id, status, pos: claim.pos };
    } catch (error) {
      if (!(error instanceof MutationRejected)) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT mutation');
      unclaim.push(m.id);
      results[index] = rejected(m.id, error);
    }
  }
  await flushRun();
  await effects.flush(tx);
  // A rejected mutation keeps no idempotency record, so it can be retried once the cause is fixed.
  if (unclaim.length > 0) await tx.query('DELETE FROM applied_mutations WHERE id = ANY($1::uuid[])', [unclaim]);
  // After every write: the feed position this push ends at (migrations/011_applied_end_seq.sql),
  // recorded once for the transaction (migrations/013_push_end_positions.sql). Mutations claimed
  // here answer `<xid>:<endSeq>`; a later duplicate answers the same.
  const unclaimed = new Set(unclaim);
  const claimedHere = [...claims].some(([id, c]) => c.status === 'claimed' && !unclaimed.has(id));
  if (claimedHere) {
    const end = await tx.query<{ seq: string }>(
      `INSERT INTO push_end_positions (xid, end_seq) VALUES (pg_current_xact_id(), nextval('change_seq')) RETURNING end_seq::text AS seq`,
    );
    const endSeq = end.rows[0]?.seq ?? '0';
    for (const r of results) if (r.status !== 'rejected' && r.pos !== undefined && r.pos.endsWith(':')) r.pos = `${r.pos}${endSeq}`;
  }
}

/**
 * Applies a batch in `seq` order in one transaction and answers in request order. Rejections
 * (malformed, unsupported, unauthorised, conflicting) are per mutation and write nothing; an
 * unexpected failure (database down) aborts the whole request, nothing of it is kept, and the
 * device's retry applies it, which idempotency makes safe.
 */
export async function pushMutations(db: Db, device: PushingDevice, mutations: readonly object[]): Promise<PushResult[]> {
  const results: PushResult[] = mutations.map((raw) => ({ id: idOf(raw), status: 'rejected' }));
  const valid: { index: number; m: MutationEnvelope }[] = [];
  mutations.forEach((raw, index) => {
    if (checkEnvelope(raw)) valid.push({ index, m: raw });
    else results[index] = { id: idOf(raw), status: 'rejected', code: 'input.invalid', message: describeFailure(checkEnvelope, 'mutation') };
  });
  valid.sort((a, b) => a.m.seq - b.m.seq || a.index - b.index);
  const work: { index: number; p: Prepared }[] = [];
  // The same id twice in one push: the first (in seq order) applies, later copies answer like it.
  const copies: { index: number; of: number }[] = [];
  const firstOf = new Map<string, number>();
  for (const { index, m } of valid) {
    try {
      const p = prepare(m);
      const first = firstOf.get(m.id);
      if (first !== undefined) copies.push({ index, of: first });
      else {
        firstOf.set(m.id, index);
        work.push({ index, p });
      }
    } catch (error) {
      if (!(error instanceof MutationRejected)) throw error;
      results[index] = rejected(m.id, error);
    }
  }
  if (work.length > 0) await db.transaction((tx) => applyAll(tx, device, work, results));
  for (const { index, of } of copies) {
    const first = results[of] as PushResult;
    results[index] = first.status === 'rejected' ? { ...first } : { id: first.id, status: 'duplicate', ...(first.pos === undefined ? {} : { pos: first.pos }) };
  }
  return results;
}
