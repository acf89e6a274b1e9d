/**
 * Applying pulled pages to the local store: server-owned tables (catalogue, tax rates, branches,
 * staff, customers) into the tables the counter reads, the branch's stock levels into
 * `server_stock`, and everything else into `replica_rows`.
 *
 * Shown stock = server level + this device's movements the server level does not include yet.
 * The push answer says where the applying transaction sat in the feed: its xid and the sequence
 * value it took after all its writes. A stock level entry includes the movement when that same
 * transaction wrote it, or when its sequence value is higher: any other writer of the level either
 * wrote before (and was overwritten) or waited for the transaction's row lock and drew its value
 * after. (Comparing xids alone is wrong: an older transaction may write the level after a younger
 * one committed.) Exact whatever the order of answers and pages: the fault suite's race test.
 *
 * Across pages a child can arrive before its parent (docs/sync-protocol.md, Order), so a page is
 * applied with foreign-key checks off; the replica is whole once a pull ends with hasMore false.
 */
import { productSearchText } from '../services/catalog-service.js';
import { stmt, type Db } from '../store/open-store.js';
import { featureApplier } from './replica-appliers.js';
import type { PulledChange } from './server-api.js';

type Row = Record<string, unknown>;

const text = (row: Row, key: string, fallback = ''): string => (typeof row[key] === 'string' ? (row[key] as string) : fallback);
const textOrNull = (row: Row, key: string): string | null => (typeof row[key] === 'string' ? (row[key] as string) : null);
const int = (row: Row, key: string): number => (typeof row[key] === 'number' ? (row[key] as number) : 0);
const bool = (row: Row, key: string): number => (row[key] === false ? 0 : 1);

export interface FeedPosition {
  xid: number;
  seq: number;
}

/** `<xid>:<seq>`; both fit a JS number for the life of any real cluster (2^53). */
export function positionOf(pos: string | undefined): FeedPosition {
  const match = /^(\d{1,16}):(\d{1,16})$/.exec(pos ?? '');
  const xid = Number(match?.[1]);
  const seq = Number(match?.[2]);
  if (match === null || !Number.isSafeInteger(xid) || !Number.isSafeInteger(seq)) throw new Error(`feed position ${String(pos)} is not <xid>:<seq>`);
  return { xid, seq };
}

