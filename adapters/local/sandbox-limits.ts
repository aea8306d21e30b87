/**
 * What the sandbox takes from anyone who can open the page: a reply of 4,000 characters at most
 * (Slack itself stops at 40,000), 50 M characters stored per channel, and 4,500 writes a minute per
 * client address (a burst of 4,500, refilled at 75 a second) — a script posting 4,000 short
 * replies in a minute gets through. Pages of messages hold 200 at most and about 1 M characters.
 */
export const SANDBOX_LIMITS = {
  textChars: 4_000,
  channelChars: 50_000_000,
  writesBurst: 4_500,
  writesPerSecond: 75,
  pageMessages: 200,
  pageChars: 1_000_000,
} as const;

/** Writes per client address: a token bucket on the given clock. */
export class WriteRate {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly now: () => number,
    private readonly burst: number = SANDBOX_LIMITS.writesBurst,
    private readonly perSecond: number = SANDBOX_LIMITS.writesPerSecond,
  ) {}

  /** 0 when this client may write now (and the write is counted), else the seconds to wait. */
  take(client: string): number {
    const now = this.now();
    const b = this.buckets.get(client) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    this.buckets.delete(client);
    this.buckets.set(client, b);
    if (this.buckets.size > 10_000) this.buckets.delete(this.buckets.keys().next().value!); // bounded memory
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }
}
