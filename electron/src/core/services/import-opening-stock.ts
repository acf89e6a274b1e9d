/**
 * Opening stock from a checked file: the lookups the checker needs (read once from the store),
 * and the commit. The commit is ONE immediate transaction: per part of at most 500 rows a goods
 * receipt from 'Opening stock' — new batches, one receipt movement per row, the levels, and its
 * `stock.received` mutation (enqueueMutation links the part's movements to it) — plus the import
 * row. The server applies the parts with the ordinary goods-receipt applier.
 */
import type { StaffSummary } from '../../../../shared/src/api-contract.js';
import type { OpeningStockRow, StockLookups } from '../../../../shared/src/csv/opening-stock-rows.js';
import type { Paise } from '../../../../shared/src/money.js';
import type { StockReceivedPayload } from '../../../../shared/src/sync-protocol.js';
import { stmt, type Db } from '../store/open-store.js';
import { businessDate, newId, nowIso, type CoreContext } from './context.js';
import { enqueueMutation } from './sync-queue.js';

/** Lines per stock.received mutation: the server's payload limit is 500. */
export const LINES_PER_RECEIPT = 500;
export const OPENING_SUPPLIER = 'Opening stock';

export interface ProductRef {
  id: string;
  sku: string;
  name: string;
  brand: string;
  mrpPaise: Paise;
}

export interface StoreLookups extends StockLookups {
  bySku(sku: string): ProductRef | undefined;
  byBarcode(barcode: string): ProductRef | undefined;
}

/** The catalogue and the batches on this device, keyed for the checker (SKU and batch number without regard to case). */
export function storeLookups(db: Db): StoreLookups {
  const skus = new Map<string, ProductRef>();
  const barcodes = new Map<string, ProductRef>();
  const products = db.prepare(/* sql */ `SELECT id, sku, name, brand, mrp_paise AS mrpPaise, barcode FROM products`).all() as (ProductRef & { barcode: string | null })[];
  for (const p of products) {
    const ref = { id: p.id, sku: p.sku, name: p.name, brand: p.brand, mrpPaise: p.mrpPaise };
    skus.set(p.sku.toUpperCase(), ref);
    if (p.barcode !== null) barcodes.set(p.barcode, ref);
  }
  const lots = new Map<string, { batchId: string; expiry: string; atBranch: boolean }>();
  const batches = db
    .prepare(
      /* sql */ `SELECT b.id, b.product_id AS productId, b.batch_no AS batchNo, b.expiry,
                        EXISTS (SELECT 1 FROM batch_stock s WHERE s.batch_id = b.id) OR EXISTS (SELECT 1 FROM stock_movements m WHERE m.batch_id = b.id) AS atBranch
                   FROM batches b ORDER BY b.id`,
    )
    .all() as { id: string; productId: string; batchNo: string; expiry: string; atBranch: number }[];
  for (const b of batches) {
    const key = `${b.productId}\u0000${b.batchNo.toUpperCase()}`;
    const seen = lots.get(key);
    // Two batch ids of one lot (received offline at two counters): the branch's own wins.
    if (seen === undefined || (!seen.atBranch && b.atBranch === 1)) lots.set(key, { batchId: b.id, expiry: b.expiry, atBranch: b.atBranch === 1 });
  }
  return {
    bySku: (sku) => skus.get(sku.toUpperCase()),
    byBarcode: (barcode) => barcodes.get(barcode),
    lotOnFile: (productId, batchNo) => lots.get(`${productId}\u0000${batchNo.toUpperCase()}`),
  };
}

export interface OpeningStockCommit {
  importId: string;
  rows: number;
  units: number;
  mutations: number;
}

/** Records checked rows; call inside the transaction that re-checked them. */
export function recordOpeningStock(ctx: CoreContext, staff: StaffSummary, fileName: string, rows: readonly OpeningStockRow[]): OpeningStockCommit {
  const db = ctx.db;
  const importId = newId(ctx);
  const at = nowIso(ctx);
  const today = businessDate(ctx);
  const insertBatch = stmt(db, /* sql */ `INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertMove = stmt(db, /* sql */ `INSERT INTO stock_movements (id, batch_id, product_id, kind, qty, ref_id, at, staff_id) VALUES (?, ?, ?, 'receipt', ?, ?, ?, ?)`);
  const addLevel = stmt(db, /* sql */ `INSERT INTO batch_stock (batch_id, product_id, qty) VALUES (?, ?, ?) ON CONFLICT (batch_id) DO UPDATE SET qty = qty + excluded.qty`);
  let units = 0;
  let cost = 0;
  const receipts: { receiptId: string; lines: number }[] = [];
  for (let start = 0; start < rows.length; start += LINES_PER_RECEIPT) {
    const part = rows.slice(start, start + LINES_PER_RECEIPT);
    const receiptId = newId(ctx);
    const lines: StockReceivedPayload['lines'] = [];
    for (const r of part) {
      const batchId = r.batchId ?? newId(ctx);
      if (r.batchId === null) insertBatch.run(batchId, r.productId, r.batchNo, r.expiry, r.costPaise, r.mrpPaise);
      insertMove.run(newId(ctx), batchId, r.productId, r.qty, receiptId, at, staff.id);
      addLevel.run(batchId, r.productId, r.qty);
      lines.push({ productId: r.productId, batchId, batchNo: r.batchNo, expiry: r.expiry, qty: r.qty, freeQty: 0, costPaise: r.costPaise, mrpPaise: r.mrpPaise });
      units += r.qty;
      cost += r.qty * r.costPaise;
    }
    const partNo = receipts.length + 1;
    const payload: StockReceivedPayload = {
      receiptId,
      supplier: OPENING_SUPPLIER,
      supplierInvoiceNo: `OPENING-${importId.slice(-12)}-${partNo}`,
      supplierInvoiceDate: today,
      lines,
    };
    enqueueMutation(ctx, 'stock.received', staff.id, payload);
    receipts.push({ receiptId, lines: part.length });
  }
  stmt(db, /* sql */ `INSERT INTO stock_imports (id, file_name, staff_id, at, rows, units, cost_paise) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    .run(importId, fileName.slice(0, 200), staff.id, at, rows.length, units, cost);
  const link = stmt(db, /* sql */ `INSERT INTO stock_import_receipts (receipt_id, import_id, part_no, lines) VALUES (?, ?, ?, ?)`);
  receipts.forEach((r, i) => link.run(r.receiptId, importId, i + 1, r.lines));
  return { importId, rows: rows.length, units, mutations: receipts.length };
}
