/**
 * Schemes (campaigns) from the central office, applied at the counter: a pure engine.
 *
 * Rules (docs/schemes.md):
 * - A scheme is in force when active, `validFrom ≤ business date ≤ validTo` (validTo null = open)
 *   and the branch is in its list (null = every branch). It applies only when the bill gross is at
 *   least `minBillPaise`.
 * - Line schemes target a product id, a brand or a form: percent off the line gross, an amount off
 *   per unit, or buy N get M free. Free units: the cashier rings up every unit handed over; of each
 *   full group of N + M units, M are free, given as a discount of M units' price (the line's
 *   average unit price when it spans batches) and shown as "n free" beside the scheme name.
 * - At most ONE line scheme per line: the one giving the largest discount after the cap (ties: the
 *   smaller id), never two stacked.
 * - One bill scheme at most (largest discount; ties: smaller id): percent or amount off the bill's
 *   net after manual and line-scheme discounts, spread over the lines in proportion to those nets,
 *   in integer paise with nothing lost, and only within each line's remaining cap headroom.
 * - Cap: manual + scheme discount on a line never exceeds cap% of the line gross. Each scheme
 *   carries its own cap (`capBp`) or the global default; a manual discount above the cap is the
 *   role limit's business (roles.ts), the schemes then give nothing on that line.
 */
import { apportion } from './gst.js';
import { paise, type Paise } from './money.js';

export type SchemeTargetType = 'product' | 'brand' | 'form' | 'bill';
export type SchemeKind = 'percent' | 'amount' | 'free_qty';

export const SCHEME_TARGET_TYPES: readonly SchemeTargetType[] = ['product', 'brand', 'form', 'bill'];
export const SCHEME_KINDS: readonly SchemeKind[] = ['percent', 'amount', 'free_qty'];

/** Global default cap on manual + scheme discount, in basis points of the line gross. */
export const DEFAULT_SCHEME_CAP_BP = 3000;

export interface Scheme {
  id: string;
  name: string;
  kind: SchemeKind;
  targetType: SchemeTargetType;
  /** Product id, brand or form; '' for a bill scheme. Brand and form match case-insensitively. */
  targetValue: string;
  /** percent: basis points off (1000 = 10 %). */
  percentBp: number | null;
  /** amount: paise off per unit on a line scheme, off the whole bill on a bill scheme. */
  amountPaise: number | null;
  /** free_qty: buy `buyQty` get `freeQty` free. */
  buyQty: number | null;
  freeQty: number | null;
  /** The bill gross must be at least this for the scheme to apply (0 = always). */
  minBillPaise: number;
  validFrom: string;
  validTo: string | null;
  /** Null: every branch. */
  branchIds: readonly string[] | null;
  /** Cap of manual + scheme discount on a line, basis points of its gross; null = the default. */
  capBp: number | null;
  active: boolean;
}

export interface SchemeCartLine {
  key: string;
  productId: string;
  brand: string;
  form: string;
  qty: number;
  grossPaise: Paise;
  /** The cashier's own discount on the line (already checked against the role limit). */
  manualDiscountPaise: Paise;
}

export interface AppliedScheme {
  schemeId: string;
  name: string;
  discountPaise: Paise;
  /** Units given free by a buy N get M scheme (0 otherwise). */
  freeUnits: number;
}

export interface SchemeLineResult {
  key: string;
  /** Line scheme + this line's share of the bill scheme. */
  schemeDiscountPaise: Paise;
  /** The line scheme first, then the bill scheme's share (each only when it gave something). */
  applied: AppliedScheme[];
}

export interface SchemeResult {
  lines: SchemeLineResult[];
  bill: { schemeId: string; name: string; discountPaise: Paise } | null;
}

/** True when the scheme runs on this business date at this branch. */
export function isInForce(s: Scheme, businessDate: string, branchId: string): boolean {
  if (!s.active || businessDate < s.validFrom) return false;
  if (s.validTo !== null && businessDate > s.validTo) return false;
  return s.branchIds === null || s.branchIds.includes(branchId);
}

export function schemesInForce(schemes: readonly Scheme[], businessDate: string, branchId: string): Scheme[] {
  return schemes.filter((s) => isInForce(s, businessDate, branchId));
}

