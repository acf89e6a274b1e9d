/**
 * `customer.upserted`: organisation-wide customers, last writer wins by the device's hybrid
 * logical clock (`hlc`, fixed-width so text order is time order). An older write applies as a
 * no-op: the mutation is still `applied` (the device's fact was seen), the newer row stands.
 */
import { validateGstin } from '../../../shared/src/gstin.js';
import { normalizeIndianPhone } from '../../../shared/src/phone.js';
import type { Queryable } from '../db/db.js';
import { MutationRejected, type MutationContext } from './mutation-context.js';
import type { CustomerUpserted } from './mutation-schemas.js';

export async function applyCustomerUpserted(tx: Queryable, ctx: MutationContext, p: CustomerUpserted): Promise<'applied'> {
  const phone = normalizeIndianPhone(p.phone);
  if (phone === null) throw new MutationRejected('customer.phone_invalid', `Not an Indian mobile number: ${p.phone}.`);
  let stateCode = p.stateCode;
  if (p.gstin !== null) {
    const check = validateGstin(p.gstin);
    if (check.kind === 'invalid') throw new MutationRejected('customer.gstin_invalid', `GSTIN: ${check.reason}`);
    stateCode = check.stateCode;
  }
  const written = await tx.query(
    `INSERT INTO customers (id, phone, name, gstin, state_code, hlc) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET phone = EXCLUDED.phone, name = EXCLUDED.name, gstin = EXCLUDED.gstin,
       state_code = EXCLUDED.state_code, hlc = EXCLUDED.hlc, updated_at = now()
     WHERE customers.hlc < EXCLUDED.hlc
     RETURNING id`,
    [p.customerId, phone, p.name, p.gstin, stateCode, p.hlc],
  );
  if (written.rows.length === 0) return 'applied';
  // Two counters may register one phone while offline: both rows stand, someone merges them later.
  const twin = await tx.query<{ id: string }>('SELECT id FROM customers WHERE phone = $1 AND id <> $2 LIMIT 1', [phone, p.customerId]);
  if (twin.rows[0] !== undefined) {
    ctx.effects.flag({
      kind: 'customer.duplicate_phone',
      branchId: ctx.branchId,
      deviceId: ctx.deviceId,
      mutationId: ctx.mutationId,
      refId: p.customerId,
      details: { phone, otherCustomerId: twin.rows[0].id },
    });
  }
  ctx.effects.publish({
    type: 'customer.upserted',
    aggregateId: p.customerId,
    branchId: ctx.branchId,
    payload: { customerId: p.customerId, phone, name: p.name, gstin: p.gstin, stateCode },
  });
  return 'applied';
}
