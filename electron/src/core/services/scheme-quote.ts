/**
 * Schemes at the counter: the quote runs the shared engine over the cart (schemes in force for
 * the branch and business date), then each line's scheme discount is added to its manual discount
 * and spread over the line's batch rows. The role limit was already checked on the manual part.
 */
import type { QuotedLine } from '../../../../shared/src/api-contract.js';
import { apportion } from '../../../../shared/src/gst.js';
import { paise, type Paise } from '../../../../shared/src/money.js';
import { applySchemes, DEFAULT_SCHEME_CAP_BP, type AppliedScheme, type SchemeCartLine } from '../../../../shared/src/schemes.js';
import type { Db } from '../store/open-store.js';
import type { QuoteRow } from './quote-service.js';
import { loadSchemesInForce } from './scheme-store.js';

/** Adds the schemes in force to the rows' discounts (in place); `manual` holds each line's checked manual discount. */
export function applySchemesToRows(db: Db, branchId: string, businessDate: string, lineIds: readonly string[], rows: QuoteRow[], manual: ReadonlyMap<string, Paise>): void {
  const schemes = loadSchemesInForce(db, branchId, businessDate);
  if (schemes.length === 0) return;
  const byLine = lineIds.map((lineId) => ({ lineId, rows: rows.filter((r) => r.lineId === lineId) }));
  const cart: SchemeCartLine[] = byLine.flatMap(({ lineId, rows: rs }) => {
    const first = rs[0];
    if (first === undefined) return [];
    const gross = rs.reduce((a, r) => a + r.qty * r.unitPricePaise, 0);
    const qty = rs.reduce((a, r) => a + r.qty, 0);
    return [{ key: lineId, productId: first.product.id, brand: first.product.brand, form: first.product.form, qty, grossPaise: paise(gross), manualDiscountPaise: manual.get(lineId) ?? paise(0) }];
  });
  const result = applySchemes(cart, schemes, DEFAULT_SCHEME_CAP_BP);
  for (const line of result.lines) {
    if (line.applied.length === 0) continue;
    const rs = byLine.find((b) => b.lineId === line.key)?.rows ?? [];
    const grosses = rs.map((r) => r.qty * r.unitPricePaise);
    const qtys = rs.map((r) => r.qty);
    const weights = grosses.some((g) => g > 0) ? grosses : qtys;
    // One spread of manual + scheme, so no row's discount can pass its gross by a rounding paisa.
    const totals = apportion(paise((manual.get(line.key) ?? 0) + line.schemeDiscountPaise), weights);
    rs.forEach((r, i) => {
      r.priced = { ...r.priced, discountPaise: totals[i] ?? paise(0) };
      r.schemes = [];
    });
    for (const a of line.applied) {
      const shares = apportion(a.discountPaise, weights);
      const free = apportion(paise(a.freeUnits), qtys);
      rs.forEach((r, i) => {
        const part = shares[i] ?? paise(0);
        if (part > 0) r.schemes?.push({ ...a, discountPaise: part, freeUnits: free[i] ?? 0 });
      });
    }
  }
}

/** A quoted line's schemes: the rows' shares summed back per scheme. */
export function lineSchemes(rows: readonly QuoteRow[]): Pick<QuotedLine, 'schemes' | 'schemeDiscountPaise'> {
  const merged = new Map<string, AppliedScheme>();
  for (const r of rows) {
    for (const a of r.schemes ?? []) {
      const seen = merged.get(a.schemeId);
      merged.set(a.schemeId, seen === undefined ? { ...a } : { ...seen, discountPaise: paise(seen.discountPaise + a.discountPaise), freeUnits: seen.freeUnits + a.freeUnits });
    }
  }
  if (merged.size === 0) return {};
  const schemes = [...merged.values()];
  return { schemes, schemeDiscountPaise: paise(schemes.reduce((t, a) => t + a.discountPaise, 0)) };
}

/** A row's scheme part, for the sale.completed line. */
export function rowSchemeFields(r: QuoteRow): { schemeId?: string; schemeDiscountPaise?: Paise } {
  const list = r.schemes ?? [];
  if (list.length === 0) return {};
  // Never more than the row's whole discount (the two spreads may differ by a rounding paisa).
  const total = paise(Math.min(r.priced.discountPaise, list.reduce((t, a) => t + a.discountPaise, 0)));
  return { schemeId: (list[0] as AppliedScheme).schemeId, schemeDiscountPaise: total };
}