export type SchemeStatus = 'in_force' | 'upcoming' | 'expired' | 'inactive';

/** Where a scheme stands on a date (branch ignored): for the office list. */
export function schemeStatus(s: Scheme, businessDate: string): SchemeStatus {
  if (!s.active) return 'inactive';
  if (businessDate < s.validFrom) return 'upcoming';
  if (s.validTo !== null && businessDate > s.validTo) return 'expired';
  return 'in_force';
}

/** "20% off", "₹10 off per unit", "Buy 2 get 1 free" — what the scheme gives, in words. */
export function describeBenefit(s: Pick<Scheme, 'kind' | 'targetType' | 'percentBp' | 'amountPaise' | 'buyQty' | 'freeQty'>): string {
  if (s.kind === 'percent') return `${((s.percentBp ?? 0) / 100).toFixed(2).replace(/\.?0+$/, '')}% off`;
  if (s.kind === 'amount') return `₹${((s.amountPaise ?? 0) / 100).toFixed(2)} off${s.targetType === 'bill' ? '' : ' per unit'}`;
  return `Buy ${s.buyQty ?? 0} get ${s.freeQty ?? 0} free`;
}

const capOf = (s: Scheme, defaultCapBp: number): number => s.capBp ?? defaultCapBp;

/** floor(amount × bp / 10000) in exact integer maths. */
function share(amount: number, bp: number): number {
  return Number((BigInt(Math.max(0, amount)) * BigInt(Math.max(0, bp))) / 10_000n);
}

function matches(s: Scheme, line: SchemeCartLine): boolean {
  if (s.targetType === 'product') return s.targetValue === line.productId;
  if (s.targetType === 'brand') return s.targetValue.toLowerCase() === line.brand.toLowerCase();
  if (s.targetType === 'form') return s.targetValue.toLowerCase() === line.form.toLowerCase();
  return false;
}

/** What a line scheme would give before the cap, and the free units behind it. */
function rawLineDiscount(s: Scheme, line: SchemeCartLine): { discount: number; freeUnits: number } {
  const gross = line.grossPaise;
  if (s.kind === 'percent') return { discount: share(gross, s.percentBp ?? 0), freeUnits: 0 };
  if (s.kind === 'amount') return { discount: Math.min(gross, (s.amountPaise ?? 0) * line.qty), freeUnits: 0 };
  const n = s.buyQty ?? 0;
  const m = s.freeQty ?? 0;
  if (n < 1 || m < 1 || line.qty <= 0) return { discount: 0, freeUnits: 0 };
  const freeUnits = Math.floor(line.qty / (n + m)) * m;
  return { discount: Number((BigInt(gross) * BigInt(freeUnits)) / BigInt(line.qty)), freeUnits };
}

const headroom = (line: SchemeCartLine, capBp: number, already: number): number => Math.max(0, share(line.grossPaise, capBp) - line.manualDiscountPaise - already);

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Spreads `total` over lines by weight, never giving a line more than its limit; sum of the
 * shares is exactly `total` (the caller makes sure total ≤ sum of limits).
 */
export function spreadWithinLimits(total: number, weights: readonly number[], limits: readonly number[]): number[] {
  const out = weights.map(() => 0);
  let left = total;
  let open = weights.map((_, i) => i).filter((i) => (limits[i] ?? 0) > 0);
  while (left > 0 && open.length > 0) {
    const w = open.map((i) => weights[i] ?? 0);
    const useWeights = w.some((x) => x > 0) ? w : open.map((i) => limits[i] ?? 0);
    const parts = apportion(paise(left), useWeights);
    const full: number[] = [];
    open.forEach((i, k) => {
      const room = (limits[i] ?? 0) - (out[i] ?? 0);
      const give = Math.min(room, parts[k] ?? 0);
      out[i] = (out[i] ?? 0) + give;
      left -= give;
      if (give >= room) full.push(i);
    });
    if (full.length === 0) break; // everything fitted: left is 0
    open = open.filter((i) => !full.includes(i));
  }
  return out;
}

/**
 * Applies the schemes in force to a cart. `schemes` must already be the ones in force
 * ({@link schemesInForce}); the result does not depend on their order.
 */
