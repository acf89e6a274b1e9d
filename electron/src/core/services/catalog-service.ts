import type { BatchOption, ProductHit } from '../../../../shared/src/api-contract.js';
import { PRODUCT_FORMS, type ProductForm } from '../../../../shared/src/domain.js';
import { isNearExpiry } from '../../../../shared/src/fefo.js';
import type { Paise } from '../../../../shared/src/money.js';
import { parseProductQuery, remedySearchText } from '../../../../shared/src/search.js';
import type { Db } from '../store/open-store.js';
import { businessDate, type CoreContext } from './context.js';

const MAX_LIMIT = 100;
/** Above this many matches bm25 costs milliseconds and tells nothing (see byBroadText). */
const BROAD_MATCH_COUNT = 1000;

interface ProductRow {
  id: string;
  sku: string;
  name: string;
  remedy: string;
  potency: string;
  form: ProductForm;
  pack_size: string;
  brand: string;
  hsn: string;
  mrp_paise: number;
  barcode: string | null;
  tax_category: 'classical' | 'proprietary';
}

const PRODUCT_COLUMNS = /* sql */ `p.id, p.sku, p.name, p.remedy, p.potency, p.form, p.pack_size, p.brand, p.hsn, p.mrp_paise, p.barcode, p.tax_category`;

/** Text the search index holds for a product: remedy with its abbreviations, brand, form, pack. */
export function productSearchText(p: { remedy: string; name: string; brand: string; form: string; packSize: string }): string {
  const text = [remedySearchText(p.remedy), p.name, p.brand, p.form, p.packSize].join(' ').toLowerCase();
  // Each word once: the name repeats remedy, form and pack, and every repeat is index to scan.
  return [...new Set(text.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== ''))].join(' ');
}

/** Keeps FTS5 syntax out of user input: a term becomes a quoted prefix query. */
function ftsTerm(term: string): string | null {
  const clean = term.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return clean.length === 0 ? null : `"${clean}"*`;
}

export class CatalogService {
  private readonly byText;
  private readonly byBroadText;
  private readonly countStmt;
  private readonly byPotencyOnly;
  private readonly byFormOnly;
  private readonly byBarcodeStmt;
  private readonly stockStmt;
  private readonly stockManyStmt;
  private readonly batchesStmt;

  constructor(private readonly ctx: CoreContext) {
    const db: Db = ctx.db;
    // Ranked: bm25 over the FTS rows alone, then the join for the few kept (joining every match
    // before sorting costs more than the ranking itself).
    this.byText = db.prepare(/* sql */ `
      SELECT ${PRODUCT_COLUMNS}, f.rank AS rank
      FROM (SELECT rowid, bm25(products_fts) AS rank FROM products_fts WHERE products_fts MATCH @match ORDER BY rank LIMIT @inner) f
      JOIN products p ON p.rowid = f.rowid
      WHERE p.active = 1 AND (@potency IS NULL OR p.potency = @potency) AND (@form IS NULL OR p.form = @form)
      ORDER BY f.rank LIMIT @limit`);
    // A term most of the catalogue shares ("sbl", "ml", "ca" mid-word) ranks every match for
    // nothing: all score alike. Take the first matches in index order instead; the shelf order
    // below sorts them.
    this.byBroadText = db.prepare(/* sql */ `
      SELECT ${PRODUCT_COLUMNS}, 0 AS rank
      FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH @match LIMIT @inner) f
      JOIN products p ON p.rowid = f.rowid
      WHERE p.active = 1 AND (@potency IS NULL OR p.potency = @potency) AND (@form IS NULL OR p.form = @form)
      LIMIT @limit`);
    this.countStmt = db.prepare(/* sql */ `SELECT count(*) AS n FROM products_fts WHERE products_fts MATCH ?`);
    // Filter-only queries read products_potency_name / products_form_name in order (migration 002).
    this.byPotencyOnly = db.prepare(/* sql */ `
      SELECT ${PRODUCT_COLUMNS}, 0 AS rank FROM products p
      WHERE p.potency = @potency AND p.active = 1 AND (@form IS NULL OR p.form = @form)
      ORDER BY p.name LIMIT @limit`);
    this.byFormOnly = db.prepare(/* sql */ `
      SELECT ${PRODUCT_COLUMNS}, 0 AS rank FROM products p
      WHERE p.form = @form AND p.active = 1 AND @potency IS NULL
      ORDER BY p.name LIMIT @limit`);
    this.byBarcodeStmt = db.prepare(/* sql */ `SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.barcode = ? AND p.active = 1`);
    this.stockStmt = db.prepare(/* sql */ `
      SELECT COALESCE(SUM(s.qty), 0) AS qty, MIN(b.expiry) AS nearest FROM batch_stock s JOIN batches b ON b.id = s.batch_id
      WHERE s.product_id = ? AND s.qty > 0 AND b.expiry >= ?`);
    this.stockManyStmt = db.prepare(/* sql */ `
      SELECT s.product_id AS productId, SUM(s.qty) AS qty, MIN(b.expiry) AS nearest FROM batch_stock s JOIN batches b ON b.id = s.batch_id
      WHERE s.product_id IN (SELECT value FROM json_each(?)) AND s.qty > 0 AND b.expiry >= ? GROUP BY s.product_id`);
    this.batchesStmt = db.prepare(/* sql */ `
      SELECT b.id, b.batch_no, b.expiry, b.mrp_paise, s.qty FROM batches b JOIN batch_stock s ON s.batch_id = b.id
      WHERE b.product_id = ? AND s.qty > 0 AND b.expiry >= ? ORDER BY b.expiry, b.batch_no`);
  }

