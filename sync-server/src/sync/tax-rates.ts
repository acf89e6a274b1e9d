import type { Db, Queryable } from '../db/db.js';
import { HOMEOPATHY_TAX_RULES, type TaxRateRule } from '../../../shared/src/gst.js';

/**
 * Puts the statutory homeopathy rates (shared/src/gst.ts) in the table on start-up. Existing
 * rows are left alone, so an admin's correction survives restarts; concurrent starts are safe.
 */
export async function seedTaxRates(db: Db): Promise<void> {
  for (const r of HOMEOPATHY_TAX_RULES) {
    await db.query(
      `INSERT INTO tax_rates (id, hsn_prefix, category, rate_bp, effective_from, effective_to)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
      [r.id, r.hsnPrefix, r.category, r.rateBp, r.effectiveFrom, r.effectiveTo],
    );
  }
}

/** A `tax_rates` row as Postgres returns it (also inside json_agg). */
export interface TaxRateRow {
  id: string;
  hsn_prefix: string;
  category: TaxRateRule['category'];
  rate_bp: number;
  effective_from: string;
  effective_to: string | null;
}

export function taxRuleOf(r: TaxRateRow): TaxRateRule {
  return { id: r.id, hsnPrefix: r.hsn_prefix, category: r.category, rateBp: Number(r.rate_bp), effectiveFrom: r.effective_from, effectiveTo: r.effective_to };
}

export async function loadTaxRules(tx: Queryable): Promise<TaxRateRule[]> {
  const result = await tx.query<TaxRateRow>('SELECT id, hsn_prefix, category, rate_bp, effective_from, effective_to FROM tax_rates');
  return result.rows.map(taxRuleOf);
}
