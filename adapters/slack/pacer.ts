import type { Clock } from '../../src/core/ports/clock';

interface Workspace {
  rate: number;
  /** Earliest time of the workspace's next post. */
  next: number;
  /** When the posts of the last second actually left (a late waker must not make a burst). */
  sent: number[];
}

interface ChannelPace {
  /** Earliest time of this channel's next post. */
  next: number;
  /** 429s in a row on this channel (reset by a success). */
  strikes: number;
  /** When its last post left (to take it out of the workspace's count when refused). */
  sentAt?: number;
}

/**
 * Paces posts so a large fan-out does not live on 429s: at most one post a second per channel
 * (Slack's documented limit) and at most `rate` a second per workspace, spaced a little under the
 * ceiling (`margin`) so that timing jitter does not push a burst over it.
 *
 * A 429 on a channel first means that channel: it waits out Retry-After and the workspace goes on
 * at full pace (the refused request is not counted against the workspace either). Only when the
 * same channel is refused again after waiting is the workspace over its budget: then its rate
 * halves and creeps back up by a small step after each success (AIMD), never above the ceiling.
 */
export class Pacer {
  private readonly workspaces = new Map<string, Workspace>();
  private readonly channels = new Map<string, ChannelPace>();

  constructor(
    private readonly clock: Clock,
    private readonly maxPerSecond: number,
    private readonly opts: { minPerSecond?: number; step?: number; channelGapMs?: number; margin?: number } = {},
  ) {}

  private ws(workspace: string) {
    let w = this.workspaces.get(workspace);
    if (!w) {
      w = { rate: this.maxPerSecond, next: 0, sent: [] };
      this.workspaces.set(workspace, w);
    }
    return w;
  }

  private ch(workspace: string, channel: string): ChannelPace {
    const key = `${workspace}/${channel}`;
    let c = this.channels.get(key);
    if (!c) {
      c = { next: 0, strikes: 0 };
      this.channels.set(key, c);
    }
    return c;
  }

  /** Milliseconds between two posts in a workspace at its current rate. */
  private gap(w: Workspace): number {
    return 1000 / (w.rate * (1 - (this.opts.margin ?? 0)));
  }

  /** Current allowed posts per second in a workspace (for tests and logs). */
  rate(workspace: string): number {
    return this.ws(workspace).rate;
  }

  /** Reserve the next slot for a post to this channel and wait for it. */
  async acquire(workspace: string, channel: string): Promise<void> {
    const w = this.ws(workspace);
    const c = this.ch(workspace, channel);
    const now = this.clock.now().getTime();
    const at = Math.max(now, w.next, c.next);
    // Reserve before waiting so concurrent callers queue behind each other.
    w.next = at + this.gap(w);
    c.next = at + (this.opts.channelGapMs ?? 1000);
    if (this.channels.size > 10_000) this.pruneChannels(now);
    if (at > now) await this.clock.sleep(at - now);
    c.sentAt = await this.withinSecond(w);
  }

  /**
   * The slot is a plan; a caller that wakes late (a busy event loop) would post right next to the
   * following slot. Also count what actually left in the last second, and wait if it is full.
   */
  private async withinSecond(w: Workspace): Promise<number> {
    const limit = Math.max(1, Math.floor(w.rate));
    for (;;) {
      const now = this.clock.now().getTime();
      while (w.sent.length && w.sent[0] <= now - 1000) w.sent.shift();
      if (w.sent.length < limit) {
        w.sent.push(now);
        return now;
      }
      await this.clock.sleep(w.sent[w.sent.length - limit] + 1000 - now);
    }
  }

  /** Slack said 429 for the workspace as a whole: slow it down, and hold it for Retry-After. */
  rateLimited(workspace: string, retryAfterMs?: number): void {
    const w = this.ws(workspace);
    w.rate = Math.max(this.opts.minPerSecond ?? 0.2, w.rate / 2);
    const now = this.clock.now().getTime();
    if (retryAfterMs) w.next = Math.max(w.next, now + retryAfterMs);
  }

  /**
   * Slack said 429 to a post to `channel`. The first refusal holds only that channel for
   * Retry-After and gives the workspace its slot back; a second one in a row, after the channel
   * waited, is the workspace's budget (see `rateLimited`).
   */
  channelLimited(workspace: string, channel: string, retryAfterMs = 1000): void {
    const c = this.ch(workspace, channel);
    const now = this.clock.now().getTime();
    c.strikes++;
    c.next = Math.max(c.next, now + retryAfterMs);
    if (c.strikes > 1) return this.rateLimited(workspace, retryAfterMs);
    const w = this.ws(workspace);
    w.next = Math.max(now, w.next - this.gap(w));
    const i = c.sentAt === undefined ? -1 : w.sent.indexOf(c.sentAt);
    if (i >= 0) w.sent.splice(i, 1);
  }

  /** A post went through: speed up a little (and the channel's refusals are over). */
  succeeded(workspace: string, channel?: string): void {
    const w = this.ws(workspace);
    w.rate = Math.min(this.maxPerSecond, w.rate + (this.opts.step ?? 0.25));
    if (channel) {
      const c = this.channels.get(`${workspace}/${channel}`);
      if (c) c.strikes = 0;
    }
  }

  private pruneChannels(now: number): void {
    for (const [k, c] of this.channels) if (c.next < now && c.strikes === 0) this.channels.delete(k);
  }
}
