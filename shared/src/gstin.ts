/**
 * GSTIN validation: 2-digit state code, the holder's PAN, entity number, 'Z', and a mod-36
 * check character, e.g. 27AAPFU0939F1ZV.
 */

/** GST state/UT code → name, as used in GSTINs and on invoices (place of supply). */
export const GST_STATES: Record<string, string> = {
  '01': 'Jammu and Kashmir',
  '02': 'Himachal Pradesh',
  '03': 'Punjab',
  '04': 'Chandigarh',
  '05': 'Uttarakhand',
  '06': 'Haryana',
  '07': 'Delhi',
  '08': 'Rajasthan',
  '09': 'Uttar Pradesh',
  '10': 'Bihar',
  '11': 'Sikkim',
  '12': 'Arunachal Pradesh',
  '13': 'Nagaland',
  '14': 'Manipur',
  '15': 'Mizoram',
  '16': 'Tripura',
  '17': 'Meghalaya',
  '18': 'Assam',
  '19': 'West Bengal',
  '20': 'Jharkhand',
  '21': 'Odisha',
  '22': 'Chhattisgarh',
  '23': 'Madhya Pradesh',
  '24': 'Gujarat',
  '25': 'Daman and Diu',
  '26': 'Dadra and Nagar Haveli and Daman and Diu',
  '27': 'Maharashtra',
  '28': 'Andhra Pradesh (before reorganisation)',
  '29': 'Karnataka',
  '30': 'Goa',
  '31': 'Lakshadweep',
  '32': 'Kerala',
  '33': 'Tamil Nadu',
  '34': 'Puducherry',
  '35': 'Andaman and Nicobar Islands',
  '36': 'Telangana',
  '37': 'Andhra Pradesh',
  '38': 'Ladakh',
  '97': 'Other Territory',
  '99': 'Centre Jurisdiction',
};

const CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const BODY_RE = /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;

/**
 * The 15th (check) character for the first 14 characters of a GSTIN: alternate weights 1, 2
 * from the left, each product folded as quotient + remainder of 36, check = (36 − sum mod 36) mod 36.
 * Throws RangeError unless given exactly 14 characters from [0-9A-Z].
 */
export function gstinCheckChar(first14: string): string {
  if (!/^[0-9A-Z]{14}$/.test(first14)) throw new RangeError(`expected 14 characters of [0-9A-Z], got ${first14}`);
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const product = CHARSET.indexOf(first14.charAt(i)) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return CHARSET.charAt((36 - (sum % 36)) % 36);
}

/**
 * Validates a GSTIN as stored (uppercase, no spaces; callers normalise input first) and returns
 * its state code. Reasons are sentences a person can act on.
 */
export function validateGstin(gstin: string): { kind: 'ok'; stateCode: string } | { kind: 'invalid'; reason: string } {
  if (gstin.length !== 15) return { kind: 'invalid', reason: 'A GSTIN has exactly 15 characters.' };
  const stateCode = gstin.slice(0, 2);
  if (!/^\d{2}$/.test(stateCode) || GST_STATES[stateCode] === undefined) {
    return { kind: 'invalid', reason: 'The first two digits must be a valid GST state code (01–38, 97 or 99).' };
  }
  if (!/^[A-Z]{5}[0-9]{4}[A-Z]$/.test(gstin.slice(2, 12))) {
    return { kind: 'invalid', reason: 'Characters 3–12 must be a PAN (5 letters, 4 digits, 1 letter).' };
  }
  if (gstin.charAt(13) !== 'Z') return { kind: 'invalid', reason: 'The 14th character of a GSTIN is always Z.' };
  if (!BODY_RE.test(gstin)) {
    return { kind: 'invalid', reason: 'The 13th character must be 1–9 or A–Z and the last a letter or digit.' };
  }
  if (gstinCheckChar(gstin.slice(0, 14)) !== gstin.charAt(14)) {
    return { kind: 'invalid', reason: 'The check character does not match; the GSTIN has a typo.' };
  }
  return { kind: 'ok', stateCode };
}
