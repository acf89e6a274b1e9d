/**
 * Stocktake count sheets at the branch, offline: start a sheet for a brand (optionally one form),
 * which snapshots the shown quantity of every batch; count by typing or scanning; post it
 * (./stocktake-post.ts). Counting is a pharmacist's job (or a manager's); posting a manager's.
 */
import type { StaffSummary } from '../../../../shared/src/api-contract.js';
import type { StocktakeBrand, StocktakeLineView, StocktakeSheet, StocktakeStatus, StocktakeSummary } from '../../../../shared/src/api/stocktake-api.js';
import { fail, ok, type ApiResult } from '../../../../shared/src/errors.js';
import type { Paise } from '../../../../shared/src/money.js';
import { canReceiveStock } from '../../../../shared/src/roles.js';
import { defaultScanBatch, MAX_COUNT, varianceReport } from '../../../../shared/src/stocktake.js';
import { stmt, writeTx } from '../store/open-store.js';
import { businessDate, newId, nowIso, type CoreContext } from './context.js';

interface SheetRow {
  id: string;
  brand: string;
  form: string | null;
  status: StocktakeStatus;
  snapshot_at: string;
  started_by: string;
  posted_at: string | null;
  posted_by: string | null;
  lines: number;
  counted: number;
}

interface LineRow {
  batch_id: string;
  product_id: string;
  name: string;
  sku: string;
  barcode: string | null;
  batch_no: string;
  expiry: string;
  expected_qty: number;
  counted_qty: number | null;
  cost_paise: number;
  mrp_paise: number;
}

const SHEET_SELECT = /* sql */ `
  SELECT s.id, s.brand, s.form, s.status, s.snapshot_at, s.posted_at,
         COALESCE(st.name, s.started_by) AS started_by, COALESCE(pb.name, s.posted_by) AS posted_by,
         (SELECT COUNT(*) FROM stocktake_lines l WHERE l.stocktake_id = s.id) AS lines,
         (SELECT COUNT(*) FROM stocktake_lines l WHERE l.stocktake_id = s.id AND l.counted_qty IS NOT NULL) AS counted
    FROM stocktakes s LEFT JOIN staff st ON st.id = s.started_by LEFT JOIN staff pb ON pb.id = s.posted_by`;

const LINE_SELECT = /* sql */ `
  SELECT l.batch_id, l.product_id, p.name, p.sku, p.barcode, b.batch_no, b.expiry, l.expected_qty, l.counted_qty, b.cost_paise, b.mrp_paise
    FROM stocktake_lines l JOIN products p ON p.id = l.product_id JOIN batches b ON b.id = l.batch_id`;

function lineOf(l: LineRow): StocktakeLineView {
  return {
    batchId: l.batch_id, productId: l.product_id, name: l.name, sku: l.sku, barcode: l.barcode, batchNo: l.batch_no, expiry: l.expiry,
    expectedQty: l.expected_qty, countedQty: l.counted_qty, costPaise: l.cost_paise as Paise, mrpPaise: l.mrp_paise as Paise,
  };
}

function summaryOf(r: SheetRow): StocktakeSummary {
  return {
    stocktakeId: r.id, brand: r.brand, form: r.form, status: r.status, snapshotAt: r.snapshot_at, startedBy: r.started_by,
    postedAt: r.posted_at, postedBy: r.posted_by, lines: r.lines, counted: r.counted,
  };
}

export function mayCount(staff: StaffSummary): ApiResult<null> {
  return canReceiveStock(staff.role) ? ok(null) : fail('auth.forbidden', `${staff.name} (${staff.role}) cannot count stock: a pharmacist or manager must.`);
}

export class StocktakeService {
  constructor(private readonly ctx: CoreContext) {}

  /** Brands of the active catalogue with their forms, for the start dialog. */
  brands(): StocktakeBrand[] {
    const rows = stmt(this.ctx.db, /* sql */ `SELECT brand, form, COUNT(*) AS n FROM products WHERE active = 1 GROUP BY brand, form ORDER BY brand, form`).all() as { brand: string; form: string; n: number }[];
    const out = new Map<string, StocktakeBrand>();
    for (const r of rows) {
      const b = out.get(r.brand) ?? { brand: r.brand, forms: [], products: 0 };
      b.forms.push(r.form);
      b.products += r.n;
      out.set(r.brand, b);
    }
    return [...out.values()];
  }

