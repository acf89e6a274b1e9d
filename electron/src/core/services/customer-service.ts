import type { Customer } from '../../../../shared/src/domain.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import { validateGstin } from '../../../../shared/src/gstin.js';
import { normalizeIndianPhone } from '../../../../shared/src/phone.js';
import type { CustomerUpsertedPayload } from '../../../../shared/src/sync-protocol.js';
import { stmt, writeTx } from '../store/open-store.js';
import { deviceRow, newId, nowIso, type CoreContext } from './context.js';
import { enqueueMutation } from './sync-queue.js';

const COLUMNS = /* sql */ `id, phone, name, gstin, state_code AS stateCode`;

export class CustomerService {
  constructor(private readonly ctx: CoreContext) {}

  findByPhone(raw: string): ApiResult<Customer | null> {
    const phone = normalizeIndianPhone(raw);
    if (phone === null) return fail('customer.phone_invalid', 'Enter a 10-digit Indian mobile number (starting 6–9).');
    return ok((stmt(this.ctx.db, /* sql */ `SELECT ${COLUMNS} FROM customers WHERE phone = ?`).get(phone) as Customer | undefined) ?? null);
  }

  /** Creates a customer at the counter; queued for sync as `customer.upserted` in the same transaction. */
  create(staffId: string, input: { phone: string; name: string; gstin?: string | null }): ApiResult<Customer> {
    const phone = normalizeIndianPhone(input.phone);
    if (phone === null) return fail('customer.phone_invalid', 'Enter a 10-digit Indian mobile number (starting 6–9).');
    const name = input.name.trim().replace(/\s+/g, ' ');
    if (name.length < 2 || name.length > 80) return fail('input.invalid', 'Enter the customer’s name (2–80 characters).');
    let gstin: string | null = null;
    let stateCode: string | null = null;
    if (input.gstin != null && input.gstin.trim() !== '') {
      gstin = input.gstin.trim().toUpperCase();
      const check = validateGstin(gstin);
      if (check.kind === 'invalid') return fail('customer.gstin_invalid', check.reason);
      stateCode = check.stateCode;
    }
    return writeTx(this.ctx.db, () => {
      if (stmt(this.ctx.db, /* sql */ `SELECT 1 FROM customers WHERE phone = ?`).get(phone) !== undefined) {
        return fail<Customer>('customer.duplicate_phone', `A customer with phone ${phone} already exists; attach them instead.`);
      }
      const customer: Customer = { id: newId(this.ctx), phone, name, gstin, stateCode };
      const hlc = `${String(this.ctx.now()).padStart(15, '0')}:0000:${deviceRow(this.ctx).id}`;
      stmt(this.ctx.db, /* sql */ `INSERT INTO customers (id, phone, name, gstin, state_code, hlc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(customer.id, phone, name, gstin, stateCode, hlc, nowIso(this.ctx));
      const payload: CustomerUpsertedPayload = { customerId: customer.id, phone, name, gstin, stateCode, hlc };
      enqueueMutation(this.ctx, 'customer.upserted', staffId, payload);
      return ok(customer);
    });
  }
}
