/** Indian mobile numbers, stored as 10 digits so lookups by phone match however they were typed. */

/**
 * Normalises an Indian mobile number: strips spaces, dashes, dots and brackets, then an optional
 * +91 / 91 / 0 prefix; the rest must be 10 digits starting 6–9. Anything else → null.
 */
export function normalizeIndianPhone(raw: string): string | null {
  let s = raw.trim().replace(/[\s\-.()]/g, '');
  if (s.startsWith('+91')) s = s.slice(3);
  else if (s.length === 12 && s.startsWith('91')) s = s.slice(2);
  else if (s.length === 11 && s.startsWith('0')) s = s.slice(1);
  return /^[6-9]\d{9}$/.test(s) ? s : null;
}
