/** Exponential backoff with full jitter, capped: attempt 1 → up to 2 s, 2 → 4 s, … ≤ 10 min. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = 1000 * 2 ** Math.min(attempt, 20);
  const capped = Math.min(base, 10 * 60_000);
  return Math.round(capped / 2 + (random() * capped) / 2);
}

/** A transient failure is given up (marked failed) after this many attempts. */
export const MAX_ATTEMPTS = 8;