export function applySchemes(lines: readonly SchemeCartLine[], schemes: readonly Scheme[], defaultCapBp = DEFAULT_SCHEME_CAP_BP): SchemeResult {
  const billGross = lines.reduce((a, l) => a + l.grossPaise, 0);
  const eligible = [...schemes].filter((s) => billGross >= s.minBillPaise).sort(byId);
  const lineSchemes = eligible.filter((s) => s.targetType !== 'bill');
  const results: SchemeLineResult[] = lines.map((line) => {
    let best: AppliedScheme | null = null;
    for (const s of lineSchemes) {
      if (!matches(s, line)) continue;
      const raw = rawLineDiscount(s, line);
      const discount = Math.min(raw.discount, headroom(line, capOf(s, defaultCapBp), 0));
      if (discount > 0 && (best === null || discount > best.discountPaise)) best = { schemeId: s.id, name: s.name, discountPaise: paise(discount), freeUnits: raw.freeUnits };
    }
    return { key: line.key, schemeDiscountPaise: best?.discountPaise ?? paise(0), applied: best === null ? [] : [best] };
  });

  const nets = lines.map((l, i) => Math.max(0, l.grossPaise - l.manualDiscountPaise - (results[i]?.schemeDiscountPaise ?? 0)));
  const billNet = nets.reduce((a, b) => a + b, 0);
  let bill: SchemeResult['bill'] = null;
  let billShares: number[] = [];
  for (const s of eligible.filter((x) => x.targetType === 'bill')) {
    const limits = lines.map((l, i) => Math.min(nets[i] ?? 0, headroom(l, capOf(s, defaultCapBp), results[i]?.schemeDiscountPaise ?? 0)));
    const raw = s.kind === 'percent' ? share(billNet, s.percentBp ?? 0) : s.kind === 'amount' ? Math.min(billNet, s.amountPaise ?? 0) : 0;
    const total = Math.min(raw, limits.reduce((a, b) => a + b, 0));
    if (total > 0 && (bill === null || total > bill.discountPaise)) {
      bill = { schemeId: s.id, name: s.name, discountPaise: paise(total) };
      billShares = spreadWithinLimits(total, nets, limits);
    }
  }
  if (bill !== null) {
    const b = bill;
    results.forEach((r, i) => {
      const part = billShares[i] ?? 0;
      if (part <= 0) return;
      r.schemeDiscountPaise = paise(r.schemeDiscountPaise + part);
      r.applied.push({ schemeId: b.schemeId, name: b.name, discountPaise: paise(part), freeUnits: 0 });
    });
  }
  return { lines: results, bill };
}

export type SchemeDefinition = Omit<Scheme, 'id' | 'active'>;

/** Checks the shape rules a scheme must keep (the server refuses the rest with a 400). */
export function checkSchemeDefinition(d: SchemeDefinition): { kind: 'ok' } | { kind: 'invalid'; field: string; message: string } {
  const bad = (field: string, message: string) => ({ kind: 'invalid' as const, field, message });
  if (d.name.trim() === '') return bad('name', 'Give the scheme a name.');
  if (d.targetType === 'bill' && d.targetValue !== '') return bad('targetValue', 'A bill scheme has no target value.');
  if (d.targetType !== 'bill' && d.targetValue.trim() === '') return bad('targetValue', `Name the ${d.targetType} the scheme is for.`);
  if (d.kind === 'percent' && (d.percentBp === null || d.percentBp < 1 || d.percentBp > 10_000)) return bad('percentBp', 'A percent scheme needs percentBp between 1 and 10000 (100 %).');
  if (d.kind === 'amount' && (d.amountPaise === null || d.amountPaise < 1)) return bad('amountPaise', 'An amount scheme needs amountPaise of at least 1.');
  if (d.kind === 'free_qty') {
    if (d.targetType === 'bill') return bad('kind', 'Buy N get M free applies to a product, brand or form, not to the whole bill.');
    if (d.buyQty === null || d.buyQty < 1 || d.freeQty === null || d.freeQty < 1) return bad('buyQty', 'Buy N get M free needs buyQty and freeQty of at least 1.');
  }
  if (d.validTo !== null && d.validTo < d.validFrom) return bad('validTo', 'The scheme ends before it starts.');
  if (d.branchIds !== null && d.branchIds.length === 0) return bad('branchIds', 'List at least one branch, or null for every branch.');
  return { kind: 'ok' };
}
