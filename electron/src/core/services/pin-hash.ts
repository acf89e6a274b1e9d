import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { encodeScryptHash, parseScryptHash, SCRYPT_PARAMS } from '../../../../shared/src/secret-hash.js';

function scryptAsync(secret: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, SCRYPT_PARAMS.keyLength, { N: n, r, p, maxmem: SCRYPT_PARAMS.maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Hashes a PIN at OWASP strength in the encoding shared with the server (shared/src/secret-hash.ts). */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(pin, salt, SCRYPT_PARAMS.N, SCRYPT_PARAMS.r, SCRYPT_PARAMS.p);
  return encodeScryptHash({ n: SCRYPT_PARAMS.N, r: SCRYPT_PARAMS.r, p: SCRYPT_PARAMS.p, saltBase64: salt.toString('base64'), hashBase64: key.toString('base64') });
}

export async function verifyPin(pin: string, encoded: string): Promise<boolean> {
  const parsed = parseScryptHash(encoded);
  if (parsed === null) return false;
  const expected = Buffer.from(parsed.hashBase64, 'base64');
  const key = await scryptAsync(pin, Buffer.from(parsed.saltBase64, 'base64'), parsed.n, parsed.r, parsed.p);
  return key.length === expected.length && timingSafeEqual(key, expected);
}
