import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceInvoice } from './gst.js';
import { paise } from './money.js';
import { INVOICE_NO_PATTERN, formatInvoiceNo } from './invoice-number.js';
import {
  DEFAULT_RETURN_LIMITS,
  checkReturnQty,
  formatCreditNoteNo,
  nextCreditNoteNumber,
  returnAmounts,
  returnApprovalReason,
  sumReturnAmounts,
  type ReturnableLine,
} from './returns.js';

/** A line as the pricing engine stores it on the invoice. */
function pricedLine(qty: number, unit: number, discount: number, rateBp: number, interState: boolean): ReturnableLine {
  const priced = priceInvoice({ lines: [{ key: 'l', hsn: '3004', rateBp, qty, unitPricePaise: paise(unit), discountPaise: paise(discount) }], supplierStateCode: '27', buyerStateCode: interState ? '29' : null });
  const l = priced.lines[0];
  if (l === undefined) throw new Error('no line');
  return { qty, discountPaise: l.discountPaise, taxablePaise: l.taxablePaise, cgstPaise: l.cgstPaise, sgstPaise: l.sgstPaise, igstPaise: l.igstPaise, netPaise: l.netPaise };
}

describe('return quantities', () => {
  it.each([
    [2, 0, 1, 'ok'],
    [2, 0, 2, 'ok'],
    [2, 1, 2, 'exceeds'],
    [2, 2, 1, 'exceeds'],
    [2, 0, 0, 'invalid'],
    [2, 0, 1.5, 'invalid'],
  ] as const)('sold %i, returned %i, returning %s is %s', (sold, returned, qty, kind) => {
    expect(checkReturnQty(sold, returned, qty).kind).toBe(kind);
  });

  it('names how many units are still returnable', () => {
    expect(checkReturnQty(5, 3, 4)).toEqual({ kind: 'exceeds', returnable: 2 });
  });
});

