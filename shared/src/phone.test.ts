import { describe, expect, it } from 'vitest';
import { normalizeIndianPhone } from './phone.js';

describe('normalizeIndianPhone', () => {
  it.each([
    ['9876543210', '9876543210'],
    ['98765 43210', '9876543210'],
    ['98765-43210', '9876543210'],
    ['+91 98765 43210', '9876543210'],
    ['+919876543210', '9876543210'],
    ['919876543210', '9876543210'],
    ['09876543210', '9876543210'],
    ['6000000000', '6000000000'],
    ['(+91) 98765-43210', '9876543210'],
  ])('normalises %j to %s', (raw, phone) => {
    expect(normalizeIndianPhone(raw)).toBe(phone);
  });

  it.each(['5876543210', '987654321', '98765432101', '+1 9876543210', '98765abcde', '', '+91', '0080 12345678'])(
    'rejects %j',
    (raw) => {
      expect(normalizeIndianPhone(raw)).toBeNull();
    },
  );
});
