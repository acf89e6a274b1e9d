/**
 * Applying pushed mutations: each in its own transaction together with its idempotency record,
 * so a mutation is applied exactly once however often a device retries it.
 */
import type { Role } from '../../../shared/src/domain.js';
import type { Db, Queryable } from '../db/db.js';
import type { ServerErrorCode } from '../http/errors.js';
import { describeFailure } from '../http/validation.js';
import { applyCustomerUpserted } from './apply-customer.js';
import { applySaleCompleted } from './apply-sale.js';
import { applySaleVoided } from './apply-void.js';
import { MutationRejected, type MutationContext, type PushingDevice } from './mutation-context.js';
import { checkCustomerUpserted, checkEnvelope, checkSaleCompleted, checkSaleVoided, type MutationEnvelope } from './mutation-schemas.js';

export type PushStatus = 'applied' | 'duplicate' | 'rejected';

export interface PushResult {
  id: string;
  status: PushStatus;
  code?: ServerErrorCode;
  message?: string;
}

type Handler = (tx: Queryable, ctx: MutationContext) => Promise<'applied' | 'duplicate'>;

/** Validates the payload up front (outside any transaction) and returns the handler to run. */
function prepare(m: MutationEnvelope): Handler {
  switch (m.type) {
    case 'sale.completed': {
      if (!checkSaleCompleted(m.payload)) throw new MutationRejected('input.invalid', describeFailure(checkSaleCompleted, 'payload'));
      const payload = m.payload;
      return (tx, ctx) => applySaleCompleted(tx, ctx, payload);
    }
    case 'sale.voided': {
      if (!checkSaleVoided(m.payload)) throw new MutationRejected('input.invalid', describeFailure(checkSaleVoided, 'payload'));
      const payload = m.payload;
      return (tx, ctx) => applySaleVoided(tx, ctx, payload);
    }
    case 'customer.upserted': {
      if (!checkCustomerUpserted(m.payload)) throw new MutationRejected('input.invalid', describeFailure(checkCustomerUpserted, 'payload'));
      const payload = m.payload;
      return (tx, ctx) => applyCustomerUpserted(tx, ctx, payload);
    }
    default:
      throw new MutationRejected('mutation.unsupported', `The server does not apply ${m.type} mutations yet.`);
  }
}

type Outcome = { status: 'applied' | 'duplicate' } | { status: 'conflict' };

async function applyOne(db: Db, device: PushingDevice, m: MutationEnvelope, handler: Handler): Promise<Outcome> {
  return db.transaction<Outcome>(async (tx) => {
    // The idempotency record goes first: a concurrent push of the same id waits on this row and
    // then finds it, so the mutation applies once even when a request is duplicated in flight.
    const claimed = await tx.query(
      `INSERT INTO applied_mutations (id, device_id, branch_id, seq, type, actor_id, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [m.id, device.deviceId, device.branchId, m.seq, m.type, m.actorId, m.at],
    );
    if (claimed.rows.length === 0) {
      const owner = await tx.query<{ device_id: string }>('SELECT device_id FROM applied_mutations WHERE id = $1', [m.id]);
      return owner.rows[0]?.device_id === device.deviceId ? { status: 'duplicate' } : { status: 'conflict' };
    }
    // The actor must belong to the token's branch; admins too (they sell at a branch's counter).
    const actor = await tx.query<{ role: Role }>(
      'SELECT u.role FROM users u JOIN user_branches ub ON ub.user_id = u.id WHERE u.id = $1 AND ub.branch_id = $2',
      [m.actorId, device.branchId],
    );
    const role = actor.rows[0]?.role;
    if (role === undefined) throw new MutationRejected('auth.forbidden', 'The actor is not a staff member of this device’s branch.');
    const status = await handler(tx, { ...device, mutationId: m.id, seq: m.seq, at: m.at, actorId: m.actorId, actorRole: role });
    return { status };
  });
}

function idOf(raw: object): string {
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'string' ? id : '';
}

/**
 * Applies a batch in `seq` order, one transaction per mutation, and answers in request order.
 * Rejections (malformed, unsupported, unauthorised) are per mutation; an unexpected failure
 * (database down) aborts the request so the device retries, which idempotency makes safe.
 */
export async function pushMutations(db: Db, device: PushingDevice, mutations: readonly object[]): Promise<PushResult[]> {
  const results: PushResult[] = mutations.map((raw) => ({ id: idOf(raw), status: 'rejected' }));
  const valid: { index: number; m: MutationEnvelope }[] = [];
  mutations.forEach((raw, index) => {
    if (checkEnvelope(raw)) valid.push({ index, m: raw });
    else results[index] = { id: idOf(raw), status: 'rejected', code: 'input.invalid', message: describeFailure(checkEnvelope, 'mutation') };
  });
  valid.sort((a, b) => a.m.seq - b.m.seq || a.index - b.index);
  for (const { index, m } of valid) {
    try {
      const outcome = await applyOne(db, device, m, prepare(m));
      results[index] =
        outcome.status === 'conflict'
          ? { id: m.id, status: 'rejected', code: 'mutation.conflict', message: 'This mutation id was already used by another device.' }
          : { id: m.id, status: outcome.status };
    } catch (error) {
      if (!(error instanceof MutationRejected)) throw error;
      results[index] = { id: m.id, status: 'rejected', code: error.code, message: error.message };
    }
  }
  return results;
}
