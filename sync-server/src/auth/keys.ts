import { randomBytes } from 'node:crypto';
import type { Db } from '../db/db.js';
import { newId } from './secrets.js';

/** The only algorithm the server signs with and accepts. */
export const SIGNING_ALG = 'HS256';

export interface SigningKey {
  kid: string;
  secret: Buffer;
  retired: boolean;
}

const KEY_LOCK = 731_245_002;

/**
 * Signing keys live in the database so every instance shares them. The first instance to start
 * creates one (under an advisory lock, so two starting at once agree on a single key).
 */
export class KeyStore {
  private keys = new Map<string, SigningKey>();
  private current: SigningKey | undefined;
  private lastLoad = 0;

  /**
   * `reloadIntervalMs`: an unknown kid makes the store re-read the table (another instance may
   * have rotated keys), but no more often than this, since the kid may be garbage.
   */
  constructor(
    private readonly db: Db,
    private readonly reloadIntervalMs = 5_000,
  ) {}

  /** Ensures an active key exists, then loads all keys. */
  async init(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [KEY_LOCK]);
      const active = await tx.query('SELECT kid FROM signing_keys WHERE retired_at IS NULL LIMIT 1');
      if (active.rows.length === 0) {
        await tx.query('INSERT INTO signing_keys (kid, alg, secret) VALUES ($1, $2, $3)', [
          newId(),
          SIGNING_ALG,
          randomBytes(32).toString('base64'),
        ]);
      }
    });
    await this.load();
  }

  private async load(): Promise<void> {
    const result = await this.db.query<{ kid: string; secret: string; retired_at: Date | null }>(
      'SELECT kid, secret, retired_at FROM signing_keys ORDER BY created_at',
    );
    this.keys = new Map(
      result.rows.map((r) => [r.kid, { kid: r.kid, secret: Buffer.from(r.secret, 'base64'), retired: r.retired_at !== null }]),
    );
    this.current = [...this.keys.values()].filter((k) => !k.retired).at(-1);
    this.lastLoad = Date.now();
  }

  /** The key new tokens are signed with. Throws before `init()` (programmer error). */
  signingKey(): SigningKey {
    if (this.current === undefined) throw new Error('KeyStore.init() has not run');
    return this.current;
  }

  /** Looks a kid up, re-reading the table (throttled) in case another instance rotated keys. */
  async find(kid: string): Promise<SigningKey | undefined> {
    const known = this.keys.get(kid);
    if (known !== undefined) return known;
    if (Date.now() - this.lastLoad < this.reloadIntervalMs) return undefined;
    await this.load();
    return this.keys.get(kid);
  }
}