describe('return amounts', () => {
  it('gives back one unit of two at exactly half the net, with half the line’s discount and tax', () => {
    const line = pricedLine(2, 10_500, 1_000, 500, false);
    const one = returnAmounts(line, 0, 1);
    expect(one.netPaise).toBe(line.netPaise / 2);
    expect(one.discountPaise).toBe(500);
    expect(one.taxablePaise + one.cgstPaise + one.sgstPaise).toBe(one.netPaise);
    expect(one.igstPaise).toBe(0);
    const rest = returnAmounts(line, 1, 1);
    expect(sumReturnAmounts([one, rest])).toEqual({ discountPaise: 1_000, taxablePaise: line.taxablePaise, cgstPaise: line.cgstPaise, sgstPaise: line.sgstPaise, igstPaise: 0, netPaise: line.netPaise });
  });

  it('returns ₹95.00 for one of two ₹95 units, the odd paisa of CGST with the first', () => {
    const line = pricedLine(2, 9_500, 0, 500, false);
    expect([line.netPaise, line.taxablePaise, line.cgstPaise, line.sgstPaise]).toEqual([19_000, 18_095, 453, 452]);
    expect(returnAmounts(line, 0, 1)).toEqual({ discountPaise: 0, taxablePaise: 9_047, cgstPaise: 227, sgstPaise: 226, igstPaise: 0, netPaise: 9_500 });
    expect(returnAmounts(line, 1, 1)).toEqual({ discountPaise: 0, taxablePaise: 9_048, cgstPaise: 226, sgstPaise: 226, igstPaise: 0, netPaise: 9_500 });
  });

  it('keeps an inter-state line’s tax as IGST', () => {
    const line = pricedLine(3, 9_999, 0, 1200, true);
    const r = returnAmounts(line, 0, 2);
    expect([r.cgstPaise, r.sgstPaise, r.igstPaise > 0]).toEqual([0, 0, true]);
  });

  it('refuses a quantity beyond what is left (a programmer error once checked)', () => {
    expect(() => returnAmounts(pricedLine(2, 100, 0, 500, false), 1, 2)).toThrow(RangeError);
  });

  it('returning every unit over any split of returns gives back exactly the line’s values', () => {
    const arb = fc
      .record({
        qty: fc.integer({ min: 1, max: 60 }),
        unit: fc.integer({ min: 0, max: 900_000 }),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
        rateBp: fc.constantFrom(0, 500, 1200, 1800, 2800),
        interState: fc.boolean(),
        cuts: fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 8 }),
      })
      .map((x) => ({ ...x, line: pricedLine(x.qty, x.unit, Math.floor(x.qty * x.unit * x.share), x.rateBp, x.interState) }));
    fc.assert(
      fc.property(arb, ({ line, cuts }) => {
        const parts = [];
        let returned = 0;
        for (const c of cuts) {
          const q = Math.min(c, line.qty - returned);
          if (q <= 0) break;
          parts.push(returnAmounts(line, returned, q));
          returned += q;
        }
        if (returned < line.qty) parts.push(returnAmounts(line, returned, line.qty - returned));
        for (const p of parts) {
          expect(p.netPaise).toBe(p.taxablePaise + p.cgstPaise + p.sgstPaise + p.igstPaise);
          expect(Math.min(p.netPaise, p.taxablePaise, p.cgstPaise, p.sgstPaise, p.igstPaise, p.discountPaise)).toBeGreaterThanOrEqual(0);
        }
        const { qty: _qty, ...values } = line;
        expect(sumReturnAmounts(parts)).toEqual(values);
      }),
    );
  });

  it('gives back the line’s net per unit × qty to within a paisa on every return', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: 0, max: 39 }), fc.integer({ min: 1, max: 40 }), (qty, unit, before, n) => {
        fc.pre(before < qty);
        const take = Math.min(n, qty - before);
        const line = pricedLine(qty, unit, 0, 1200, false);
        const r = returnAmounts(line, before, take);
        expect(Math.abs(r.netPaise - (line.netPaise * take) / qty)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('credit-note numbers', () => {
  it('formats CN numbers within 16 characters, allowed by GST', () => {
    const no = formatCreditNoteNo('C-12', '2627', 9999);
    expect(no).toBe('C-12/2627/CN9999');
    expect(no.length).toBeLessThanOrEqual(16);
    expect(INVOICE_NO_PATTERN.test(no)).toBe(true);
  });

  it('can never equal an invoice number of any series', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9-]{1,4}$/), fc.stringMatching(/^[A-Z0-9-]{1,4}$/), fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 999_999 }), (a, b, s, t) => {
        expect(formatCreditNoteNo(a, '2627', s)).not.toBe(formatInvoiceNo(b, '2627', t));
      }),
    );
  });

  it('counts up within a financial year and restarts in April', () => {
    expect(nextCreditNoteNumber({ prefix: 'C1', fyLabel: null, lastSeq: 0 }, '2026-12-01')).toEqual({ kind: 'ok', creditNoteNo: 'C1/2627/CN0001', fyLabel: '2627', seq: 1 });
    expect(nextCreditNoteNumber({ prefix: 'C1', fyLabel: '2627', lastSeq: 41 }, '2027-03-31')).toMatchObject({ creditNoteNo: 'C1/2627/CN0042' });
    expect(nextCreditNoteNumber({ prefix: 'C1', fyLabel: '2627', lastSeq: 41 }, '2027-04-01')).toMatchObject({ creditNoteNo: 'C1/2728/CN0001' });
  });

  it('continues its own year when the clock is set back, and is exhausted past 9999', () => {
    expect(nextCreditNoteNumber({ prefix: 'C1', fyLabel: '2728', lastSeq: 7 }, '2027-03-01')).toMatchObject({ creditNoteNo: 'C1/2728/CN0008' });
    expect(nextCreditNoteNumber({ prefix: 'C1', fyLabel: '2627', lastSeq: 9999 }, '2027-01-01')).toEqual({ kind: 'exhausted' });
  });
});

describe('cashier return limits', () => {
  const limits = DEFAULT_RETURN_LIMITS;
  it('lets a cashier return up to ₹2,000 within 30 days alone', () => {
    expect(returnApprovalReason({ totalPaise: paise(200_000), saleDate: '2026-11-01', today: '2026-12-01' }, limits)).toBeNull();
  });
  it('asks for a manager above the amount or after the days', () => {
    expect(returnApprovalReason({ totalPaise: paise(200_001), saleDate: '2026-12-01', today: '2026-12-01' }, limits)).toMatch(/cashier limit of ₹2000/);
    expect(returnApprovalReason({ totalPaise: paise(100), saleDate: '2026-10-31', today: '2026-12-01' }, limits)).toMatch(/31 days old/);
  });
  it('counts whole days across months', () => {
    expect(returnApprovalReason({ totalPaise: paise(100), saleDate: '2026-01-31', today: '2026-03-02' }, limits)).toBeNull();
    expect(returnApprovalReason({ totalPaise: paise(100), saleDate: '2026-01-31', today: '2026-03-03' }, limits)).toMatch(/31 days/);
  });
});
