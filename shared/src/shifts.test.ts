import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canApproveShiftVariance,
  cashVariance,
  countCash,
  DEFAULT_VARIANCE_APPROVAL_PAISE,
  DENOMINATIONS,
  expectedCash,
  isReasonAllowed,
  mayActOnShift,
  shiftFigures,
  varianceNeedsApproval,
  varianceThreshold,
  type ShiftSaleRow,
} from './shifts.js';

const sale = (over: Partial<ShiftSaleRow> & { payments: ShiftSaleRow['payments'] }): ShiftSaleRow => ({
  status: 'completed',
  totalPaise: over.payments.reduce((s, p) => s + p.amountPaise, 0),
  discountPaise: 0,
  taxablePaise: 0,
  cgstPaise: 0,
  sgstPaise: 0,
  igstPaise: 0,
  roundOffPaise: 0,
  ...over,
});

describe('counting the drawer by denomination', () => {
  it('knows the Indian notes ₹500 to ₹10 and the coins ₹20 to ₹1', () => {
    expect(DENOMINATIONS.map((d) => d.valuePaise / 100)).toEqual([500, 200, 100, 50, 20, 10, 20, 10, 5, 2, 1]);
    expect(DENOMINATIONS.filter((d) => d.kind === 'coin').map((d) => d.label)).toEqual(['₹20 coin', '₹10 coin', '₹5 coin', '₹2 coin', '₹1 coin']);
  });

  it.each([
    [{}, 0],
    [{ n500: 2 }, 100_000],
    [{ n500: 1, n200: 1, n100: 1, n50: 1, n20: 1, n10: 1 }, 88_000],
    [{ c20: 1, c10: 2, c5: 3, c2: 4, c1: 5 }, 2_000 + 2_000 + 1_500 + 800 + 500],
    [{ n20: 3, c20: 2 }, 10_000],
  ])('totals %j to %i paise', (count, total) => {
    expect(countCash(count)).toEqual({ kind: 'ok', totalPaise: total });
  });

  it.each([
    [{ n500: -1 }, 'n500'],
    [{ n100: 1.5 }, 'n100'],
    [{ n2000: 1 }, 'n2000'],
    [{ c1: 100_001 }, 'c1'],
  ])('refuses %j, naming %s', (count, key) => {
    expect(countCash(count as never)).toMatchObject({ kind: 'invalid', key });
  });
});