  list(): StocktakeSummary[] {
    const rows = stmt(this.ctx.db, /* sql */ `${SHEET_SELECT} ORDER BY s.status = 'counting' DESC, s.snapshot_at DESC LIMIT 50`).all() as SheetRow[];
    return rows.map(summaryOf);
  }

  /**
   * Starts a sheet: the snapshot is now (this device's clock), and every batch of the brand's
   * products that has stock or is not expired gets a line with its shown quantity.
   */
  start(staff: StaffSummary, brand: string, form: string | null): ApiResult<StocktakeSheet> {
    const allowed = mayCount(staff);
    if (!allowed.ok) return allowed;
    const db = this.ctx.db;
    const b = brand.trim();
    if (stmt(db, /* sql */ `SELECT 1 FROM products WHERE brand = ? AND active = 1 AND (? IS NULL OR form = ?) LIMIT 1`).get(b, form, form) === undefined) {
      return fail('input.invalid', form === null ? `No active products of brand ${b}.` : `No active ${form} products of brand ${b}.`);
    }
    return writeTx(db, () => {
      const id = newId(this.ctx);
      const snapshotAt = nowIso(this.ctx);
      stmt(db, /* sql */ `INSERT INTO stocktakes (id, brand, form, snapshot_at, started_by) VALUES (?, ?, ?, ?, ?)`).run(id, b, form, snapshotAt, staff.id);
      const added = stmt(db, /* sql */ `
        INSERT INTO stocktake_lines (stocktake_id, batch_id, product_id, expected_qty)
        SELECT ?, bt.id, bt.product_id, COALESCE(s.qty, 0)
          FROM batches bt JOIN products p ON p.id = bt.product_id LEFT JOIN batch_stock s ON s.batch_id = bt.id
         WHERE p.brand = ? AND p.active = 1 AND (? IS NULL OR p.form = ?)
           AND (COALESCE(s.qty, 0) <> 0 OR bt.expiry >= ?)`).run(id, b, form, form, businessDate(this.ctx));
      if (added.changes === 0) {
        db.prepare(/* sql */ `DELETE FROM stocktakes WHERE id = ?`).run(id);
        return fail('stocktake.empty', `Brand ${b}${form === null ? '' : ` (${form})`} has no batches in stock to count.`);
      }
      return ok(this.sheetOrThrow(id));
    });
  }

  get(id: string): ApiResult<StocktakeSheet> {
    const sheet = this.sheet(id);
    return sheet === null ? fail('stocktake.unknown', 'That count sheet is not on this device.') : ok(sheet);
  }

  /** Types a count for one batch; null clears it (back to not counted). */
  count(staff: StaffSummary, id: string, batchId: string, countedQty: number | null): ApiResult<StocktakeLineView> {
    const allowed = mayCount(staff);
    if (!allowed.ok) return allowed;
    if (countedQty !== null && (!Number.isInteger(countedQty) || countedQty < 0 || countedQty > MAX_COUNT)) {
      return fail('input.invalid', `A count is a whole number of packs from 0 to ${MAX_COUNT}.`);
    }
    return writeTx(this.ctx.db, () => {
      const open = this.openSheet(id);
      if (!open.ok) return open;
      const changed = stmt(this.ctx.db, /* sql */ `UPDATE stocktake_lines SET counted_qty = ?, counted_by = ?, counted_at = ? WHERE stocktake_id = ? AND batch_id = ?`)
        .run(countedQty, staff.id, nowIso(this.ctx), id, batchId);
      if (changed.changes === 0) return fail('stocktake.not_on_sheet', 'That batch is not on this count sheet.');
      return ok(this.lineOrThrow(id, batchId));
    });
  }

