import type { CustomerDetail, CustomerListItem, CustomerPurchase, CustomerWallet } from '../../../../shared/src/api/customers-api.js';
import type { Customer } from '../../../../shared/src/domain.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import { GST_STATES, validateGstin } from '../../../../shared/src/gstin.js';
import { paise } from '../../../../shared/src/money.js';
import { normalizeIndianPhone } from '../../../../shared/src/phone.js';
import type { CustomerUpsertedPayload } from '../../../../shared/src/sync-protocol.js';
import { stmt, writeTx } from '../store/open-store.js';
import { deviceRow, newId, nowIso, type CoreContext } from './context.js';
import { customerBalances, readLoyaltyRule } from './loyalty-service.js';
import { enqueueMutation } from './sync-queue.js';

const COLUMNS = /* sql */ `id, phone, name, gstin, state_code AS stateCode`;
/** The balances of each listed customer, from customer_ledger_customer (customer_id, kind). */
const LIST_COLUMNS = /* sql */ `c.id, c.phone, c.name, c.gstin, c.state_code AS stateCode,
  (SELECT COALESCE(SUM(delta), 0) FROM customer_ledger l WHERE l.customer_id = c.id AND l.kind = 'points') AS points,
  (SELECT COALESCE(SUM(delta), 0) FROM customer_ledger l WHERE l.customer_id = c.id AND l.kind = 'store_credit') AS credit`;

type ListRow = Customer & { points: number; credit: number };

const toListItem = ({ points, credit, ...c }: ListRow): CustomerListItem => ({ ...c, balances: { points, storeCreditPaise: paise(credit) } });

/** The exclusive upper bound of a prefix range: 'ab' → 'ab\u{10FFFF}' sorts after every 'ab…'. */
const upper = (prefix: string): string => `${prefix}\u{10FFFF}`;

/** GSTIN → state from its first two digits; without one, an optional state code typed in. */
function b2bFields(gstinInput: string | null | undefined, stateInput: string | null | undefined): ApiResult<{ gstin: string | null; stateCode: string | null }> {
  const gstin = gstinInput == null || gstinInput.trim() === '' ? null : gstinInput.replace(/\s+/g, '').toUpperCase();
  if (gstin !== null) {
    const check = validateGstin(gstin);
    if (check.kind === 'invalid') return fail('customer.gstin_invalid', check.reason);
    return ok({ gstin, stateCode: check.stateCode });
  }
  const stateCode = stateInput == null || stateInput.trim() === '' ? null : stateInput.trim().padStart(2, '0');
  if (stateCode !== null && GST_STATES[stateCode] === undefined) return fail('customer.state_invalid', 'Pick a GST state code (01–38, 97 or 99).');
  return ok({ gstin: null, stateCode });
}

function cleanName(raw: string): ApiResult<string> {
  const name = raw.trim().replace(/\s+/g, ' ');
  return name.length < 2 || name.length > 80 ? fail('input.invalid', 'Enter the customer’s name (2–80 characters).') : ok(name);
}

export class CustomerService {
  constructor(private readonly ctx: CoreContext) {}

  findByPhone(raw: string): ApiResult<Customer | null> {
    const phone = normalizeIndianPhone(raw);
    if (phone === null) return fail('customer.phone_invalid', 'Enter a 10-digit Indian mobile number (starting 6–9).');
    return ok((stmt(this.ctx.db, /* sql */ `SELECT ${COLUMNS} FROM customers WHERE phone = ?`).get(phone) as Customer | undefined) ?? null);
  }

