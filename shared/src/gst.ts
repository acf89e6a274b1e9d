/**
 * GST maths for MRP-inclusive retail prices. All amounts are integer paise and every
 * function is exact: taxable + tax = net for each line, CGST + SGST = tax, and the
 * summaries are plain sums of line values, so the printed invoice always adds up.
 */
import type { QuoteTotals, TaxSummaryRow } from './api-contract.js';
import type { TaxCategory } from './domain.js';
import { paise, type Paise } from './money.js';

/** A GST rate in force for an HSN prefix and category over [effectiveFrom, effectiveTo). */
export interface TaxRateRule {
  id: string;
  /** Matches any HSN that starts with it ('3004' matches '30049014'). */
  hsnPrefix: string;
  category: TaxCategory | 'any';
  /** Basis points: 500 = 5 %. */
  rateBp: number;
  /** Business date, inclusive. */
  effectiveFrom: string;
  /** Business date, exclusive; null = open-ended. */
  effectiveTo: string | null;
}

/** GST went live on 2017-07-01; the homeopathy rates were rationalised to 5 % from 2025-09-22. */
const GST_START = '2017-07-01';
const RATE_CUT = '2025-09-22';

/**
 * Rates for homeopathic medicaments (HSN 3003 bulk, 3004 retail packs): classical 5 % and
 * proprietary 12 % until 2025-09-22 (exclusive), then 5 % for every category.
 */
export const HOMEOPATHY_TAX_RULES: readonly TaxRateRule[] = ['3003', '3004'].flatMap((hsn) => [
  { id: `hsn${hsn}-classical-2017`, hsnPrefix: hsn, category: 'classical', rateBp: 500, effectiveFrom: GST_START, effectiveTo: RATE_CUT },
  { id: `hsn${hsn}-proprietary-2017`, hsnPrefix: hsn, category: 'proprietary', rateBp: 1200, effectiveFrom: GST_START, effectiveTo: RATE_CUT },
  { id: `hsn${hsn}-any-2025`, hsnPrefix: hsn, category: 'any', rateBp: 500, effectiveFrom: RATE_CUT, effectiveTo: null },
] satisfies TaxRateRule[]);

/**
 * Finds the rule in force for a product on a business date. The longest matching HSN prefix
 * wins; among equals a rule for the product's own category beats an 'any' rule, and then the
 * most recently started rule wins (so an overlapping correction supersedes the original).
 */
export function resolveTaxRate(
  rules: readonly TaxRateRule[],
  product: { hsn: string; taxCategory: TaxCategory },
  businessDate: string,
): { kind: 'found'; rule: TaxRateRule } | { kind: 'missing' } {
  let best: TaxRateRule | null = null;
  for (const rule of rules) {
    if (!product.hsn.startsWith(rule.hsnPrefix)) continue;
    if (rule.category !== 'any' && rule.category !== product.taxCategory) continue;
    if (businessDate < rule.effectiveFrom) continue;
    if (rule.effectiveTo !== null && businessDate >= rule.effectiveTo) continue;
    if (best === null || beats(rule, best)) best = rule;
  }
  return best === null ? { kind: 'missing' } : { kind: 'found', rule: best };
}

function beats(a: TaxRateRule, b: TaxRateRule): boolean {
  if (a.hsnPrefix.length !== b.hsnPrefix.length) return a.hsnPrefix.length > b.hsnPrefix.length;
  const aSpecific = a.category !== 'any';
  const bSpecific = b.category !== 'any';
  if (aSpecific !== bSpecific) return aSpecific;
  return a.effectiveFrom > b.effectiveFrom;
}

function assertRate(rateBp: number): void {
  if (!Number.isSafeInteger(rateBp) || rateBp < 0) {
    throw new RangeError(`rateBp must be a non-negative integer, got ${String(rateBp)}`);
  }
}

/** round(a × b / c) half up for a ≥ 0, b ≥ 0, c > 0, exact even when a × b exceeds 2^53. */
export function mulDivRoundHalfUp(a: number, b: number, c: number): number {
  const twice = 2 * a * b;
  if (Number.isSafeInteger(twice) && Number.isSafeInteger(2 * c)) {
    return Math.floor((twice + c) / (2 * c));
  }
  return Number((2n * BigInt(a) * BigInt(b) + BigInt(c)) / (2n * BigInt(c)));
}

