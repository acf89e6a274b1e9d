/** Pure helpers of the shift screens: the header's chip text, the denomination form, labels. */
import type { ShiftView } from '../../../shared/src/api/shifts-api.js';
import { paise, type Paise } from '../../../shared/src/money.js';
import { cashVariance, countCash, DENOMINATIONS, varianceNeedsApproval, type DenominationCount, type DenominationKey } from '../../../shared/src/shifts.js';

/** Clock time at the branch (Asia/Kolkata), 24-hour: `09:02`. */
export function branchTime(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', { timeZone: 'Asia/Kolkata', hour: '2-digit', minute: '2-digit' });
}

/** `Shift open since 09:02 · Meera Iyer`. */
export function shiftChipText(shift: Pick<ShiftView, 'openedAt' | 'staff'>): string {
  return `Shift open since ${branchTime(shift.openedAt)} · ${shift.staff.name}`;
}

const METHOD_LABELS: Readonly<Record<string, string>> = { cash: 'Cash', card: 'Card', upi: 'UPI', store_credit: 'Store credit', points: 'Loyalty points' };

/** A payment or refund method for people: known ones by name, others as written with `_` as spaces. */
export function methodLabel(method: string): string {
  return METHOD_LABELS[method] ?? method.replace(/_/g, ' ');
}

export type CountInputs = Partial<Record<DenominationKey, string>>;

export type ClosePreview =
  | { kind: 'invalid'; key: DenominationKey; message: string }
  | { kind: 'ok'; counts: DenominationCount; countedPaise: Paise; variancePaise: Paise; needsApproval: boolean };

/**
 * What the close form shows as the cashier types: the counted total, the variance against the
 * expected cash and whether a manager must approve. Blank fields count 0.
 */
export function closePreview(inputs: CountInputs, expectedPaise: number, thresholdPaise: number): ClosePreview {
  const counts: DenominationCount = {};
  for (const d of DENOMINATIONS) {
    const text = (inputs[d.key] ?? '').trim();
    if (text === '') continue;
    if (!/^\d{1,6}$/.test(text)) return { kind: 'invalid', key: d.key, message: `${d.label}: enter the number of pieces (digits only).` };
    const n = Number(text);
    if (n > 0) counts[d.key] = n;
  }
  const counted = countCash(counts);
  if (counted.kind === 'invalid') return { kind: 'invalid', key: counted.key as DenominationKey, message: counted.message };
  const variance = cashVariance(counted.totalPaise, expectedPaise);
  return { kind: 'ok', counts, countedPaise: counted.totalPaise, variancePaise: variance, needsApproval: varianceNeedsApproval(variance, thresholdPaise) };
}

/** Line total of one denomination row, 0 for blank or bad input. */
export function lineTotal(key: DenominationKey, text: string | undefined): Paise {
  const d = DENOMINATIONS.find((x) => x.key === key);
  const t = (text ?? '').trim();
  return d === undefined || !/^\d{1,6}$/.test(t) ? paise(0) : paise(Number(t) * d.valuePaise);
}
