/** Sale lines naming a scheme: a scheme the server does not have is an anomaly, never a refusal. */
import type { Queryable } from '../db/db.js';
import type { SaleToApply } from '../sync/apply-sale.js';

/** One query per run, only when some line names a scheme. */
export async function flagUnknownSchemes(tx: Queryable, sales: readonly SaleToApply[]): Promise<void> {
  const named = [...new Set(sales.flatMap((s) => s.p.lines.map((l) => l.schemeId).filter((id): id is string => id !== undefined)))];
  if (named.length === 0) return;
  const found = await tx.query<{ id: string }>('SELECT id FROM schemes WHERE id = ANY($1::uuid[])', [named]);
  const known = new Set(found.rows.map((r) => r.id));
  for (const s of sales) {
    s.p.lines.forEach((l, i) => {
      if (l.schemeId === undefined || known.has(l.schemeId)) return;
      s.ctx.effects.flag({ kind: 'scheme.unknown', branchId: s.ctx.branchId, deviceId: s.ctx.deviceId, mutationId: s.ctx.mutationId, refId: s.p.saleId, details: { line: i + 1, schemeId: l.schemeId, schemeDiscountPaise: l.schemeDiscountPaise ?? 0 } });
    });
  }
}