/**
 * Back-calculates tax from an MRP-inclusive net amount:
 * taxable = round(net × 10000 / (10000 + rateBp)) (half up), tax = net − taxable.
 * A negative net (credit note) mirrors the positive result.
 */
export function lineTax(netPaise: Paise, rateBp: number): { taxablePaise: Paise; taxPaise: Paise } {
  assertRate(rateBp);
  const sign = netPaise < 0 ? -1 : 1;
  const abs = Math.abs(netPaise);
  const taxable = mulDivRoundHalfUp(abs, 10_000, 10_000 + rateBp);
  return { taxablePaise: paise(sign * taxable), taxPaise: paise(sign * (abs - taxable)) };
}

/**
 * Splits a line's total tax. Intra-state: CGST = ceil(tax / 2), SGST = the rest, so an odd
 * paisa goes to CGST (by magnitude for negative tax). Inter-state: everything is IGST.
 */
export function splitTax(
  taxPaise: Paise,
  interState: boolean,
): { cgstPaise: Paise; sgstPaise: Paise; igstPaise: Paise } {
  if (interState) return { cgstPaise: paise(0), sgstPaise: paise(0), igstPaise: taxPaise };
  const sign = taxPaise < 0 ? -1 : 1;
  const cgst = sign * Math.ceil(Math.abs(taxPaise) / 2);
  return { cgstPaise: paise(cgst), sgstPaise: paise(taxPaise - cgst), igstPaise: paise(0) };
}

/** A walk-in buyer with no known state (B2C) is taxed as intra-state. */
export function isInterState(supplierStateCode: string, buyerStateCode: string | null): boolean {
  return buyerStateCode !== null && buyerStateCode !== supplierStateCode;
}

/**
 * Rounds a payable amount to the nearest rupee; exactly 50 paise rounds up (away from zero for
 * negative amounts, so a full refund mirrors its sale). |roundOff| ≤ 50.
 */
export function roundOffToRupee(exactPaise: Paise): { roundOffPaise: Paise; totalPaise: Paise } {
  const sign = exactPaise < 0 ? -1 : 1;
  const abs = Math.abs(exactPaise);
  const total = sign * Math.floor((abs + 50) / 100) * 100;
  return { roundOffPaise: paise(total - exactPaise), totalPaise: paise(total) };
}

/** Human label for a rate in basis points: 500 → '5%', 250 → '2.5%', 25 → '0.25%'. */
export function rateLabel(rateBp: number): string {
  assertRate(rateBp);
  const whole = Math.floor(rateBp / 100);
  const frac = rateBp % 100;
  if (frac === 0) return `${whole}%`;
  return `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}%`;
}

/** One cart line as the pricing engine needs it. */
export interface PricingLineInput {
  key: string;
  hsn: string;
  rateBp: number;
  qty: number;
  unitPricePaise: Paise;
  discountPaise: Paise;
}

/** A priced line: gross = qty × unit, net = gross − discount, tax back-calculated from net. */
export interface PricedLine {
  key: string;
  grossPaise: Paise;
  discountPaise: Paise;
  netPaise: Paise;
  rateBp: number;
  taxablePaise: Paise;
  cgstPaise: Paise;
  sgstPaise: Paise;
  igstPaise: Paise;
}

export interface PricedInvoice {
  lines: PricedLine[];
  totals: QuoteTotals;
  /** One row per (HSN, rate), key = HSN, sorted by HSN then rate. */
  hsnSummary: TaxSummaryRow[];
  /** One row per rate, key = rate label ('5%'), sorted by rate. */
  rateSummary: TaxSummaryRow[];
}

function priceLine(line: PricingLineInput, interState: boolean): PricedLine {
  if (!Number.isSafeInteger(line.qty) || line.qty <= 0) {
    throw new RangeError(`line ${line.key}: qty must be a positive integer, got ${String(line.qty)}`);
  }
  if (line.unitPricePaise < 0) throw new RangeError(`line ${line.key}: negative unit price`);
  const gross = paise(line.qty * line.unitPricePaise);
  if (line.discountPaise < 0 || line.discountPaise > gross) {
    throw new RangeError(`line ${line.key}: discount must be within 0..gross (validate it first)`);
  }
  const net = paise(gross - line.discountPaise);
  const { taxablePaise, taxPaise } = lineTax(net, line.rateBp);
  return {
    key: line.key,
    grossPaise: gross,
    discountPaise: line.discountPaise,
    netPaise: net,
    rateBp: line.rateBp,
    taxablePaise,
    ...splitTax(taxPaise, interState),
  };
}

