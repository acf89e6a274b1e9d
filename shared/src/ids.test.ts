import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUuid, uuidv7 } from './ids.js';

const bytes = (fill: number, n = 10): Uint8Array => new Uint8Array(n).fill(fill);

describe('uuidv7', () => {
  it('lays out the timestamp, version and variant as RFC 9562 specifies', () => {
    const ms = 0x0189_7f3c_1a2b;
    const id = uuidv7(ms, Uint8Array.from([0xab, 0xcd, 0xef, 1, 2, 3, 4, 5, 6, 7]));
    expect(id).toBe('01897f3c-1a2b-7bcd-af01-020304050607');
    expect(isUuid(id)).toBe(true);
  });

  it('sets version 7 and variant 10 whatever the random bytes', () => {
    for (const fill of [0x00, 0xff]) {
      const id = uuidv7(1_700_000_000_000, bytes(fill));
      expect(id.charAt(14)).toBe('7');
      expect(['8', '9', 'a', 'b']).toContain(id.charAt(19));
    }
  });

  it('encodes the extreme timestamps', () => {
    expect(uuidv7(0, bytes(0))).toBe('00000000-0000-7000-8000-000000000000');
    expect(uuidv7(2 ** 48 - 1, bytes(0xff)).slice(0, 13)).toBe('ffffffff-ffff');
  });

  it('sorts later timestamps after earlier ones as plain strings', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 48 - 2 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        (ms, delta, r1, r2) => {
          const later = Math.min(ms + delta, 2 ** 48 - 1);
          expect(uuidv7(ms, r1) < uuidv7(later, r2)).toBe(true);
        },
      ),
    );
  });

  it.each([
    ['too few random bytes', 0, bytes(0, 9)],
    ['a negative time', -1, bytes(0)],
    ['a fractional time', 1.5, bytes(0)],
    ['a time beyond 48 bits', 2 ** 48, bytes(0)],
  ])('throws for %s', (_label, ms, random) => {
    expect(() => uuidv7(ms, random)).toThrow(RangeError);
  });
});

describe('isUuid', () => {
  it.each([
    ['01897f3c-1a2b-7bcd-af01-020304050607', true],
    ['01897F3C-1A2B-7BCD-AF01-020304050607', true],
    ['01897f3c1a2b7bcdaf01020304050607', false],
    ['01897f3c-1a2b-7bcd-af01-02030405060', false],
    ['g1897f3c-1a2b-7bcd-af01-020304050607', false],
    ['', false],
  ])('%j is a UUID: %s', (s, ok) => {
    expect(isUuid(s)).toBe(ok);
  });
});