  /**
   * Digits search the phone by prefix (customers_phone), words the name by prefix
   * (customers_name, NOCASE), then any word of the name; an empty query lists everyone by name.
   */
  search(rawQuery: string, limit: number): CustomerListItem[] {
    const db = this.ctx.db;
    const query = rawQuery.trim().replace(/\s+/g, ' ');
    const max = Math.max(1, Math.min(5000, Math.trunc(limit)));
    if (query === '') return (stmt(db, /* sql */ `SELECT ${LIST_COLUMNS} FROM customers c ORDER BY c.name COLLATE NOCASE, c.id LIMIT ?`).all(max) as ListRow[]).map(toListItem);
    const digits = query.replace(/[\s\-+()]/g, '');
    if (/^\d+$/.test(digits)) {
      // A full number may be typed with +91 / 0; a partial one is a prefix of the stored 10 digits.
      const prefix = normalizeIndianPhone(digits) ?? digits;
      const rows = stmt(db, /* sql */ `SELECT ${LIST_COLUMNS} FROM customers c WHERE c.phone >= ? AND c.phone < ? ORDER BY c.phone LIMIT ?`).all(prefix, upper(prefix), max) as ListRow[];
      if (rows.length >= max || prefix.length < 4) return rows.map(toListItem);
      // The last digits of a number are what people remember too: a scan, only for ≥ 4 digits.
      const more = stmt(db, /* sql */ `SELECT ${LIST_COLUMNS} FROM customers c WHERE c.phone LIKE ? AND NOT (c.phone >= ? AND c.phone < ?) ORDER BY c.phone LIMIT ?`)
        .all(`%${prefix}`, prefix, upper(prefix), max - rows.length) as ListRow[];
      return [...rows, ...more].map(toListItem);
    }
    const rows = stmt(db, /* sql */ `SELECT ${LIST_COLUMNS} FROM customers c WHERE c.name COLLATE NOCASE >= ? AND c.name COLLATE NOCASE < ? ORDER BY c.name COLLATE NOCASE LIMIT ?`)
      .all(query, upper(query), max) as ListRow[];
    if (rows.length >= max) return rows.map(toListItem);
    const escaped = query.replace(/[\\%_]/g, (ch) => `\\${ch}`);
    const more = stmt(db, /* sql */ `SELECT ${LIST_COLUMNS} FROM customers c WHERE (' ' || c.name) LIKE ? ESCAPE '\\' AND NOT (c.name COLLATE NOCASE >= ? AND c.name COLLATE NOCASE < ?)
        ORDER BY c.name COLLATE NOCASE LIMIT ?`).all(`% ${escaped}%`, query, upper(query), max - rows.length) as ListRow[];
    return [...rows, ...more].map(toListItem);
  }

  get(customerId: string): Customer | null {
    return (stmt(this.ctx.db, /* sql */ `SELECT ${COLUMNS} FROM customers WHERE id = ?`).get(customerId) as Customer | undefined) ?? null;
  }

  /** The customer, balances, invoices (this counter's and pulled ones of the branch) and ledger. */
  detail(customerId: string): ApiResult<CustomerDetail> {
    const db = this.ctx.db;
    const customer = this.get(customerId);
    if (customer === null) return fail('customer.unknown', 'That customer is not known on this device.');
    const local = stmt(db, /* sql */ `SELECT id, invoice_no, at, business_date, total_paise, status FROM sales WHERE customer_id = ? ORDER BY at DESC LIMIT 500`).all(customerId) as {
      id: string; invoice_no: string; at: string; business_date: string; total_paise: number; status: 'completed' | 'voided';
    }[];
    const purchases: CustomerPurchase[] = local.map((s) => ({ saleId: s.id, invoiceNo: s.invoice_no, at: s.at, businessDate: s.business_date, totalPaise: paise(s.total_paise), status: s.status, thisCounter: true }));
    const mine = new Set(local.map((s) => s.id));
    const pulled = stmt(db, /* sql */ `SELECT id, row FROM replica_rows WHERE table_name = 'sales' AND json_extract(row, '$.customerId') = ?`).all(customerId) as { id: string; row: string }[];
    for (const p of pulled) {
      if (mine.has(p.id)) continue;
      const r = JSON.parse(p.row) as { invoiceNo?: string; at?: string; businessDate?: string; totalPaise?: number; status?: string };
      purchases.push({
        saleId: p.id, invoiceNo: r.invoiceNo ?? '', at: r.at ?? '', businessDate: r.businessDate ?? '', totalPaise: paise(r.totalPaise ?? 0),
        status: r.status === 'voided' ? 'voided' : 'completed', thisCounter: false,
      });
    }
    purchases.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    const ledger = stmt(db, /* sql */ `SELECT id, kind, delta, source_type AS sourceType, source_id AS sourceId, at FROM customer_ledger WHERE customer_id = ? ORDER BY at DESC, id LIMIT 200`)
      .all(customerId) as CustomerDetail['ledger'];
    return ok({ customer, balances: customerBalances(db, customerId), purchases, ledger });
  }

