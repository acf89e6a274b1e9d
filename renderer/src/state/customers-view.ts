/** Pure helpers of the customer screens: balance text, the CSV export, the edit form's check. */
import type { CustomerBalances, CustomerListItem } from '../../../shared/src/api/customers-api.js';
import { GST_STATES, validateGstin } from '../../../shared/src/gstin.js';
import { formatINR } from '../../../shared/src/money.js';
import { rupeesField, toCsv } from '../../../shared/src/reports/csv.js';
import type { CsvFile } from './report-csv.js';

/** '120 pts · ₹50.00 credit', '120 pts', or '' when both are zero. */
export function balanceText(b: CustomerBalances): string {
  const parts: string[] = [];
  if (b.points !== 0) parts.push(`${b.points.toLocaleString('en-IN')} pts`);
  if (b.storeCreditPaise !== 0) parts.push(`${formatINR(b.storeCreditPaise)} credit`);
  return parts.join(' · ');
}

/** 'Karnataka (29)', or '—' without a state. */
export function stateText(code: string | null): string {
  return code === null ? '—' : `${GST_STATES[code] ?? 'State'} (${code})`;
}

/** Every listed customer with GSTIN, state and balances; rupees exact, for a spreadsheet. */
export function customersCsv(rows: readonly CustomerListItem[], today: string): CsvFile {
  return {
    filename: `similia-customers-${today}.csv`,
    text: toCsv(
      ['Name', 'Phone', 'GSTIN', 'State code', 'State', 'Points', 'Store credit (₹)'],
      rows.map((c) => [c.name, c.phone, c.gstin ?? '', c.stateCode ?? '', c.stateCode === null ? '' : (GST_STATES[c.stateCode] ?? ''), c.balances.points, rupeesField(c.balances.storeCreditPaise)]),
    ),
  };
}

export interface CustomerEdit {
  name: string;
  gstin: string;
  stateCode: string;
}

/** What the form would save, or why not: the same rules the core applies, shown before a round trip. */
export function checkCustomerEdit(edit: CustomerEdit): { kind: 'ok'; name: string; gstin: string | null; stateCode: string | null } | { kind: 'invalid'; reason: string } {
  const name = edit.name.trim().replace(/\s+/g, ' ');
  if (name.length < 2 || name.length > 80) return { kind: 'invalid', reason: 'Enter the customer’s name (2–80 characters).' };
  const gstin = edit.gstin.replace(/\s+/g, '').toUpperCase();
  if (gstin !== '') {
    const check = validateGstin(gstin);
    return check.kind === 'invalid' ? { kind: 'invalid', reason: check.reason } : { kind: 'ok', name, gstin, stateCode: check.stateCode };
  }
  const stateCode = edit.stateCode.trim() === '' ? null : edit.stateCode.trim().padStart(2, '0');
  if (stateCode !== null && GST_STATES[stateCode] === undefined) return { kind: 'invalid', reason: 'Pick a GST state code (01–38, 97 or 99).' };
  return { kind: 'ok', name, gstin: null, stateCode };
}