function summarise(lines: readonly PricedLine[], keyOf: (l: PricedLine, index: number) => string): Map<string, TaxSummaryRow> {
  const rows = new Map<string, TaxSummaryRow>();
  for (const [index, l] of lines.entries()) {
    const key = keyOf(l, index);
    const group = `${key}\u0000${l.rateBp}`;
    const row = rows.get(group) ?? {
      key, rateBp: l.rateBp, taxablePaise: paise(0), cgstPaise: paise(0), sgstPaise: paise(0), igstPaise: paise(0),
    };
    row.taxablePaise = paise(row.taxablePaise + l.taxablePaise);
    row.cgstPaise = paise(row.cgstPaise + l.cgstPaise);
    row.sgstPaise = paise(row.sgstPaise + l.sgstPaise);
    row.igstPaise = paise(row.igstPaise + l.igstPaise);
    rows.set(group, row);
  }
  return rows;
}

const sumOf = (lines: readonly PricedLine[], pick: (l: PricedLine) => Paise): Paise =>
  paise(lines.reduce((acc, l) => acc + pick(l), 0));

/**
 * Prices a whole invoice. Throws RangeError for qty ≤ 0 or a discount outside 0..gross:
 * callers validate with validateLineDiscount first, so reaching that is a programmer error.
 */
export function priceInvoice(input: {
  lines: readonly PricingLineInput[];
  supplierStateCode: string;
  buyerStateCode: string | null;
}): PricedInvoice {
  const interState = isInterState(input.supplierStateCode, input.buyerStateCode);
  const lines = input.lines.map((l) => priceLine(l, interState));
  const exactTotal = sumOf(lines, (l) => l.netPaise);
  const { roundOffPaise, totalPaise } = roundOffToRupee(exactTotal);
  const totals: QuoteTotals = {
    grossPaise: sumOf(lines, (l) => l.grossPaise),
    discountPaise: sumOf(lines, (l) => l.discountPaise),
    taxablePaise: sumOf(lines, (l) => l.taxablePaise),
    cgstPaise: sumOf(lines, (l) => l.cgstPaise),
    sgstPaise: sumOf(lines, (l) => l.sgstPaise),
    igstPaise: sumOf(lines, (l) => l.igstPaise),
    exactTotalPaise: exactTotal,
    roundOffPaise,
    totalPaise,
    interState,
  };
  const hsnSummary = [...summarise(lines, (_l, i) => input.lines[i]?.hsn ?? '').values()]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.rateBp - b.rateBp));
  const rateSummary = [...summarise(lines, (l) => rateLabel(l.rateBp)).values()].sort((a, b) => a.rateBp - b.rateBp);
  return { lines, totals, hsnSummary, rateSummary };
}

/**
 * Splits an amount over parts in proportion to non-negative integer weights (e.g. a line
 * discount over the batch allocations by qty) using largest remainder, so the parts sum to
 * the total exactly; ties go to the earlier part. Throws if every weight is 0 and total ≠ 0.
 */
export function apportion(total: Paise, weights: readonly number[]): Paise[] {
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`weights must be non-negative integers, got ${String(w)}`);
  }
  const weightSum = weights.reduce((a, w) => a + w, 0);
  if (weightSum === 0) {
    if (total !== 0) throw new RangeError('cannot apportion a non-zero amount over zero weights');
    return weights.map(() => paise(0));
  }
  const sign = total < 0 ? -1n : 1n;
  const abs = BigInt(Math.abs(total));
  const sum = BigInt(weightSum);
  const shares = weights.map((w, index) => {
    const scaled = abs * BigInt(w);
    return { index, floor: scaled / sum, remainder: scaled % sum };
  });
  let left = abs - shares.reduce((a, s) => a + s.floor, 0n);
  const byRemainder = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const s of byRemainder) {
    if (left === 0n) break;
    s.floor += 1n;
    left -= 1n;
  }
  return shares.map((s) => paise(Number(sign * s.floor)));
}