  /** Potency-aware search: "arnica 30" → Arnica 30C; a scanned barcode → that product. */
  search(query: string, limit = 20): ProductHit[] {
    const max = Math.max(1, Math.min(MAX_LIMIT, Math.trunc(limit)));
    const parsed = parseProductQuery(query);
    if (parsed.barcode !== null) {
      const hit = this.byBarcode(parsed.barcode);
      if (hit !== null) return [hit];
    }
    const terms = parsed.terms.map(ftsTerm).filter((t): t is string => t !== null);
    // One letter matches a fifth of the catalogue: wait for the second keystroke.
    if (parsed.terms.join('').length < 2 && parsed.potency === null && parsed.form === null) return [];
    const params = { potency: parsed.potency, form: parsed.form, limit: max * 3 };
    let rows: (ProductRow & { rank: number })[];
    if (terms.length > 0) {
      // The potency narrows inside the index; the form only in SQL (a form word matches a third of
      // the catalogue, which would make every count slow), so with a form keep every candidate.
      const potency = parsed.potency === null ? null : ftsTerm(parsed.potency);
      const match = `search_text : (${terms.join(' ')})${potency === null ? '' : ` AND potency : ${potency.slice(0, -1)}`}`;
      const broad = (this.countStmt.get(match) as { n: number }).n > BROAD_MATCH_COUNT;
      const inner = parsed.form === null ? params.limit + 10 : broad ? Number.MAX_SAFE_INTEGER : BROAD_MATCH_COUNT;
      rows = (broad ? this.byBroadText : this.byText).all({ ...params, match, inner }) as (ProductRow & { rank: number })[];
    } else if (parsed.potency !== null) rows = this.byPotencyOnly.all(params) as (ProductRow & { rank: number })[];
    else if (parsed.form !== null) rows = this.byFormOnly.all(params) as (ProductRow & { rank: number })[];
    else return [];
    const today = businessDate(this.ctx);
    // One stock query for all candidates, not one per row: this is the hot path of every keystroke.
    const stock = new Map(
      (this.stockManyStmt.all(JSON.stringify(rows.map((r) => r.id)), today) as { productId: string; qty: number; nearest: string | null }[]).map((s) => [s.productId, s]),
    );
    const hits = rows.map((row) => ({ hit: toHit(row, stock.get(row.id) ?? { qty: 0, nearest: null }), rank: row.rank, classical: row.tax_category === 'classical' }));
    // Every candidate matched every term; among them sellable stock first, then the remedy itself
    // before branded combinations named after it ("arnica" → Arnica Montana before Arnica Hair Oil).
    // Equal relevance (the same remedy in other potencies and packs) reads like a shelf: dilutions
    // first, low potencies before high, small packs before large.
    hits.sort(
      (a, b) =>
        Number(b.hit.stockQty > 0) - Number(a.hit.stockQty > 0) ||
        Number(b.classical) - Number(a.classical) ||
        a.rank - b.rank ||
        shelfOrder(a.hit) - shelfOrder(b.hit) ||
        a.hit.name.localeCompare(b.hit.name),
    );
    return hits.slice(0, max).map((h) => h.hit);
  }

  byBarcode(barcode: string): ProductHit | null {
    const row = this.byBarcodeStmt.get(barcode.trim()) as ProductRow | undefined;
    if (row === undefined) return null;
    return toHit(row, this.stockStmt.get(row.id, businessDate(this.ctx)) as { qty: number; nearest: string | null });
  }

  /** Sellable batches only: an expired or empty batch is never offered at the counter. */
  batches(productId: string): BatchOption[] {
    const today = businessDate(this.ctx);
    const rows = this.batchesStmt.all(productId, today) as { id: string; batch_no: string; expiry: string; mrp_paise: number; qty: number }[];
    return rows.map((r) => ({
      batchId: r.id,
      batchNo: r.batch_no,
      expiry: r.expiry,
      qty: r.qty,
      mrpPaise: r.mrp_paise as Paise,
      nearExpiry: isNearExpiry(r.expiry, today, this.ctx.nearExpiryDays),
    }));
  }
}

/** Centesimal steps of a potency label: 6X < 6C < 30C < 200C < 1M < 10M < CM; LM after them; Q and none first. */
export function potencySteps(potency: string): number {
  if (potency === 'CM') return 7;
  const lm = /^LM(\d+)$/.exec(potency);
  if (lm !== null) return 8 + Number(lm[1]) / 100;
  const m = /^(\d+)(X|C|M)$/.exec(potency);
  if (m === null) return 0;
  const n = Math.log10(Number(m[1]));
  return m[2] === 'X' ? n / 2 : m[2] === 'C' ? n : n + 3;
}

/** Sort key for products of equal relevance: form, then potency, then pack size. */
export function shelfOrder(hit: Pick<ProductHit, 'form' | 'potency' | 'packSize'>): number {
  const form = PRODUCT_FORMS.indexOf(hit.form);
  const pack = Number(/^(\d+)/.exec(hit.packSize)?.[1] ?? 0);
  return (form < 0 ? 99 : form) * 1e6 + Math.round(potencySteps(hit.potency) * 100) * 1e3 + Math.min(pack, 999);
}

function toHit(row: ProductRow, stock: { qty: number; nearest: string | null }): ProductHit {
  return {
    productId: row.id,
    sku: row.sku,
    name: row.name,
    remedy: row.remedy,
    potency: row.potency,
    form: row.form,
    packSize: row.pack_size,
    brand: row.brand,
    hsn: row.hsn,
    mrpPaise: row.mrp_paise as Paise,
    barcode: row.barcode,
    stockQty: stock.qty,
    nearestExpiry: stock.nearest,
  };
}
