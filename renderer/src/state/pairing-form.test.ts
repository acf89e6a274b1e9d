import { describe, expect, it } from 'vitest';
import { fieldForPairingError, groupPairingCode, normalisePairingCode, normaliseServerUrl, pairingCodeProblem, preparePairing, serverUrlProblem } from './pairing-form.js';

describe('reading a typed pairing code', () => {
  it.each([
    ['7kq2m9xd', '7KQ2M9XD'],
    ['7KQ2-M9XD', '7KQ2M9XD'],
    ['7kq2 m9xd', '7KQ2M9XD'],
    ['  7k-q2 m9-xd ', '7KQ2M9XD'],
    ['7KQ2–M9XD', '7KQ2M9XD'], // an en dash pasted from a document
    ['ABCO-1L1I', 'ABC01111'], // O reads as 0, I and L as 1 (Crockford)
    ['abcu efgh', 'ABCUEFGH'], // U has no look-alike: kept so it can be pointed out
    ['ab#c!d', 'ABCD'],
    ['', ''],
  ])('%j is read as %j', (typed, code) => {
    expect(normalisePairingCode(typed)).toBe(code);
  });

  it('keeps a code that is too long instead of cutting it, up to a bound', () => {
    expect(normalisePairingCode('ABCD-EFGH-J')).toBe('ABCDEFGHJ');
    expect(normalisePairingCode('A'.repeat(40))).toHaveLength(16);
  });

  it('reading an already read code changes nothing', () => {
    for (const typed of ['7kq2-m9xd', 'abco 1l1i', 'x-y z', 'ABCDEFGHJKMN']) {
      const once = normalisePairingCode(typed);
      expect(normalisePairingCode(once)).toBe(once);
      expect(normalisePairingCode(groupPairingCode(once))).toBe(once);
    }
  });
});

describe('showing a pairing code grouped', () => {
  it.each([
    ['', ''],
    ['ABC', 'ABC'],
    ['ABCD', 'ABCD'],
    ['ABCDE', 'ABCD-E'],
    ['ABCDEFGH', 'ABCD-EFGH'],
    ['ABCDEFGHJ', 'ABCD-EFGH-J'],
  ])('%j is shown as %j (never with a trailing dash, so Backspace works)', (code, shown) => {
    expect(groupPairingCode(code)).toBe(shown);
  });
});

describe('checking a pairing code before sending it', () => {
  it.each([
    ['', /Enter the 8-character pairing code/],
    ['ABCDE', /8 characters; 5 typed so far/],
    ['ABCDEFGHJ', /8 characters; this has 9/],
    ['ABCUEFGH', /never contain the letter U/],
  ])('%j is refused: %s', (code, message) => {
    expect(pairingCodeProblem(code)).toMatch(message);
  });

  it('accepts 8 characters of the alphabet', () => {
    expect(pairingCodeProblem('7KQ2M9XD')).toBeNull();
  });
});

describe('the sync server address', () => {
  it.each([
    ['http://127.0.0.1:3004', 'http://127.0.0.1:3004'],
    ['  https://sync.example.in/  ', 'https://sync.example.in'],
    ['127.0.0.1:3004', 'http://127.0.0.1:3004'],
    ['sync.local:3004//', 'http://sync.local:3004'],
    ['', ''],
  ])('%j is used as %j', (typed, url) => {
    expect(normaliseServerUrl(typed)).toBe(url);
  });

  it.each([
    ['', /Enter the sync server address/],
    ['ftp://files.example.in', /starts with http:\/\/ or https:\/\//],
    ['http://exa mple', /not a web address/],
  ])('%j is refused: %s', (url, message) => {
    expect(serverUrlProblem(url)).toMatch(message);
  });

  it('accepts http and https addresses', () => {
    expect(serverUrlProblem('http://127.0.0.1:3004')).toBeNull();
    expect(serverUrlProblem('https://sync.example.in/similia')).toBeNull();
  });
});

describe('preparing the pairing request', () => {
  it('sends the normalised address and code, and the counter name only when one was typed', () => {
    expect(preparePairing({ serverUrl: '127.0.0.1:3004/', code: '7kq2-m9xd', deviceName: '  ' })).toEqual({
      kind: 'ok',
      args: { serverUrl: 'http://127.0.0.1:3004', code: '7KQ2M9XD' },
    });
    expect(preparePairing({ serverUrl: 'http://127.0.0.1:3004', code: '7KQ2M9XD', deviceName: ' Counter 2 ' })).toEqual({
      kind: 'ok',
      args: { serverUrl: 'http://127.0.0.1:3004', code: '7KQ2M9XD', deviceName: 'Counter 2' },
    });
  });

  it.each([
    { name: 'a bad address points at the address', input: { serverUrl: 'ftp://x', code: '7KQ2M9XD', deviceName: '' }, field: 'serverUrl' },
    { name: 'a short code points at the code', input: { serverUrl: 'http://127.0.0.1:3004', code: '7KQ2', deviceName: '' }, field: 'code' },
  ] as const)('$name', ({ input, field }) => {
    const prepared = preparePairing(input);
    expect(prepared.kind).toBe('invalid');
    if (prepared.kind === 'invalid') expect(prepared.field).toBe(field);
  });
});

describe('where the cursor goes after a failed pairing', () => {
  it.each([
    ['sync.server_unreachable', 'serverUrl'],
    ['sync.pairing_failed', 'code'],
    ['input.invalid', 'code'],
  ] as const)('%s → %s', (code, field) => {
    expect(fieldForPairingError(code)).toBe(field);
  });
});
