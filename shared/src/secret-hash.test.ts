import { describe, expect, it } from 'vitest';
import { encodeScryptHash, parseScryptHash, SCRYPT_PARAMS } from './secret-hash.js';

describe('the shared scrypt hash encoding', () => {
  it('round-trips its parameters, salt and hash', () => {
    const h = { n: SCRYPT_PARAMS.N, r: 8, p: 1, saltBase64: 'c2FsdA==', hashBase64: 'aGFzaA==' };
    expect(encodeScryptHash(h)).toBe('scrypt$131072$8$1$c2FsdA==$aGFzaA==');
    expect(parseScryptHash(encodeScryptHash(h))).toEqual(h);
  });

  it.each(['', 'bcrypt$1$2$3$a$b', 'scrypt$x$8$1$a$b', 'scrypt$1024$8$1$$b', 'scrypt$1024$8$1$a', 'scrypt$-1$8$1$a$b'])('rejects %j without throwing', (bad) => {
    expect(parseScryptHash(bad)).toBeNull();
  });
});
