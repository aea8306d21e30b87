import type { Clock } from '../../src/core/ports';

/**
 * Keeps sends under Teams' bot limits (7 messages/s per conversation, 50 requests/s per tenant)
 * by waiting, not by failing. Each call reserves the earliest slot that keeps every window under
 * its limit, then sleeps until it; no loop, so a fake clock whose sleep returns at once is safe.
 */
export class Pacer {
  private readonly windows = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly windowMs = 1000,
  ) {}

  /** Waits until one more request fits under every [key, limit]. */
  async take(limits: [key: string, limit: number][]): Promise<void> {
    const now = this.clock.now().getTime();
    let at = now;
    for (const [key, limit] of limits) {
      const w = this.prune(key, now);
      // the (limit)-th most recent reservation must have left the window before we may go
      if (w.length >= limit) at = Math.max(at, w[w.length - limit] + this.windowMs);
    }
    for (const [key] of limits) {
      const w = this.windows.get(key) ?? [];
      w.push(at);
      w.sort((a, b) => a - b);
      this.windows.set(key, w);
    }
    if (at > now) await this.clock.sleep(at - now);
  }

  private prune(key: string, now: number): number[] {
    const w = (this.windows.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (w.length) this.windows.set(key, w);
    else this.windows.delete(key);
    return w;
  }
}

export const PER_CONVERSATION = 7;
export const PER_TENANT = 50;
