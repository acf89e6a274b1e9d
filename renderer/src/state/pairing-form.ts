/**
 * Pure rules for the pairing form: what a person may type for the pairing code and the server
 * address, how the code is shown, and which field an error belongs to. The server has the final
 * word (docs/sync-protocol.md, "pairing code"); these only catch typing slips before a round trip.
 */
import type { ErrorCode } from '../../../shared/src/errors.js';

export const PAIRING_CODE_LENGTH = 8;
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:3004';

/** More than a code ever has, so a paste with one character too many is reported, not cut. */
const MAX_TYPED = 16;

/**
 * What was typed → the code as the server compares it: upper case, separators dropped.
 * The alphabet (0-9, A-Z without I, L, O, U) is Crockford's, so its look-alikes are read the
 * same way: O is 0, I and L are 1. U has no look-alike and is kept so it can be pointed out.
 */
export function normalisePairingCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
    .replace(/[^0-9A-Z]/g, '')
    .slice(0, MAX_TYPED);
}

/** 'ABCDEFGH' → 'ABCD-EFGH'; partial codes group as far as they go, never with a trailing dash. */
export function groupPairingCode(code: string): string {
  return (code.match(/.{1,4}/g) ?? []).join('-');
}

/** Why a normalised code cannot be sent yet, or null when it looks right. */
export function pairingCodeProblem(code: string): string | null {
  if (code.length === 0) return 'Enter the 8-character pairing code from the admin screen.';
  if (code.length < PAIRING_CODE_LENGTH) return `A pairing code has 8 characters; ${code.length} typed so far.`;
  if (code.length > PAIRING_CODE_LENGTH) return `A pairing code has 8 characters; this has ${code.length}. Check the code on the admin screen.`;
  if (code.includes('U')) return 'Pairing codes never contain the letter U. Check the code on the admin screen.';
  return null;
}

/** Trims, adds http:// when no scheme was typed, and drops trailing slashes. */
export function normaliseServerUrl(typed: string): string {
  const trimmed = typed.trim();
  if (trimmed === '') return '';
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  return withScheme.replace(/\/+$/, '');
}

/** Why a normalised server address cannot be used, or null when it can. */
export function serverUrlProblem(url: string): string | null {
  if (url === '') return `Enter the sync server address, e.g. ${DEFAULT_SERVER_URL}.`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `“${url}” is not a web address. It looks like ${DEFAULT_SERVER_URL}.`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `The server address starts with http:// or https://, e.g. ${DEFAULT_SERVER_URL}.`;
  if (/\s/.test(url)) return 'The server address cannot contain spaces.';
  return null;
}

export type PairingField = 'serverUrl' | 'code' | 'deviceName';

/** The field to put the cursor back in after a failed pairing, so the fix is one keystroke away. */
export function fieldForPairingError(code: ErrorCode): PairingField {
  return code === 'sync.server_unreachable' ? 'serverUrl' : 'code';
}

export interface PairingInput {
  serverUrl: string;
  /** As typed or as shown (grouped); normalised here. */
  code: string;
  deviceName: string;
}

export type PreparedPairing =
  | { kind: 'ok'; args: { serverUrl: string; code: string; deviceName?: string } }
  | { kind: 'invalid'; field: PairingField; message: string };

/** The form → the `sync.pair` arguments, or the first problem and the field it is in. */
export function preparePairing(input: PairingInput): PreparedPairing {
  const serverUrl = normaliseServerUrl(input.serverUrl);
  const urlProblem = serverUrlProblem(serverUrl);
  if (urlProblem !== null) return { kind: 'invalid', field: 'serverUrl', message: urlProblem };
  const code = normalisePairingCode(input.code);
  const codeProblem = pairingCodeProblem(code);
  if (codeProblem !== null) return { kind: 'invalid', field: 'code', message: codeProblem };
  const deviceName = input.deviceName.trim();
  return { kind: 'ok', args: deviceName === '' ? { serverUrl, code } : { serverUrl, code, deviceName } };
}
