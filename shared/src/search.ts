/**
 * Counter search parsing: turns what a pharmacist types ('nux v 200', 'kali phos 6x tab',
 * a scanned barcode) into terms for the prefix index plus potency and form filters.
 */
import type { Potency, ProductForm } from './domain.js';
import { REMEDIES } from './remedies.js';

export interface ParsedQuery {
  /** Lowercase words, each to be prefix-matched against the search index. */
  terms: string[];
  potency: Potency | null;
  form: ProductForm | null;
  /** Set (and nothing else) when the query is 8–14 digits, i.e. an EAN/UPC scan. */
  barcode: string | null;
}

const MOTHER_TINCTURE_SIGNS = new Set(['q', 'mt', 'θ', 'ϑ', 'ø', '∅']);

/** Rewrites multiples of 1000C as M and 100M as CM, the way labels print them. */
function centesimal(n: number): Potency | null {
  if (n <= 0) return null;
  if (n === 100_000) return 'CM';
  if (n >= 1000 && n % 1000 === 0) return `${n / 1000}M`;
  return `${n}C`;
}

/**
 * Canonical potency for a typed token, or null when it is not a potency:
 * '30' / '30c' / '30ch' → '30C', '6x' / '6d' → '6X', '1m' → '1M', 'cm' → 'CM',
 * 'q' / 'mt' / 'θ' / 'ø' → 'Q', 'lm1' / '0/1' → 'LM1'. Bare numbers are centesimal
 * because Indian labels omit the C ("Aconite 30").
 */
export function normalizePotency(token: string): Potency | null {
  const t = token.trim().toLowerCase();
  if (MOTHER_TINCTURE_SIGNS.has(t)) return 'Q';
  if (t === 'cm') return 'CM';
  let m = /^(\d{1,6})(c|ch)?$/.exec(t);
  if (m !== null) {
    const n = Number(m[1]);
    // A bare 5–6 digit number is only a potency when it is a whole M (10000 = 10M).
    if (m[2] === undefined && (m[1] ?? '').length > 4 && n % 1000 !== 0) return null;
    return centesimal(n);
  }
  m = /^(\d{1,4})(x|d|dh)$/.exec(t);
  if (m !== null) return Number(m[1]) > 0 ? `${Number(m[1])}X` : null;
  m = /^(\d{1,3})m$/.exec(t);
  if (m !== null) return centesimal(Number(m[1]) * 1000);
  m = /^(?:lm(\d{1,2})|0\/(\d{1,2}))$/.exec(t);
  if (m !== null) {
    const n = Number(m[1] ?? m[2]);
    return n > 0 ? `LM${n}` : null;
  }
  return null;
}

/** Display form of a potency ('30C', '6X', 'Q'); unrecognised labels are shown as stored. */
export function formatPotency(p: Potency): string {
  return normalizePotency(p) ?? p;
}

const FORM_WORDS: ReadonlyMap<string, ProductForm> = new Map<string, ProductForm>([
  ['dil', 'dilution'], ['dilution', 'dilution'],
  ['tab', 'tablets'], ['tabs', 'tablets'], ['tablet', 'tablets'], ['tablets', 'tablets'],
  ['glob', 'globules'], ['globules', 'globules'],
  ['mt', 'mother tincture'], ['tincture', 'mother tincture'],
  ['trit', 'trituration'], ['trituration', 'trituration'],
  ['oint', 'ointment'], ['ointment', 'ointment'],
  ['drops', 'drops'], ['syrup', 'syrup'],
  ['bc', 'biochemic'], ['biochemic', 'biochemic'],
]);

/** Abbreviation (hyphens read as spaces) → the remedy's lowercase name words; first remedy wins. */
const ABBREVIATIONS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, readonly string[]>();
  for (const r of REMEDIES) {
    const nameWords = r.name.toLowerCase().split(/\s+/);
    for (const a of r.abbreviations) {
      const key = splitWords(a).join(' ');
      if (!map.has(key)) map.set(key, nameWords);
    }
  }
  return map;
})();

const LONGEST_ABBREVIATION = Math.max(1, ...[...ABBREVIATIONS.keys()].map((k) => k.split(' ').length));

