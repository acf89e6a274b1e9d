import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { uuidv7 } from '../../../shared/src/ids.js';
import { encodeScryptHash, parseScryptHash, SCRYPT_PARAMS } from '../../../shared/src/secret-hash.js';

/**
 * PIN and password hashes in the encoding shared with the device (shared/src/secret-hash.ts), so
 * PIN hashes created here verify on a device after sync. OWASP strength by default; tests pass a
 * smaller N (the parameters travel inside the hash).
 */
export const DEFAULT_SCRYPT_N = SCRYPT_PARAMS.N;

function scryptAsync(secret: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, SCRYPT_PARAMS.keyLength, { N: n, r, p, maxmem: SCRYPT_PARAMS.maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashSecret(secret: string, n: number = DEFAULT_SCRYPT_N): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(secret, salt, n, SCRYPT_PARAMS.r, SCRYPT_PARAMS.p);
  return encodeScryptHash({ n, r: SCRYPT_PARAMS.r, p: SCRYPT_PARAMS.p, saltBase64: salt.toString('base64'), hashBase64: key.toString('base64') });
}

export async function verifySecret(secret: string, encoded: string): Promise<boolean> {
  const parsed = parseScryptHash(encoded);
  if (parsed === null) return false;
  const expected = Buffer.from(parsed.hashBase64, 'base64');
  const key = await scryptAsync(secret, Buffer.from(parsed.saltBase64, 'base64'), parsed.n, parsed.r, parsed.p);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Refresh tokens and pairing codes are high-entropy, so a fast hash is enough to store them. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Crockford-style alphabet without I, L, O, U: easy to read aloud and type. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** An 8-character pairing code (40 bits), e.g. `7KQ2-M9XD` without the dash. */
export function randomPairingCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Accepts what a person typed: case-insensitive, spaces and dashes ignored. */
export function normalisePairingCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

export function newId(): string {
  return uuidv7(Date.now(), randomBytes(10));
}

/**
 * `count` UUIDv7s (RFC 9562, as `shared/src/ids.ts` builds them) from one random draw. Rows
 * written in bulk get time-ordered keys, so their index entries land at the right edge of the
 * index instead of on random pages. Built on a Buffer: this runs for every line of a push.
 */
export function newIds(count: number): string[] {
  const bytes = randomBytes(16 * count);
  const now = Date.now();
  const high = Math.floor(now / 2 ** 32);
  const low = now % 2 ** 32;
  for (let o = 0; o < bytes.length; o += 16) {
    bytes.writeUInt16BE(high, o);
    bytes.writeUInt32BE(low, o + 2);
    bytes[o + 6] = 0x70 | ((bytes[o + 6] ?? 0) & 0x0f);
    bytes[o + 8] = 0x80 | ((bytes[o + 8] ?? 0) & 0x3f);
  }
  const h = bytes.toString('hex');
  const ids: string[] = [];
  for (let o = 0; o < h.length; o += 32) {
    ids.push(`${h.slice(o, o + 8)}-${h.slice(o + 8, o + 12)}-${h.slice(o + 12, o + 16)}-${h.slice(o + 16, o + 20)}-${h.slice(o + 20, o + 32)}`);
  }
  return ids;
}
