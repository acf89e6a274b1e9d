/**
 * Retry delays for the sync loop: exponential in the number of consecutive failures, capped, with
 * jitter so a room of counters that lost the server together does not come back in lock-step.
 * "Equal jitter": half the delay is fixed, half random, so a retry never fires at once.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000 };

/** Delay before attempt `failures + 1`, given `failures` ≥ 1 consecutive failures and r in [0, 1). */
export function backoffDelay(failures: number, r: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(Math.max(r, 0), 1));
}