describe('the figures of a shift', () => {
  it('adds cash sales, takes cash refunds and cash out, and leaves card, UPI and voids out of the drawer', () => {
    const f = shiftFigures({
      floatPaise: 200_000,
      sales: [
        sale({ payments: [{ method: 'cash', amountPaise: 10_000 }], discountPaise: 500, taxablePaise: 9_524, cgstPaise: 238, sgstPaise: 238 }),
        sale({ payments: [{ method: 'card', amountPaise: 25_000 }] }),
        sale({ payments: [{ method: 'cash', amountPaise: 3_000 }, { method: 'upi', amountPaise: 2_000 }] }),
        sale({ status: 'voided', payments: [{ method: 'cash', amountPaise: 7_000 }] }),
        sale({ payments: [{ method: 'points', amountPaise: 1_000 }, { method: 'cash', amountPaise: 1_000 }] }),
      ],
      refunds: [
        { method: 'cash', totalPaise: 4_000, taxablePaise: 3_810, cgstPaise: 95, sgstPaise: 95, igstPaise: 0 },
        { method: 'store_credit', totalPaise: 1_500, taxablePaise: 1_429, cgstPaise: 36, sgstPaise: 35, igstPaise: 0 },
      ],
      moves: [
        { direction: 'in', amountPaise: 50_000 },
        { direction: 'out', amountPaise: 20_000 },
        { direction: 'out', amountPaise: 5_000 },
      ],
    });
    expect(f.sales).toMatchObject({ count: 4, totalPaise: 42_000, discountPaise: 500, tax: { taxablePaise: 9_524, cgstPaise: 238, sgstPaise: 238, igstPaise: 0 } });
    expect(f.payments).toEqual([
      { method: 'cash', count: 3, amountPaise: 14_000 },
      { method: 'card', count: 1, amountPaise: 25_000 },
      { method: 'upi', count: 1, amountPaise: 2_000 },
      { method: 'points', count: 1, amountPaise: 1_000 },
    ]);
    expect(f.voids).toEqual({ count: 1, totalPaise: 7_000 });
    expect(f.returns).toMatchObject({ count: 2, totalPaise: 5_500, byMethod: [{ method: 'cash', count: 1, amountPaise: 4_000 }, { method: 'store_credit', count: 1, amountPaise: 1_500 }] });
    expect(f.cashIn).toEqual({ count: 1, totalPaise: 50_000 });
    expect(f.cashOut).toEqual({ count: 2, totalPaise: 25_000 });
    expect(f.expectedCashPaise).toBe(200_000 + 14_000 - 4_000 + 50_000 - 25_000);
  });

  it('expects exactly the float in a shift with no activity', () => {
    const f = shiftFigures({ floatPaise: 150_000, sales: [], refunds: [], moves: [] });
    expect(f.expectedCashPaise).toBe(150_000);
    expect(f.payments).toEqual([]);
  });

  it('expected cash is the float plus every cash flow, whatever the order of rows', () => {
    fc.assert(
      fc.property(
        fc.nat(1_000_000),
        fc.array(fc.record({ cash: fc.nat(100_000), card: fc.nat(100_000), voided: fc.boolean() }), { maxLength: 30 }),
        fc.array(fc.record({ out: fc.boolean(), amount: fc.integer({ min: 1, max: 100_000 }) }), { maxLength: 10 }),
        (float, rows, moves) => {
          const sales = rows.map((r) =>
            sale({ status: r.voided ? 'voided' : 'completed', payments: [{ method: 'cash', amountPaise: r.cash }, { method: 'card', amountPaise: r.card }] }),
          );
          const ms = moves.map((m) => ({ direction: m.out ? ('out' as const) : ('in' as const), amountPaise: m.amount }));
          const f = shiftFigures({ floatPaise: float, sales, refunds: [], moves: ms });
          const reversed = shiftFigures({ floatPaise: float, sales: [...sales].reverse(), refunds: [], moves: [...ms].reverse() });
          const cash = rows.filter((r) => !r.voided).reduce((s, r) => s + r.cash, 0);
          const net = ms.reduce((s, m) => s + (m.direction === 'in' ? m.amountPaise : -m.amountPaise), 0);
          expect(f.expectedCashPaise).toBe(float + cash + net);
          expect(reversed).toEqual(f);
        },
      ),
    );
  });

  it('pays back from this drawer the cash of an earlier shift’s sale voided now', () => {
    const f = shiftFigures({
      floatPaise: 100_000,
      sales: [sale({ payments: [{ method: 'cash', amountPaise: 5_000 }] })],
      refunds: [],
      moves: [],
      earlierVoids: [sale({ status: 'voided', payments: [{ method: 'cash', amountPaise: 3_000 }, { method: 'card', amountPaise: 1_000 }] })],
    });
    expect(f.earlierVoids).toEqual({ count: 1, totalPaise: 4_000 });
    expect(f.cashVoidedPaise).toBe(3_000);
    expect(f.expectedCashPaise).toBe(100_000 + 5_000 - 3_000);
    expect(f.voids).toEqual({ count: 0, totalPaise: 0 });
  });

  it('computes expected cash from its parts', () => {
    expect(expectedCash({ floatPaise: 100, cashSalesPaise: 50, cashRefundsPaise: 20, cashInPaise: 10, cashOutPaise: 5 })).toBe(135);
  });
});

describe('the variance and who must approve it', () => {
  it('is counted minus expected: positive when over, negative when short', () => {
    expect(cashVariance(10_500, 10_000)).toBe(500);
    expect(cashVariance(9_000, 10_000)).toBe(-1_000);
    expect(cashVariance(10_000, 10_000)).toBe(0);
  });

  it.each([
    [0, false],
    [10_000, false],
    [-10_000, false],
    [10_001, true],
    [-10_001, true],
  ])('a variance of %i paise against the default ₹100 threshold needs approval: %s', (variance, needs) => {
    expect(varianceNeedsApproval(variance, DEFAULT_VARIANCE_APPROVAL_PAISE)).toBe(needs);
  });

  it('reads the threshold setting, falling back to ₹100 for anything that is not a sane amount', () => {
    expect(varianceThreshold(undefined)).toBe(10_000);
    expect(varianceThreshold(50_000)).toBe(50_000);
    expect(varianceThreshold(0)).toBe(0);
    expect(varianceThreshold(-5)).toBe(10_000);
    expect(varianceThreshold('500')).toBe(10_000);
    expect(varianceThreshold(1.5)).toBe(10_000);
  });

  it('lets managers and admins approve, and the owner or a manager act on a shift', () => {
    expect(['cashier', 'pharmacist', 'manager', 'admin'].map((r) => canApproveShiftVariance(r as never))).toEqual([false, false, true, true]);
    expect(mayActOnShift({ id: 'a', role: 'cashier' }, 'a')).toBe(true);
    expect(mayActOnShift({ id: 'b', role: 'cashier' }, 'a')).toBe(false);
    expect(mayActOnShift({ id: 'b', role: 'pharmacist' }, 'a')).toBe(false);
    expect(mayActOnShift({ id: 'm', role: 'manager' }, 'a')).toBe(true);
  });

  it('allows a petty expense or a bank deposit only as cash out', () => {
    expect(isReasonAllowed('out', 'petty_expense')).toBe(true);
    expect(isReasonAllowed('in', 'petty_expense')).toBe(false);
    expect(isReasonAllowed('in', 'bank_deposit')).toBe(false);
    expect(isReasonAllowed('in', 'change_float')).toBe(true);
  });
});