function splitWords(text: string): string[] {
  return text.toLowerCase().split(/[\s-]+/).filter((w) => w.length > 0);
}

/**
 * Expands counter abbreviations into remedy name words: 'nux v' → ['nux', 'vomica'],
 * 'ars alb' → ['arsenicum', 'album'], 'calc-p' → ['calcarea', 'phosphorica']. Multi-word
 * abbreviations match longest first. A single word is left as typed when it already prefixes a
 * word of the remedy's name ('arnica', 'bell', 'calc'): the index prefix-matches it anyway, and
 * expanding it would hide sibling remedies while the user is still typing ('calc' → 'calc phos').
 */
export function expandAbbreviations(tokens: string[]): string[] {
  const words = tokens.flatMap(splitWords);
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    let matched = false;
    for (let k = Math.min(LONGEST_ABBREVIATION, words.length - i); k >= 1 && !matched; k--) {
      const key = words.slice(i, i + k).join(' ');
      const nameWords = ABBREVIATIONS.get(key);
      if (nameWords === undefined) continue;
      if (k === 1 && nameWords.some((w) => w.startsWith(key))) break;
      out.push(...nameWords);
      i += k;
      matched = true;
    }
    if (!matched) {
      out.push(words[i] ?? '');
      i += 1;
    }
  }
  return out;
}

function isRemedyAbbreviation(word: string): boolean {
  return ABBREVIATIONS.has(word);
}

/**
 * Parses a counter search. Lowercased and trimmed; 8–14 digits is a barcode; the last potency
 * token is the potency; form words set the form (a form word that is also a remedy abbreviation,
 * like 'tab' for Tabacum, counts as a form only after another word); 'mt' / 'mother tincture'
 * mean potency Q in form 'mother tincture'; 'bc 12' is bio-combination No. 12 (terms, no
 * potency). Everything else becomes terms via expandAbbreviations.
 */
export function parseProductQuery(raw: string): ParsedQuery {
  const text = raw.trim().toLowerCase();
  if (/^\d{8,14}$/.test(text)) return { terms: [], potency: null, form: null, barcode: text };
  const tokens = text.split(/[\s,]+/).filter((t) => t.length > 0);

  let form: ProductForm | null = null;
  let potency: Potency | null = null;
  let potencyAt = -1;
  let tinctureSign = false;
  const rest: { at: number; token: string }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const next = tokens[i + 1];
    if (token === 'bc' && next !== undefined && /^\d{1,2}$/.test(next)) {
      rest.push({ at: i, token }, { at: i + 1, token: next });
      i += 1;
      continue;
    }
    if (token === 'mother' && next === 'tincture') {
      form = 'mother tincture';
      tinctureSign = true;
      i += 1;
      continue;
    }
    const formWord = FORM_WORDS.get(token);
    if (formWord !== undefined && (i > 0 || !isRemedyAbbreviation(token))) {
      form = formWord;
      if (formWord === 'mother tincture') tinctureSign = true;
      continue;
    }
    const p = normalizePotency(token);
    if (p !== null) {
      // Only the last potency counts; an earlier one was probably part of a name.
      if (potencyAt >= 0) rest.push({ at: potencyAt, token: tokens[potencyAt] ?? '' });
      potency = p;
      potencyAt = i;
      continue;
    }
    rest.push({ at: i, token });
  }
  if (potency === null && tinctureSign) potency = 'Q';
  const terms = expandAbbreviations(rest.sort((a, b) => a.at - b.at).map((r) => r.token));
  return { terms, potency, form, barcode: null };
}

/**
 * Text to index for a remedy: its name plus every abbreviation, lowercase, hyphens as spaces,
 * each word once ('Nux vomica' → 'nux vomica v vom'). An unknown name is indexed as itself.
 */
export function remedySearchText(remedyName: string): string {
  const lower = remedyName.trim().toLowerCase();
  const remedy = REMEDIES.find((r) => r.name.toLowerCase() === lower);
  const words = [...splitWords(lower), ...(remedy?.abbreviations.flatMap(splitWords) ?? [])];
  return [...new Set(words)].join(' ');
}
