/**
 * Tells a keyboard-wedge barcode scanner from a person: a scanner types the digits far faster
 * than anyone can (a few ms apart) and ends with Enter.
 */
export const SCAN_MAX_GAP_MS = 35;
export const SCAN_MIN_LENGTH = 8;

export interface KeyStamp {
  key: string;
  at: number;
}

/** True when the keys typed before Enter look like a scan of `text`. */
export function looksLikeScan(text: string, stamps: readonly KeyStamp[]): boolean {
  if (!/^\d{8,14}$/.test(text)) return false;
  const recent = stamps.slice(-text.length);
  if (recent.length < SCAN_MIN_LENGTH || recent.map((s) => s.key).join('') !== text) return false;
  for (let i = 1; i < recent.length; i += 1) {
    const gap = (recent[i]?.at ?? 0) - (recent[i - 1]?.at ?? 0);
    if (gap > SCAN_MAX_GAP_MS) return false;
  }
  return true;
}

/** An all-digit 8–14 character entry is worth trying as a barcode even when typed by hand. */
export function isBarcodeLike(text: string): boolean {
  return /^\d{8,14}$/.test(text.trim());
}
