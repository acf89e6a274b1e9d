/**
 * Money is always integer paise (1 rupee = 100 paise). The brand stops raw numbers
 * (rupees, quantities) from being passed where paise are expected.
 */
export type Paise = number & { readonly __brand: 'Paise' };

/** Brands a number as paise. Throws RangeError unless it is a safe integer (programmer error). */
export function paise(n: number): Paise {
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`paise must be a safe integer, got ${String(n)}`);
  }
  // Normalise -0 so formatting and equality never see a negative zero.
  return (n === 0 ? 0 : n) as Paise;
}

/** Sums paise values exactly. */
export function sumPaise(values: readonly Paise[]): Paise {
  let total = 0;
  for (const v of values) total += v;
  return paise(total);
}

/** Groups an integer digit string the Indian way: last 3 digits, then pairs (1,23,45,678). */
function groupIndian(digits: string): string {
  if (digits.length <= 3) return digits;
  const last3 = digits.slice(-3);
  let rest = digits.slice(0, -3);
  const groups: string[] = [];
  while (rest.length > 2) {
    groups.unshift(rest.slice(-2));
    rest = rest.slice(0, -2);
  }
  if (rest.length > 0) groups.unshift(rest);
  return `${groups.join(',')},${last3}`;
}

function formatAbs(abs: number): string {
  const rupees = Math.floor(abs / 100);
  const fraction = abs % 100;
  return `${groupIndian(String(rupees))}.${String(fraction).padStart(2, '0')}`;
}

/** Indian-grouped rupees with the sign: `₹1,23,456.50`, `₹0.05`, `-₹1,234.00`. */
export function formatINR(p: Paise): string {
  return p < 0 ? `-₹${formatAbs(-p)}` : `₹${formatAbs(p)}`;
}

/** Same as {@link formatINR} without the ₹ sign: `1,23,456.50`, `-1,234.00`. */
export function formatINRPlain(p: Paise): string {
  return p < 0 ? `-${formatAbs(-p)}` : formatAbs(p);
}

// Integer part: plain digits, or digit groups separated by single commas (Indian or western grouping).
const RUPEES_RE = /^(\d+(?:,\d+)*)(?:\.(\d{1,2}))?$/;

/**
 * Parses what a person types as a rupee amount: '12', '12.5', '12.50', '1,234.50', '₹ 10', 'Rs 10'.
 * Returns null for junk, negative amounts, more than 2 decimals or an amount beyond safe integers.
 */
export function parseRupees(text: string): Paise | null {
  let s = text.trim();
  s = s.replace(/^(?:₹|rs\.?|inr)\s*/i, '');
  const m = RUPEES_RE.exec(s);
  if (m === null) return null;
  const intPart = (m[1] ?? '').replace(/,/g, '');
  const fracPart = (m[2] ?? '').padEnd(2, '0');
  const value = Number(intPart) * 100 + Number(fracPart);
  if (!Number.isSafeInteger(value)) return null;
  return paise(value);
}

const ONES = [
  'Zero', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten',
  'Eleven', 'Twelve', 'Thirteen', 'Fourteen', 'Fifteen', 'Sixteen', 'Seventeen', 'Eighteen', 'Nineteen',
] as const;
const TENS = ['', '', 'Twenty', 'Thirty', 'Forty', 'Fifty', 'Sixty', 'Seventy', 'Eighty', 'Ninety'] as const;

/** 1..99 in words ('Twenty-Three'). */
function twoDigits(n: number): string {
  if (n < 20) return ONES[n] ?? '';
  const t = TENS[Math.floor(n / 10)] ?? '';
  const o = n % 10;
  return o === 0 ? t : `${t}-${ONES[o] ?? ''}`;
}

/** 1..999 in words. */
function threeDigits(n: number): string {
  const h = Math.floor(n / 100);
  const r = n % 100;
  const parts: string[] = [];
  if (h > 0) parts.push(`${ONES[h] ?? ''} Hundred`);
  if (r > 0) parts.push(twoDigits(r));
  return parts.join(' ');
}

/** Positive integer in the Indian system (crore, lakh, thousand); crores above 99 recurse. */
function indianWords(n: number): string {
  const crore = Math.floor(n / 10_000_000);
  const lakh = Math.floor((n % 10_000_000) / 100_000);
  const thousand = Math.floor((n % 100_000) / 1000);
  const rest = n % 1000;
  const parts: string[] = [];
  if (crore > 0) parts.push(`${indianWords(crore)} Crore`);
  if (lakh > 0) parts.push(`${twoDigits(lakh)} Lakh`);
  if (thousand > 0) parts.push(`${twoDigits(thousand)} Thousand`);
  if (rest > 0) parts.push(threeDigits(rest));
  return parts.join(' ');
}

/**
 * Amount in words for printed invoices, Indian system:
 * 'Rupees One Lakh Twenty-Three Thousand Four Hundred Fifty-Six and Fifty Paise Only',
 * 'Rupees Zero Only', 'Rupees Zero and Five Paise Only', negatives prefixed 'Minus '.
 */
export function amountInWords(p: Paise): string {
  const abs = Math.abs(p);
  const rupees = Math.floor(abs / 100);
  const ps = abs % 100;
  const rupeeWords = rupees === 0 ? 'Zero' : indianWords(rupees);
  const paiseWords = ps === 0 ? '' : ` and ${twoDigits(ps)} Paise`;
  return `${p < 0 ? 'Minus ' : ''}Rupees ${rupeeWords}${paiseWords} Only`;
}
