/** Pure helpers of the back office's Schemes tab: grouping by status, words for the window and cap, CSV export. */
import type { SchemeView } from '../../../shared/src/api/schemes-api.js';
import { rupeesField, toCsv } from '../../../shared/src/reports/csv.js';
import { formatINR, paise } from '../../../shared/src/money.js';
import { DEFAULT_SCHEME_CAP_BP, type SchemeStatus } from '../../../shared/src/schemes.js';

export const STATUS_LABELS: Readonly<Record<SchemeStatus, string>> = { in_force: 'In force', upcoming: 'Upcoming', expired: 'Expired', inactive: 'Deactivated' };
export const STATUS_ORDER: readonly SchemeStatus[] = ['in_force', 'upcoming', 'expired', 'inactive'];

export function groupByStatus(list: readonly SchemeView[]): { status: SchemeStatus; schemes: SchemeView[] }[] {
  return STATUS_ORDER.map((status) => ({ status, schemes: list.filter((s) => s.status === status) })).filter((g) => g.schemes.length > 0);
}

export const windowText = (s: Pick<SchemeView, 'validFrom' | 'validTo'>): string => `${s.validFrom} → ${s.validTo ?? 'open'}`;
export const capText = (s: Pick<SchemeView, 'capBp'>): string => `${((s.capBp ?? DEFAULT_SCHEME_CAP_BP) / 100).toFixed(0)}%${s.capBp === null ? ' (default)' : ''}`;
export const conditionText = (s: Pick<SchemeView, 'minBillPaise'>): string => (s.minBillPaise > 0 ? `When the bill is ${formatINR(paise(s.minBillPaise))} or more` : '');
export const branchText = (s: Pick<SchemeView, 'branchIds' | 'atThisBranch'>): string =>
  s.branchIds === null ? 'All branches' : `${s.branchIds.length} branch${s.branchIds.length === 1 ? '' : 'es'}${s.atThisBranch ? ' (incl. this one)' : ' (not this one)'}`;

/** Every scheme as listed, one row each, dates and amounts exact. */
export function schemesCsv(list: readonly SchemeView[], businessDate: string): { filename: string; text: string } {
  const header = ['Status', 'Name', 'Target', 'Benefit', 'Min bill (₹)', 'From', 'To', 'Branches', 'Cap %', 'Scheme id'];
  const rows = list.map((s) => [
    STATUS_LABELS[s.status], s.name, s.targetLabel, s.benefit, rupeesField(paise(s.minBillPaise)), s.validFrom, s.validTo ?? '', branchText(s), ((s.capBp ?? DEFAULT_SCHEME_CAP_BP) / 100).toFixed(2), s.id,
  ]);
  return { filename: `similia-schemes-${businessDate}.csv`, text: toCsv(header, rows) };
}
