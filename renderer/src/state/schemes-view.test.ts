import { describe, expect, it } from 'vitest';
import type { SchemeView } from '../../../shared/src/api/schemes-api.js';
import { branchText, capText, conditionText, groupByStatus, schemesCsv, windowText } from './schemes-view.js';

const view = (over: Partial<SchemeView>): SchemeView => ({
  id: 's1', name: 'SBL 10%', kind: 'percent', targetType: 'brand', targetValue: 'SBL', percentBp: 1000, amountPaise: null, buyQty: null, freeQty: null, minBillPaise: 0,
  validFrom: '2026-11-01', validTo: '2026-11-30', branchIds: null, capBp: null, active: true, status: 'in_force', benefit: '10% off', targetLabel: 'Brand: SBL', atThisBranch: true,
  updatedAt: '2026-11-01T00:00:00.000Z', ...over,
});

describe('schemes tab helpers', () => {
  it('groups schemes in force first, then upcoming, expired and deactivated, dropping empty groups', () => {
    const groups = groupByStatus([view({ id: 'a', status: 'expired' }), view({ id: 'b' }), view({ id: 'c', status: 'expired' })]);
    expect(groups.map((g) => [g.status, g.schemes.map((s) => s.id)])).toEqual([['in_force', ['b']], ['expired', ['a', 'c']]]);
  });

  it('says the window, cap, bill condition and branches in words', () => {
    expect(windowText(view({ validTo: null }))).toBe('2026-11-01 → open');
    expect(capText(view({}))).toBe('30% (default)');
    expect(capText(view({ capBp: 4000 }))).toBe('40%');
    expect(conditionText(view({ minBillPaise: 200_000 }))).toBe('When the bill is ₹2,000.00 or more');
    expect(conditionText(view({}))).toBe('');
    expect(branchText(view({ branchIds: ['x'], atThisBranch: false }))).toBe('1 branch (not this one)');
  });

  it('exports one CSV row per scheme with exact amounts', () => {
    const csv = schemesCsv([view({ minBillPaise: 50_050, validTo: null })], '2026-11-24');
    expect(csv.filename).toBe('similia-schemes-2026-11-24.csv');
    const [header, row] = csv.text.trim().split(/\r?\n/);
    expect(header).toBe('Status,Name,Target,Benefit,Min bill (₹),From,To,Branches,Cap %,Scheme id');
    expect(row).toBe('In force,SBL 10%,Brand: SBL,10% off,500.50,2026-11-01,,All branches,30.00,s1');
  });
});
