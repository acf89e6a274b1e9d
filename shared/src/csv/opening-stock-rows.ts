/**
 * The opening-stock import file: one batch of one product per row (product by SKU or barcode,
 * batch number, expiry, quantity, cost, MRP). Opening stock records lots that are not yet on
 * file at the branch, so a lot already on file is an error (this also catches a second import
 * of the same file).
 */
import type { Paise } from '../money.js';
import { ImportCheck } from './import-check.js';
import { cell, columnName, type ColumnDef, type HeaderMap, type RowError } from './import-columns.js';
import { parseExpiry, parseMoney, parseQty, parseText, type Parsed } from './import-values.js';

export type OpeningStockColumn = 'sku' | 'barcode' | 'batchNo' | 'expiry' | 'qty' | 'cost' | 'mrp';

export const OPENING_STOCK_COLUMNS: readonly ColumnDef<OpeningStockColumn>[] = [
  { key: 'sku', label: 'sku', aliases: ['product code', 'item code', 'code'], required: false },
  { key: 'barcode', label: 'barcode', aliases: ['ean', 'ean13', 'gtin'], required: false },
  { key: 'batchNo', label: 'batch no', aliases: ['batch', 'batch number', 'lot', 'lot no'], required: true },
  { key: 'expiry', label: 'expiry', aliases: ['expiry date', 'exp', 'exp date', 'expires'], required: true },
  { key: 'qty', label: 'qty', aliases: ['quantity', 'stock', 'units'], required: true },
  { key: 'cost', label: 'cost', aliases: ['cost price', 'purchase price', 'rate'], required: true },
  { key: 'mrp', label: 'mrp', aliases: ['mrp rs', 'mrp inr'], required: false },
];

export interface OpeningStockRow {
  line: number;
  productId: string;
  sku: string;
  batchNo: string;
  expiry: string;
  qty: number;
  costPaise: Paise;
  mrpPaise: Paise;
  /** The batch on file to add the stock to (a lot another branch holds), or null for a new batch. */
  batchId: string | null;
}

export interface StockLookups {
  /** The product with this SKU (case as on file), if any. */
  bySku(sku: string): { id: string; sku: string; mrpPaise: Paise } | undefined;
  byBarcode(barcode: string): { id: string; sku: string; mrpPaise: Paise } | undefined;
  /**
   * This lot of this product as the device knows it: batches are organisation-wide (another branch
   * may hold the same lot), `atBranch` when this branch has stock or movements of it.
   */
  lotOnFile(productId: string, batchNo: string): { batchId: string; expiry: string; atBranch: boolean } | undefined;
}

/** A checker of opening-stock files against the branch's catalogue and batches. */
export function openingStockCheck(lookups: StockLookups): ImportCheck<OpeningStockColumn, OpeningStockRow> {
  const lotLine = new Map<string, number>();
  const check = new ImportCheck(OPENING_STOCK_COLUMNS, (record, map: HeaderMap<OpeningStockColumn>, errors: RowError[]) => {
    const row = record.line;
    const get = (k: OpeningStockColumn): string => cell(map, record.fields, k);
    const col = (k: OpeningStockColumn): string => columnName(map, OPENING_STOCK_COLUMNS, k);
    const take = <T>(k: OpeningStockColumn, r: Parsed<T>): T | null => {
      if (r.ok) return r.value;
      errors.push({ row, column: col(k), reason: r.reason });
      return null;
    };
    const skuText = get('sku');
    const barcodeText = get('barcode');
    let product: { id: string; sku: string; mrpPaise: Paise } | undefined;
    if (skuText !== '') {
      product = lookups.bySku(skuText);
      if (product === undefined) errors.push({ row, column: col('sku'), reason: `No product with SKU ${skuText} in the catalogue.` });
      else if (barcodeText !== '') {
        const other = lookups.byBarcode(barcodeText);
        if (other?.id !== product.id) errors.push({ row, column: col('barcode'), reason: `Barcode ${barcodeText} is not the barcode of SKU ${product.sku}.` });
      }
    } else if (barcodeText !== '') {
      product = lookups.byBarcode(barcodeText);
      if (product === undefined) errors.push({ row, column: col('barcode'), reason: `No product with barcode ${barcodeText} in the catalogue.` });
    } else errors.push({ row, column: col('sku'), reason: 'Name the product: enter its SKU or its barcode.' });

    const batchNo = take('batchNo', parseText(get('batchNo'), 'batch number', 64));
    const expiry = take('expiry', parseExpiry(get('expiry')));
    const qty = take('qty', parseQty(get('qty')));
    const costPaise = take('cost', parseMoney(get('cost'), 'cost', true));
    const mrpText = get('mrp');
    const mrpPaise = mrpText === '' ? (product?.mrpPaise ?? null) : take('mrp', parseMoney(mrpText, 'MRP', false));
    if (costPaise !== null && mrpPaise !== null && costPaise > mrpPaise) {
      errors.push({ row, column: col('cost'), reason: 'The cost is above the MRP: check the two columns.' });
    }
    let onFile: { batchId: string; expiry: string; atBranch: boolean } | undefined;
    if (product !== undefined && batchNo !== null) {
      const key = `${product.id}\u0000${batchNo.toUpperCase()}`;
      const first = lotLine.get(key);
      if (first !== undefined) errors.push({ row, column: col('batchNo'), reason: `Batch ${batchNo} of SKU ${product.sku} is already on line ${first}.` });
      else lotLine.set(key, row);
      onFile = lookups.lotOnFile(product.id, batchNo);
      if (onFile?.atBranch === true) {
        errors.push({ row, column: col('batchNo'), reason: `Batch ${batchNo} of SKU ${product.sku} is already in this branch's stock: opening stock is for lots not yet recorded (use a goods receipt or a stocktake).` });
      } else if (onFile !== undefined && expiry !== null && onFile.expiry !== expiry) {
        errors.push({ row, column: col('expiry'), reason: `Batch ${batchNo} of SKU ${product.sku} is on file with expiry ${onFile.expiry}, not ${expiry}: check the batch number or the expiry.` });
      }
    }
    if (errors.length > 0 || product === undefined || batchNo === null || expiry === null || qty === null || costPaise === null || mrpPaise === null) return null;
    return { line: row, productId: product.id, sku: product.sku, batchNo, expiry, qty, costPaise, mrpPaise, batchId: onFile?.batchId ?? null };
  }, [['sku', 'barcode']]);
  return check;
}

/** The header of the opening-stock template. */
export const OPENING_STOCK_TEMPLATE = ['sku', 'barcode', 'batch no', 'expiry', 'qty', 'cost', 'mrp'] as const;
/** The header of the catalogue template (and of the catalogue export). */
export const CATALOGUE_TEMPLATE = ['sku', 'name', 'remedy', 'potency', 'form', 'pack size', 'brand', 'hsn', 'tax category', 'mrp', 'barcode'] as const;
