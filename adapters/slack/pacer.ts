import type { Clock } from '../../src/core/ports/clock';

/**
 * Paces posts so a large fan-out does not live on 429s: at most one post a second per channel
 * (Slack's documented limit) and at most `rate` a second per workspace. The workspace rate halves
 * on a 429 and creeps back up by a small step after each success (AIMD), never above the ceiling.
 */
export class Pacer {
  private readonly workspaces = new Map<string, { rate: number; next: number }>();
  private readonly channels = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly maxPerSecond: number,
    private readonly opts: { minPerSecond?: number; step?: number; channelGapMs?: number } = {},
  ) {}

  private ws(workspace: string) {
    let w = this.workspaces.get(workspace);
    if (!w) {
      w = { rate: this.maxPerSecond, next: 0 };
      this.workspaces.set(workspace, w);
    }
    return w;
  }

  /** Current allowed posts per second in a workspace (for tests and logs). */
  rate(workspace: string): number {
    return this.ws(workspace).rate;
  }

  /** Reserve the next slot for a post to this channel and wait for it. */
  async acquire(workspace: string, channel: string): Promise<void> {
    const w = this.ws(workspace);
    const now = this.clock.now().getTime();
    const chKey = `${workspace}/${channel}`;
    const at = Math.max(now, w.next, this.channels.get(chKey) ?? 0);
    // Reserve before waiting so concurrent callers queue behind each other.
    w.next = at + 1000 / w.rate;
    this.channels.set(chKey, at + (this.opts.channelGapMs ?? 1000));
    if (this.channels.size > 10_000) this.pruneChannels(now);
    if (at > now) await this.clock.sleep(at - now);
  }

  /** Slack said 429: slow the workspace down, and hold it for Retry-After. */
  rateLimited(workspace: string, retryAfterMs?: number): void {
    const w = this.ws(workspace);
    w.rate = Math.max(this.opts.minPerSecond ?? 0.2, w.rate / 2);
    const now = this.clock.now().getTime();
    if (retryAfterMs) w.next = Math.max(w.next, now + retryAfterMs);
  }

  /** A post went through: speed up a little. */
  succeeded(workspace: string): void {
    const w = this.ws(workspace);
    w.rate = Math.min(this.maxPerSecond, w.rate + (this.opts.step ?? 0.25));
  }

  private pruneChannels(now: number): void {
    for (const [k, t] of this.channels) if (t < now) this.channels.delete(k);
  }
}
