import { createHash } from 'node:crypto';

/** Failures allowed per key within the window, then refused until the window ends. */
export const FAILURE_LIMIT = { max: 10, windowMs: 15 * 60_000, maxKeys: 10_000 } as const;

/**
 * Counts failed credential attempts, per key — a client address, a guessed token — and says how
 * long a key must wait. It only ever counts failures and is only asked after the credential was
 * found wrong: whoever holds the right one is never refused, whatever others did from the same
 * address (behind a proxy every member shares one). Used by the web token guard; sign-in can call
 * it for its own failures.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly limit: { max: number; windowMs: number; maxKeys: number } = FAILURE_LIMIT,
  ) {}

  /** The key for a guessed secret: a short hash, so the map never holds anyone's guesses. */
  static guessKey(guess: string): string {
    return `guess:${createHash('sha256').update(guess).digest('base64url').slice(0, 22)}`;
  }

  /** Seconds until none of these keys is blocked any more; 0 when none is now. */
  blockedFor(keys: readonly string[]): number {
    let wait = 0;
    for (const key of keys) {
      const f = this.current(key);
      if (f && f.count >= this.limit.max) wait = Math.max(wait, Math.ceil((f.since + this.limit.windowMs - this.now()) / 1000));
    }
    return wait;
  }

  /** One more failure for each key. */
  fail(keys: readonly string[]): void {
    for (const key of keys) {
      const f = this.current(key) ?? { count: 0, since: this.now() };
      f.count++;
      this.failures.delete(key); // re-inserted last: the oldest entry is the first dropped
      this.failures.set(key, f);
    }
    while (this.failures.size > this.limit.maxKeys) this.failures.delete(this.failures.keys().next().value!);
  }

  private current(key: string): { count: number; since: number } | undefined {
    const f = this.failures.get(key);
    if (f && this.now() - f.since > this.limit.windowMs) {
      this.failures.delete(key);
      return undefined;
    }
    return f;
  }
}
