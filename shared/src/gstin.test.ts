import { describe, expect, it } from 'vitest';
import { GST_STATES, gstinCheckChar, validateGstin } from './gstin.js';

describe('validateGstin', () => {
  it.each([
    ['27AAPFU0939F1ZV', '27'],
    ['29AAGCB7383J1Z4', '29'],
  ])('accepts the real-format GSTIN %s and returns state %s', (gstin, stateCode) => {
    expect(validateGstin(gstin)).toEqual({ kind: 'ok', stateCode });
  });

  it.each([
    ['27AAPFU0939F1ZW', 'check character'],
    ['27AAPFU0939F1Z', '15 characters'],
    ['27AAPFU0939F1ZVV', '15 characters'],
    ['00AAPFU0939F1ZV', 'state code'],
    ['39AAPFU0939F1ZV', 'state code'],
    ['AAAAPFU0939F1ZV', 'state code'],
    ['27AAPF10939F1ZV', 'PAN'],
    ['27AAPFU0939F1YV', 'Z'],
    ['27AAPFU0939F0ZV', '13th'],
    ['27aapfu0939f1zv', 'PAN'],
  ])('rejects %s (%s)', (gstin, reasonPart) => {
    const r = validateGstin(gstin);
    expect(r.kind).toBe('invalid');
    expect(r.kind === 'invalid' && r.reason).toContain(reasonPart);
  });

  it.each(['97', '99', '01', '38'])('allows state code %s', (code) => {
    const body = `${code}AAPFU0939F1Z`;
    expect(validateGstin(body + gstinCheckChar(body))).toEqual({ kind: 'ok', stateCode: code });
  });

  it('catches every single-character substitution in the check position', () => {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const wrong = [...alphabet].filter((c) => c !== 'V').map((c) => validateGstin(`27AAPFU0939F1Z${c}`).kind);
    expect(new Set(wrong)).toEqual(new Set(['invalid']));
  });
});

describe('gstinCheckChar', () => {
  it('computes the mod-36 check character', () => {
    expect(gstinCheckChar('27AAPFU0939F1Z')).toBe('V');
    expect(gstinCheckChar('29AAGCB7383J1Z')).toBe('4');
  });

  it('throws for input that is not 14 characters of [0-9A-Z]', () => {
    expect(() => gstinCheckChar('27AAPFU0939F1')).toThrow(RangeError);
    expect(() => gstinCheckChar('27aapfu0939f1z')).toThrow(RangeError);
  });
});

describe('GST_STATES', () => {
  it.each([
    ['29', 'Karnataka'],
    ['27', 'Maharashtra'],
    ['07', 'Delhi'],
    ['33', 'Tamil Nadu'],
    ['36', 'Telangana'],
    ['38', 'Ladakh'],
  ])('names state %s %s', (code, name) => {
    expect(GST_STATES[code]).toBe(name);
  });
});
