/** The back office's list of schemes: every stored scheme with today's status and its target in words. */
import type { SchemeView } from '../../../../shared/src/api/schemes-api.js';
import { describeBenefit, schemeStatus } from '../../../../shared/src/schemes.js';
import { stmt } from '../store/open-store.js';
import { businessDate, deviceRow, type CoreContext } from './context.js';
import { allSchemes } from './scheme-store.js';

const STATUS_ORDER = { in_force: 0, upcoming: 1, expired: 2, inactive: 3 } as const;

export function listSchemeViews(ctx: CoreContext): { businessDate: string; schemes: SchemeView[] } {
  const today = businessDate(ctx);
  const branchId = deviceRow(ctx).branch_id;
  const productName = stmt(ctx.db, /* sql */ `SELECT name, brand FROM products WHERE id = ?`);
  const schemes = allSchemes(ctx.db).map((s): SchemeView => {
    const product = s.targetType === 'product' ? (productName.get(s.targetValue) as { name: string; brand: string } | undefined) : undefined;
    const targetLabel =
      s.targetType === 'bill'
        ? 'Whole bill'
        : s.targetType === 'product'
          ? product === undefined ? 'A product not on this counter' : `${product.name} (${product.brand})`
          : `${s.targetType === 'brand' ? 'Brand' : 'Form'}: ${s.targetValue}`;
    return { ...s, status: schemeStatus(s, today), benefit: describeBenefit(s), targetLabel, atThisBranch: s.branchIds === null || s.branchIds.includes(branchId) };
  });
  schemes.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : a.name.localeCompare(b.name)));
  return { businessDate: today, schemes };
}