  wallet(customerId: string): ApiResult<CustomerWallet> {
    if (this.get(customerId) === null) return fail('customer.unknown', 'That customer is not known on this device.');
    return ok({ balances: customerBalances(this.ctx.db, customerId), rule: readLoyaltyRule(this.ctx.db) });
  }

  /** Creates a customer at the counter; queued for sync as `customer.upserted` in the same transaction. */
  create(staffId: string, input: { phone: string; name: string; gstin?: string | null; stateCode?: string | null }): ApiResult<Customer> {
    const phone = normalizeIndianPhone(input.phone);
    if (phone === null) return fail('customer.phone_invalid', 'Enter a 10-digit Indian mobile number (starting 6–9).');
    const name = cleanName(input.name);
    if (!name.ok) return name;
    const b2b = b2bFields(input.gstin, input.stateCode);
    if (!b2b.ok) return b2b;
    return writeTx(this.ctx.db, () => {
      if (stmt(this.ctx.db, /* sql */ `SELECT 1 FROM customers WHERE phone = ?`).get(phone) !== undefined) {
        return fail<Customer>('customer.duplicate_phone', `A customer with phone ${phone} already exists; attach them instead.`);
      }
      const customer: Customer = { id: newId(this.ctx), phone, name: name.value, ...b2b.value };
      const hlc = this.nextHlc(null);
      stmt(this.ctx.db, /* sql */ `INSERT INTO customers (id, phone, name, gstin, state_code, hlc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(customer.id, phone, customer.name, customer.gstin, customer.stateCode, hlc, nowIso(this.ctx));
      this.queue(staffId, customer, hlc);
      return ok(customer);
    });
  }

  /** Edits name and B2B details; last writer wins by HLC, so the new clock is above the row's. */
  update(staffId: string, input: { customerId: string; name: string; gstin?: string | null; stateCode?: string | null }): ApiResult<Customer> {
    const name = cleanName(input.name);
    if (!name.ok) return name;
    const b2b = b2bFields(input.gstin, input.stateCode);
    if (!b2b.ok) return b2b;
    return writeTx(this.ctx.db, () => {
      const row = stmt(this.ctx.db, /* sql */ `SELECT phone, hlc FROM customers WHERE id = ?`).get(input.customerId) as { phone: string; hlc: string } | undefined;
      if (row === undefined) return fail<Customer>('customer.unknown', 'That customer is not known on this device.');
      const customer: Customer = { id: input.customerId, phone: row.phone, name: name.value, ...b2b.value };
      const hlc = this.nextHlc(row.hlc);
      stmt(this.ctx.db, /* sql */ `UPDATE customers SET name = ?, gstin = ?, state_code = ?, hlc = ? WHERE id = ?`).run(customer.name, customer.gstin, customer.stateCode, hlc, customer.id);
      this.queue(staffId, customer, hlc);
      return ok(customer);
    });
  }

  private queue(staffId: string, c: Customer, hlc: string): void {
    const payload: CustomerUpsertedPayload = { customerId: c.id, phone: c.phone, name: c.name, gstin: c.gstin, stateCode: c.stateCode, hlc };
    enqueueMutation(this.ctx, 'customer.upserted', staffId, payload);
  }

  /** `<ms, 15 digits>:<counter, 4 digits>:<device>`; above `after` even when this clock is behind. */
  private nextHlc(after: string | null): string {
    const device = deviceRow(this.ctx).id;
    const now = this.ctx.now();
    const match = after === null ? null : /^(\d{15}):(\d{4}):/.exec(after);
    const ms = match === null ? 0 : Number(match[1]);
    if (match === null || now > ms) return `${String(now).padStart(15, '0')}:0000:${device}`;
    const counter = Number(match[2]) + 1;
    if (counter > 9999) return `${String(ms + 1).padStart(15, '0')}:0000:${device}`;
    return `${String(ms).padStart(15, '0')}:${String(counter).padStart(4, '0')}:${device}`;
  }
}
