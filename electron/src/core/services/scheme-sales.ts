/** The schemes of sold lines (table sale_line_schemes, migration 011): written with the sale, read for the invoice. */
import type { InvoiceLine } from '../../../../shared/src/api-contract.js';
import { paise } from '../../../../shared/src/money.js';
import { stmt, type Db } from '../store/open-store.js';
import type { QuoteRow } from './quote-service.js';

/** Call in the sale's transaction, right after its lines (line_no = index + 1 of the rows). */
export function recordLineSchemes(db: Db, saleId: string, rows: readonly QuoteRow[]): void {
  const insert = stmt(db, /* sql */ `INSERT INTO sale_line_schemes (sale_id, line_no, scheme_id, name, discount_paise, free_units) VALUES (?, ?, ?, ?, ?, ?)`);
  rows.forEach((r, i) => {
    for (const a of r.schemes ?? []) insert.run(saleId, i + 1, a.schemeId, a.name, a.discountPaise, a.freeUnits);
  });
}

/** The invoice's lines (ordered by line_no) with the schemes each one got. */
export function withLineSchemes(db: Db, saleId: string, lines: InvoiceLine[]): InvoiceLine[] {
  const found = stmt(db, /* sql */ `SELECT line_no, scheme_id, name, discount_paise, free_units FROM sale_line_schemes WHERE sale_id = ? ORDER BY line_no, rowid`).all(saleId) as {
    line_no: number;
    scheme_id: string;
    name: string;
    discount_paise: number;
    free_units: number;
  }[];
  if (found.length === 0) return lines;
  return lines.map((line, i) => {
    const mine = found.filter((f) => f.line_no === i + 1);
    return mine.length === 0 ? line : { ...line, schemes: mine.map((f) => ({ schemeId: f.scheme_id, name: f.name, discountPaise: paise(f.discount_paise), freeUnits: f.free_units })) };
  });
}