/** Runs `fn` in one IMMEDIATE transaction with foreign keys off (restored afterwards). */
export function withoutForeignKeys<T>(db: Db, fn: () => T): T {
  db.pragma('foreign_keys = OFF');
  try {
    return db.transaction(fn).immediate();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/** Applies one page's changes. Call inside `withoutForeignKeys`, together with saving the cursor. */
export function applyChanges(db: Db, changes: readonly PulledChange[], now: string): void {
  for (const change of changes) {
    const row = change.row;
    const id = text(row, 'id');
    if (id === '') continue;
    switch (change.table) {
      case 'branches':
        if (change.op === 'delete') break; // branches are never deleted: sales refer to them
        stmt(db, /* sql */ `INSERT INTO branches (id, code, name, state_code, gstin, address, phone) VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, state_code = excluded.state_code, gstin = excluded.gstin,
            address = excluded.address, phone = excluded.phone`)
          .run(id, text(row, 'code'), text(row, 'name'), text(row, 'stateCode'), textOrNull(row, 'gstin'), text(row, 'address'), text(row, 'phone'));
        break;
      case 'tax_rates':
        if (change.op === 'delete') stmt(db, /* sql */ `DELETE FROM tax_rates WHERE id = ?`).run(id);
        else
          stmt(db, /* sql */ `INSERT INTO tax_rates (id, hsn_prefix, category, rate_bp, effective_from, effective_to) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET hsn_prefix = excluded.hsn_prefix, category = excluded.category, rate_bp = excluded.rate_bp,
              effective_from = excluded.effective_from, effective_to = excluded.effective_to`)
            .run(id, text(row, 'hsnPrefix'), text(row, 'category'), int(row, 'rateBp'), text(row, 'effectiveFrom'), textOrNull(row, 'effectiveTo'));
        break;
      case 'products':
        if (change.op === 'delete') stmt(db, /* sql */ `UPDATE products SET active = 0 WHERE id = ?`).run(id);
        else upsertProduct(db, id, row);
        break;
      case 'batches':
        if (change.op === 'delete') break; // a batch with history stays; the server never deletes one
        stmt(db, /* sql */ `INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET product_id = excluded.product_id, batch_no = excluded.batch_no, expiry = excluded.expiry,
            cost_paise = excluded.cost_paise, mrp_paise = excluded.mrp_paise`)
          .run(id, text(row, 'productId'), text(row, 'batchNo'), text(row, 'expiry'), int(row, 'costPaise'), int(row, 'mrpPaise'));
        break;
      case 'users':
        // Staff are referred to by sales: leaving the branch deactivates, it never deletes.
        if (change.op === 'delete') stmt(db, /* sql */ `UPDATE staff SET active = 0 WHERE id = ?`).run(id);
        else
          stmt(db, /* sql */ `INSERT INTO staff (id, branch_id, name, role, pin_hash, active) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET branch_id = excluded.branch_id, name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash, active = excluded.active`)
            // No PIN on the server (an office-only admin): '!' is no scrypt hash, so no PIN matches it.
            .run(id, text(row, 'branchId'), text(row, 'name'), text(row, 'role'), textOrNull(row, 'pinHash') ?? '!', bool(row, 'active'));
        break;
      case 'customers':
        if (change.op === 'delete') break;
        // Last writer wins by HLC: a newer local edit waiting to be pushed is not overwritten.
        stmt(db, /* sql */ `INSERT INTO customers (id, phone, name, gstin, state_code, hlc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET phone = excluded.phone, name = excluded.name, gstin = excluded.gstin, state_code = excluded.state_code, hlc = excluded.hlc
          WHERE excluded.hlc >= customers.hlc`)
          .run(id, text(row, 'phone'), text(row, 'name'), textOrNull(row, 'gstin'), textOrNull(row, 'stateCode'), text(row, 'hlc'), now);
        break;
      case 'stock_levels':
        applyStockLevel(db, change, id);
        break;
      default: {
        const applier = featureApplier(change.table);
        if (applier !== undefined) {
          applier(db, change, id, now);
          break;
        }
        if (change.op === 'delete') stmt(db, /* sql */ `DELETE FROM replica_rows WHERE table_name = ? AND id = ?`).run(change.table, id);
        else
          stmt(db, /* sql */ `INSERT INTO replica_rows (table_name, id, row) VALUES (?, ?, ?) ON CONFLICT (table_name, id) DO UPDATE SET row = excluded.row`)
            .run(change.table, id, JSON.stringify(row));
      }
    }
  }
}

function upsertProduct(db: Db, id: string, row: Row): void {
  const barcode = textOrNull(row, 'barcode');
  const sku = text(row, 'sku');
  // sku and barcode are unique: when one moved to this product from another, the other's row is
  // updated later in the feed; until then it gives the value up.
  if (barcode !== null) stmt(db, /* sql */ `UPDATE products SET barcode = NULL WHERE barcode = ? AND id <> ?`).run(barcode, id);
  stmt(db, /* sql */ `UPDATE products SET sku = sku || '~' || id WHERE sku = ? AND id <> ?`).run(sku, id);
  const values = [
    sku, text(row, 'name'), text(row, 'remedy'), text(row, 'potency'), text(row, 'form'), text(row, 'packSize'), text(row, 'brand'), text(row, 'hsn'),
    text(row, 'taxCategory', 'classical'), int(row, 'mrpPaise'), barcode, bool(row, 'active'),
  ];
  const existing = stmt(db, /* sql */ `SELECT rowid FROM products WHERE id = ?`).get(id) as { rowid: number } | undefined;
  let rowid: number;
  if (existing === undefined) {
    const info = stmt(db, /* sql */ `INSERT INTO products (sku, name, remedy, potency, form, pack_size, brand, hsn, tax_category, mrp_paise, barcode, active, id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...values, id);
    rowid = Number(info.lastInsertRowid);
  } else {
    stmt(db, /* sql */ `UPDATE products SET sku = ?, name = ?, remedy = ?, potency = ?, form = ?, pack_size = ?, brand = ?, hsn = ?, tax_category = ?,
      mrp_paise = ?, barcode = ?, active = ? WHERE id = ?`).run(...values, id);
    rowid = existing.rowid;
    stmt(db, /* sql */ `DELETE FROM products_fts WHERE rowid = ?`).run(rowid);
  }
  stmt(db, /* sql */ `INSERT INTO products_fts (rowid, search_text, potency) VALUES (?, ?, ?)`).run(
    rowid,
    productSearchText({ remedy: text(row, 'remedy'), name: text(row, 'name'), brand: text(row, 'brand'), form: text(row, 'form'), packSize: text(row, 'packSize') }),
    text(row, 'potency').toLowerCase(),
  );
}

function applyStockLevel(db: Db, change: PulledChange, id: string): void {
  const existing = stmt(db, /* sql */ `SELECT batch_id, product_id FROM server_stock WHERE id = ?`).get(id) as { batch_id: string; product_id: string } | undefined;
  if (change.op === 'delete') {
    if (existing === undefined) return;
    stmt(db, /* sql */ `DELETE FROM server_stock WHERE id = ?`).run(id);
    recomputeShownLevel(db, existing.batch_id, existing.product_id);
    return;
  }
  const row = change.row;
  const batchId = text(row, 'batchId');
  const productId = text(row, 'productId');
  const pos = positionOf(change.pos);
  stmt(db, /* sql */ `INSERT INTO server_stock (id, batch_id, product_id, qty, pos_xid, pos_seq) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET batch_id = excluded.batch_id, product_id = excluded.product_id, qty = excluded.qty, pos_xid = excluded.pos_xid, pos_seq = excluded.pos_seq`)
    .run(id, batchId, productId, int(row, 'qty'), pos.xid, pos.seq);
  stmt(db, /* sql */ `UPDATE stock_movements SET unconfirmed = 0
    WHERE batch_id = ? AND unconfirmed = 1 AND acked_xid IS NOT NULL AND (acked_xid = ? OR acked_seq < ?)`).run(batchId, pos.xid, pos.seq);
  recomputeShownLevel(db, batchId, productId);
}

/** batch_stock (what the counter sells from) = server level + unconfirmed movements of this device. */
export function recomputeShownLevel(db: Db, batchId: string, productId: string): void {
  stmt(db, /* sql */ `INSERT INTO batch_stock (batch_id, product_id, qty)
    VALUES (?, ?, COALESCE((SELECT qty FROM server_stock WHERE batch_id = ?), 0)
                + COALESCE((SELECT SUM(qty) FROM stock_movements WHERE batch_id = ? AND unconfirmed = 1), 0))
    ON CONFLICT (batch_id) DO UPDATE SET qty = excluded.qty`).run(batchId, productId, batchId, batchId);
}

/**
 * After the server acknowledged mutation `mutationId` at `pos`: its movements are confirmed at
 * once where the level already received includes it (a duplicate whose first answer was lost),
 * otherwise by the next level of their batch that does (applyStockLevel).
 */
export function acknowledgeMovements(db: Db, mutationId: string, pos: FeedPosition): void {
  stmt(db, /* sql */ `UPDATE stock_movements SET acked_xid = ?, acked_seq = ? WHERE mutation_id = ?`).run(pos.xid, pos.seq, mutationId);
  const settled = stmt(db, /* sql */ `SELECT DISTINCT m.batch_id, m.product_id FROM stock_movements m JOIN server_stock s ON s.batch_id = m.batch_id
     WHERE m.mutation_id = ? AND m.unconfirmed = 1 AND (s.pos_xid = ? OR s.pos_seq > ?)`).all(mutationId, pos.xid, pos.seq) as { batch_id: string; product_id: string }[];
  for (const b of settled) {
    stmt(db, /* sql */ `UPDATE stock_movements SET unconfirmed = 0 WHERE mutation_id = ? AND batch_id = ?`).run(mutationId, b.batch_id);
    recomputeShownLevel(db, b.batch_id, b.product_id);
  }
}
