/**
 * The catalogue import file: one product per row, keyed by SKU (a SKU on file is updated, a new
 * one is added). The same checks run on the device (preview) and on the server (commit).
 */
import { PRODUCT_FORMS, type ProductForm, type TaxCategory } from '../domain.js';
import type { Paise } from '../money.js';
import { normalizePotency } from '../search.js';
import { ImportCheck } from './import-check.js';
import { cell, columnName, type ColumnDef, type HeaderMap, type RowError } from './import-columns.js';
import { parseMoney, parseText, type Parsed } from './import-values.js';

export type CatalogueColumn = 'sku' | 'name' | 'remedy' | 'potency' | 'form' | 'packSize' | 'brand' | 'hsn' | 'taxCategory' | 'mrp' | 'barcode';

export const CATALOGUE_COLUMNS: readonly ColumnDef<CatalogueColumn>[] = [
  { key: 'sku', label: 'sku', aliases: ['product code', 'item code', 'code'], required: true },
  { key: 'name', label: 'name', aliases: ['product name', 'product', 'item name'], required: true },
  { key: 'remedy', label: 'remedy', aliases: ['medicine'], required: true },
  { key: 'potency', label: 'potency', aliases: ['power'], required: true },
  { key: 'form', label: 'form', aliases: ['dosage form'], required: true },
  { key: 'packSize', label: 'pack size', aliases: ['pack', 'size'], required: true },
  { key: 'brand', label: 'brand', aliases: ['manufacturer', 'company'], required: true },
  { key: 'hsn', label: 'hsn', aliases: ['hsn code', 'hsn sac'], required: true },
  { key: 'taxCategory', label: 'tax category', aliases: ['category', 'tax class'], required: true },
  { key: 'mrp', label: 'mrp', aliases: ['mrp rs', 'mrp inr', 'price'], required: true },
  { key: 'barcode', label: 'barcode', aliases: ['ean', 'ean13', 'gtin'], required: false },
];

export interface CatalogueRow {
  /** File line of the row. */
  line: number;
  sku: string;
  name: string;
  remedy: string;
  potency: string;
  form: ProductForm;
  packSize: string;
  brand: string;
  hsn: string;
  taxCategory: TaxCategory;
  mrpPaise: Paise;
  barcode: string | null;
}

const SKU_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const BARCODE_RE = /^[A-Za-z0-9-]{4,32}$/;

/** Barcode → SKU of the catalogue on file, to refuse a barcode that another product already carries. */
export type BarcodeOwner = (barcode: string) => string | undefined;

function parseForm(text: string): Parsed<ProductForm> {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const form = PRODUCT_FORMS.find((f) => f === t);
  return form === undefined ? { ok: false, reason: `"${text.trim()}" is not a form; use one of ${PRODUCT_FORMS.join(', ')}.` } : { ok: true, value: form };
}

function parsePotency(text: string): Parsed<string> {
  const t = text.trim();
  if (t === '' || t === '-') return { ok: true, value: '' };
  const p = normalizePotency(t);
  return p === null ? { ok: false, reason: `"${t}" is not a potency (6X, 12X, 6C, 30C, 200C, 1M, 10M, CM, Q or LM1; leave empty for none).` } : { ok: true, value: p };
}

/** A checker of catalogue files: the SKU and barcode must be unique in the file and the barcode free in the catalogue. */
export function catalogueCheck(barcodeOwner: BarcodeOwner = () => undefined): ImportCheck<CatalogueColumn, CatalogueRow> {
  const skuLine = new Map<string, number>();
  const barcodeLine = new Map<string, number>();
  // A catalogue has a handful of distinct potencies: each is parsed once.
  const potencies = new Map<string, Parsed<string>>();
  const potencyOf = (text: string): Parsed<string> => {
    let p = potencies.get(text);
    if (p === undefined) potencies.set(text, (p = parsePotency(text)));
    return p;
  };
  return new ImportCheck(CATALOGUE_COLUMNS, (record, map: HeaderMap<CatalogueColumn>, errors: RowError[]) => {
    const row = record.line;
    const get = (k: CatalogueColumn): string => cell(map, record.fields, k);
    const col = (k: CatalogueColumn): string => columnName(map, CATALOGUE_COLUMNS, k);
    const take = <T>(k: CatalogueColumn, r: Parsed<T>): T | null => {
      if (r.ok) return r.value;
      errors.push({ row, column: col(k), reason: r.reason });
      return null;
    };
    const sku = get('sku');
    if (sku === '') errors.push({ row, column: col('sku'), reason: 'Enter the SKU.' });
    else if (!SKU_RE.test(sku)) errors.push({ row, column: col('sku'), reason: `"${sku}" is not a SKU: letters, digits and . _ / - only, at most 64.` });
    else {
      const first = skuLine.get(sku.toUpperCase());
      if (first !== undefined) errors.push({ row, column: col('sku'), reason: `SKU ${sku} is already on line ${first}.` });
      else skuLine.set(sku.toUpperCase(), row);
    }
    const name = take('name', parseText(get('name'), 'product name', 200));
    const remedy = take('remedy', parseText(get('remedy'), 'remedy', 200));
    const potency = take('potency', potencyOf(get('potency')));
    const form = take('form', parseForm(get('form')));
    const packSize = take('packSize', parseText(get('packSize'), 'pack size', 64));
    const brand = take('brand', parseText(get('brand'), 'brand', 100));
    const hsnText = get('hsn');
    const hsn = /^\d{4}(\d{2}){0,2}$/.test(hsnText) ? hsnText : null;
    if (hsn === null) errors.push({ row, column: col('hsn'), reason: `"${hsnText}" is not an HSN code (4, 6 or 8 digits).` });
    const categoryText = get('taxCategory').toLowerCase();
    const taxCategory = categoryText === 'classical' || categoryText === 'proprietary' ? categoryText : null;
    if (taxCategory === null) errors.push({ row, column: col('taxCategory'), reason: `"${get('taxCategory')}" is not a tax category: write classical or proprietary.` });
    const mrpPaise = take('mrp', parseMoney(get('mrp'), 'MRP', false));
    const barcodeText = get('barcode');
    let barcode: string | null = null;
    if (barcodeText !== '') {
      if (!BARCODE_RE.test(barcodeText)) errors.push({ row, column: col('barcode'), reason: `"${barcodeText}" is not a barcode (4–32 letters or digits).` });
      else {
        const first = barcodeLine.get(barcodeText);
        const owner = barcodeOwner(barcodeText);
        if (first !== undefined) errors.push({ row, column: col('barcode'), reason: `Barcode ${barcodeText} is already on line ${first}.` });
        else if (owner !== undefined && owner.toUpperCase() !== sku.toUpperCase()) errors.push({ row, column: col('barcode'), reason: `Barcode ${barcodeText} belongs to SKU ${owner} in the catalogue.` });
        else barcode = barcodeText;
        if (first === undefined) barcodeLine.set(barcodeText, row);
      }
    }
    if (errors.length > 0 || name === null || remedy === null || potency === null || form === null || packSize === null || brand === null || hsn === null || taxCategory === null || mrpPaise === null) {
      return null;
    }
    return { line: row, sku, name, remedy, potency, form, packSize, brand, hsn, taxCategory, mrpPaise, barcode };
  });
}
