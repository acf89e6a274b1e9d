/**
 * The one encoding of PIN and password hashes, shared by the device and the server so a hash
 * made on either verifies on the other: `scrypt$N$r$p$saltBase64$hashBase64`. The parameters
 * travel inside the hash, so they can be raised later without breaking stored hashes.
 * (The scrypt call itself needs node:crypto and lives in each runtime.)
 */
export const SCRYPT_PARAMS = {
  /** OWASP's minimum for scrypt: N=2^17, r=8, p=1. */
  N: 2 ** 17,
  r: 8,
  p: 1,
  keyLength: 32,
  /** scrypt needs 128·N·r bytes = 128 MiB at N=2^17; Node's default cap is 32 MiB. */
  maxmem: 256 * 1024 * 1024,
} as const;

export interface ScryptHash {
  n: number;
  r: number;
  p: number;
  saltBase64: string;
  hashBase64: string;
}

export function encodeScryptHash(h: ScryptHash): string {
  return ['scrypt', h.n, h.r, h.p, h.saltBase64, h.hashBase64].join('$');
}

/** Null for anything that is not a well-formed scrypt hash (never throws on stored data). */
export function parseScryptHash(encoded: string): ScryptHash | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, n, r, p, saltBase64, hashBase64] = parts as [string, string, string, string, string, string];
  const nums = [Number(n), Number(r), Number(p)];
  if (!nums.every((x) => Number.isSafeInteger(x) && x > 0) || saltBase64 === '' || hashBase64 === '') return null;
  return { n: nums[0] as number, r: nums[1] as number, p: nums[2] as number, saltBase64, hashBase64 };
}
