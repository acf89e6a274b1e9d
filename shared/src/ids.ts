/**
 * UUIDv7 (RFC 9562): 48-bit Unix ms timestamp, then random bits. Time and randomness are passed
 * in so callers stay pure and tests deterministic; ids sort by creation time as strings.
 */

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_UNIX_MS = 2 ** 48 - 1;

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/**
 * Builds a version-7 UUID from `unixMs` (integer, 0..2^48−1) and at least 10 random bytes:
 * bytes 0–5 timestamp, version nibble 7, 12 bits rand_a, variant 0b10, 62 bits rand_b.
 * Throws RangeError for a bad timestamp or too few random bytes (programmer error).
 */
export function uuidv7(unixMs: number, random: Uint8Array): string {
  if (!Number.isSafeInteger(unixMs) || unixMs < 0 || unixMs > MAX_UNIX_MS) {
    throw new RangeError(`unixMs must be an integer in 0..2^48-1, got ${String(unixMs)}`);
  }
  if (random.length < 10) throw new RangeError(`uuidv7 needs ≥ 10 random bytes, got ${random.length}`);
  const bytes = new Uint8Array(16);
  // 2^48 exceeds 32-bit bitwise maths, so split the timestamp arithmetically.
  const high = Math.floor(unixMs / 2 ** 32);
  const low = unixMs % 2 ** 32;
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes[2] = (low >>> 24) & 0xff;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes[6] = 0x70 | ((random[0] ?? 0) & 0x0f);
  bytes[7] = random[1] ?? 0;
  bytes[8] = 0x80 | ((random[2] ?? 0) & 0x3f);
  for (let i = 9; i < 16; i++) bytes[i] = random[i - 6] ?? 0;
  const h = Array.from(bytes, hex).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** True for the canonical 8-4-4-4-12 hex form (any version, either case). */
export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}