  /** A scanned pack: +1 on the named batch of that product, or on its FEFO default batch. */
  scan(staff: StaffSummary, id: string, barcode: string, batchId: string | null): ApiResult<StocktakeLineView> {
    const allowed = mayCount(staff);
    if (!allowed.ok) return allowed;
    const db = this.ctx.db;
    return writeTx(db, () => {
      const open = this.openSheet(id);
      if (!open.ok) return open;
      const product = stmt(db, /* sql */ `SELECT id, name FROM products WHERE barcode = ?`).get(barcode.trim()) as { id: string; name: string } | undefined;
      if (product === undefined) return fail('catalog.barcode_unknown', `No product has barcode ${barcode.trim()}.`);
      const candidates = stmt(db, /* sql */ `SELECT l.batch_id AS batchId, b.expiry, l.expected_qty AS expectedQty FROM stocktake_lines l JOIN batches b ON b.id = l.batch_id WHERE l.stocktake_id = ? AND l.product_id = ?`)
        .all(id, product.id) as { batchId: string; expiry: string; expectedQty: number }[];
      const target = batchId !== null && candidates.some((c) => c.batchId === batchId) ? batchId : defaultScanBatch(candidates, businessDate(this.ctx));
      if (target === null) return fail('stocktake.not_on_sheet', `${product.name} is not on this count sheet (another brand or form).`);
      const done = stmt(db, /* sql */ `UPDATE stocktake_lines SET counted_qty = COALESCE(counted_qty, 0) + 1, counted_by = ?, counted_at = ? WHERE stocktake_id = ? AND batch_id = ? AND COALESCE(counted_qty, 0) < ?`)
        .run(staff.id, nowIso(this.ctx), id, target, MAX_COUNT);
      if (done.changes === 0) return fail('input.invalid', `That batch already holds the largest count (${MAX_COUNT}).`);
      return ok(this.lineOrThrow(id, target));
    });
  }

  cancel(staff: StaffSummary, id: string): ApiResult<StocktakeSheet> {
    const allowed = mayCount(staff);
    if (!allowed.ok) return allowed;
    return writeTx(this.ctx.db, () => {
      const open = this.openSheet(id);
      if (!open.ok) return open;
      stmt(this.ctx.db, /* sql */ `UPDATE stocktakes SET status = 'cancelled' WHERE id = ?`).run(id);
      return ok(this.sheetOrThrow(id));
    });
  }

  /** The sheet when it is still being counted (call inside the writing transaction). */
  openSheet(id: string): ApiResult<null> {
    const row = stmt(this.ctx.db, /* sql */ `SELECT status FROM stocktakes WHERE id = ?`).get(id) as { status: StocktakeStatus } | undefined;
    if (row === undefined) return fail('stocktake.unknown', 'That count sheet is not on this device.');
    if (row.status !== 'counting') return fail('stocktake.closed', `That count sheet is already ${row.status}; start a new one to count again.`);
    return ok(null);
  }

  sheet(id: string): StocktakeSheet | null {
    const db = this.ctx.db;
    const row = stmt(db, /* sql */ `${SHEET_SELECT} WHERE s.id = ?`).get(id) as SheetRow | undefined;
    if (row === undefined) return null;
    const lines = stmt(db, /* sql */ `${LINE_SELECT} WHERE l.stocktake_id = ? ORDER BY p.name, b.expiry, b.batch_no`).all(id) as LineRow[];
    const items = lines.map(lineOf);
    return { ...summaryOf(row), items, report: varianceReport(items) };
  }

  private lineOrThrow(id: string, batchId: string): StocktakeLineView {
    const row = stmt(this.ctx.db, /* sql */ `${LINE_SELECT} WHERE l.stocktake_id = ? AND l.batch_id = ?`).get(id, batchId) as LineRow | undefined;
    if (row === undefined) throw new Error(`stocktake line ${id}/${batchId} vanished inside its transaction`);
    return lineOf(row);
  }

  sheetOrThrow(id: string): StocktakeSheet {
    const sheet = this.sheet(id);
    if (sheet === null) throw new Error(`stocktake ${id} vanished inside its transaction`);
    return sheet;
  }
}
