import { describe, expect, it } from 'vitest';
import { closePreview, lineTotal, methodLabel, shiftChipText } from './shifts-view.js';

describe('the shift chip and labels', () => {
  it('shows when the shift opened at the branch and whose it is', () => {
    expect(shiftChipText({ openedAt: '2026-11-24T03:32:00.000Z', staff: { id: 'm', name: 'Meera Iyer' } })).toBe('Shift open since 09:02 · Meera Iyer');
  });

  it('names known methods and shows unknown ones as written', () => {
    expect(['cash', 'upi', 'store_credit', 'gift_voucher'].map(methodLabel)).toEqual(['Cash', 'UPI', 'Store credit', 'gift voucher']);
  });
});

describe('the close form preview', () => {
  it('counts blank fields as none and works out the variance and the need for approval', () => {
    expect(closePreview({ n500: '4', n100: '', c5: '2' }, 200_000, 10_000)).toEqual({ kind: 'ok', counts: { n500: 4, c5: 2 }, countedPaise: 201_000, variancePaise: 1_000, needsApproval: false });
    expect(closePreview({ n500: '3', n200: '2' }, 200_000, 10_000)).toMatchObject({ countedPaise: 190_000, variancePaise: -10_000, needsApproval: false });
    expect(closePreview({ n500: '3', n100: '3' }, 200_000, 10_000)).toMatchObject({ variancePaise: -20_000, needsApproval: true });
  });

  it.each(['-1', '2.5', 'abc', '1234567'])('refuses %s pieces, naming the note', (text) => {
    expect(closePreview({ n200: text }, 0, 10_000)).toMatchObject({ kind: 'invalid', key: 'n200' });
  });

  it('totals one row', () => {
    expect(lineTotal('n500', '3')).toBe(150_000);
    expect(lineTotal('c2', 'x')).toBe(0);
  });
});
