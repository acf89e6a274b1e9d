/** Test fixtures for sync: a small catalogue with opening stock, and well-formed mutations. */
import { randomBytes } from 'node:crypto';
import { priceInvoice } from '../../../shared/src/gst.js';
import { uuidv7 } from '../../../shared/src/ids.js';
import { paise } from '../../../shared/src/money.js';
import type { Db } from '../db/db.js';
import { recordStockMovement } from '../sync/stock.js';

export const newUuid = (): string => uuidv7(Date.now(), randomBytes(10));

export interface SeededItem {
  productId: string;
  batchId: string;
  mrpPaise: number;
}

/**
 * `count` classical products (HSN 30049014, so 5 % GST) with one batch each expiring in 2030, and
 * `openingQty` of each received into every branch in `branchIds`.
 */
export async function seedCatalogue(db: Db, options: { count: number; branchIds: readonly string[]; openingQty?: number; mrpPaise?: number }): Promise<SeededItem[]> {
  const items: SeededItem[] = [];
  const tag = randomBytes(3).toString('hex');
  await db.transaction(async (tx) => {
    for (let i = 0; i < options.count; i++) {
      const item = { productId: newUuid(), batchId: newUuid(), mrpPaise: options.mrpPaise ?? 10_000 + i * 500 };
      await tx.query(
        `INSERT INTO products (id, sku, name, remedy, potency, form, pack_size, brand, hsn, tax_category, mrp_paise)
         VALUES ($1, $2, $3, 'Arnica montana', '30C', 'dilution', '30 ml', 'SBL', '30049014', 'classical', $4)`,
        [item.productId, `SKU-${tag}-${i}`, `Arnica montana 30C #${i}`, item.mrpPaise],
      );
      await tx.query(`INSERT INTO batches (id, product_id, batch_no, expiry, cost_paise, mrp_paise) VALUES ($1, $2, $3, '2030-12-31', 5000, $4)`, [
        item.batchId,
        item.productId,
        `B${i}`,
        item.mrpPaise,
      ]);
      for (const branchId of options.branchIds) {
        await recordStockMovement(tx, {
          branchId,
          batchId: item.batchId,
          productId: item.productId,
          kind: 'receipt',
          qty: options.openingQty ?? 100,
          at: new Date().toISOString(),
        });
      }
      items.push(item);
    }
  });
  return items;
}

let seqCounter = 0;

export interface TestMutation {
  id: string;
  seq: number;
  type: string;
  at: string;
  actorId: string;
  payload: Record<string, unknown>;
}

/** A sale of `qty` of each item at MRP in a Karnataka branch, paid in cash, with the totals a device prints. */
export function saleMutation(
  actorId: string,
  items: readonly SeededItem[],
  options: { qty?: number; prefix?: string; invoiceNo?: string; totals?: Record<string, number>; at?: string; extra?: Record<string, unknown> } = {},
): TestMutation {
  const qty = options.qty ?? 1;
  const seq = ++seqCounter;
  // What the device prints: the shared pricing engine at 5 % GST, inside the state.
  const priced = priceInvoice({
    lines: items.map((item, i) => ({ key: String(i), hsn: '30049014', rateBp: 500, qty, unitPricePaise: paise(item.mrpPaise), discountPaise: paise(0) })),
    supplierStateCode: '29',
    buyerStateCode: null,
  }).totals;
  const { totalPaise, taxablePaise, cgstPaise, sgstPaise, igstPaise, roundOffPaise } = priced;
  return {
    id: newUuid(),
    seq,
    type: 'sale.completed',
    at: options.at ?? new Date().toISOString(),
    actorId,
    payload: {
      saleId: newUuid(),
      invoiceNo: options.invoiceNo ?? `${options.prefix ?? 'C1'}/2526/${String(seq).padStart(6, '0')}`,
      businessDate: '2026-01-15',
      lines: items.map((item) => ({ productId: item.productId, batchId: item.batchId, qty, unitPricePaise: item.mrpPaise, discountPaise: 0 })),
      payments: [{ method: 'cash', amountPaise: totalPaise }],
      totals: options.totals ?? { totalPaise, taxablePaise, cgstPaise, sgstPaise, igstPaise, roundOffPaise },
      ...options.extra,
    },
  };
}

/** A customer.upserted mutation with a fixed-width HLC built from `clock`. */
export function customerMutation(actorId: string, customer: { customerId?: string; phone: string; name: string; clock: number; gstin?: string | null }): TestMutation {
  return {
    id: newUuid(),
    seq: ++seqCounter,
    type: 'customer.upserted',
    at: new Date().toISOString(),
    actorId,
    payload: {
      customerId: customer.customerId ?? newUuid(),
      phone: customer.phone,
      name: customer.name,
      gstin: customer.gstin ?? null,
      stateCode: null,
      hlc: `${String(customer.clock).padStart(15, '0')}:0000:test`,
    },
  };
}

export interface ReceiptLine {
  productId: string;
  batchId: string;
  batchNo: string;
  expiry: string;
  qty: number;
  freeQty: number;
  costPaise: number;
  mrpPaise: number;
}

/** A stock.received mutation; each line defaults to 10 paid + 2 free of a new lot expiring 2031. */
export function receiptMutation(actorId: string, lines: readonly (Partial<ReceiptLine> & { productId: string })[], payload: Record<string, unknown> = {}): TestMutation {
  return {
    id: newUuid(),
    seq: ++seqCounter,
    type: 'stock.received',
    at: new Date().toISOString(),
    actorId,
    payload: {
      receiptId: newUuid(),
      supplier: 'SBL Pvt Ltd',
      supplierInvoiceNo: `SBL-${seqCounter}`,
      supplierInvoiceDate: '2026-01-10',
      lines: lines.map((l) => ({ batchId: newUuid(), batchNo: `LOT-${seqCounter}`, expiry: '2031-06-30', qty: 10, freeQty: 2, costPaise: 4_000, mrpPaise: 9_000, ...l })),
      ...payload,
    },
  };
}

/** A stock.adjusted mutation (reason damage) approved by `approvedBy`. */
export function adjustmentMutation(
  actorId: string,
  lines: readonly { productId: string; batchId: string; qtyDelta: number }[],
  payload: Record<string, unknown> = {},
): TestMutation {
  return {
    id: newUuid(),
    seq: ++seqCounter,
    type: 'stock.adjusted',
    at: new Date().toISOString(),
    actorId,
    payload: { adjustmentId: newUuid(), reason: 'damage', note: 'Dropped on the floor', approvedBy: actorId, lines: lines.map((l) => ({ ...l })), ...payload },
  };
}
