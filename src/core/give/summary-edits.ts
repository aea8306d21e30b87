import type { AdapterRegistry } from '../adapter-registry';
import type { BackgroundWork } from '../background-work';
import { channelLabel, targetOf } from '../channels';
import type { DigestService } from '../digest';
import type { Logger } from '../ports/logger';
import type { Platform } from '../ports/platform';
import type { DeliveryRecord, Store } from '../ports/store';
import type { Announcements } from './announcements';

/**
 * `forget me` reaches the bot's own words: the digests and wrap-ups that named or quoted the
 * person are built again from the store once their replies are gone, and edited in place.
 */
export class SummaryEdits {
  constructor(private readonly d: { store: Store; adapters: AdapterRegistry; digests: DigestService; announcements: Announcements; background: BackgroundWork; logger: Logger }) {}

  /**
   * The posted digests and wrap-ups that show these people's words (ask before forgetting them):
   * each day's digest in a thread they replied in, and every wrap-up of a run they shared in.
   */
  async showing(userIds: string[], platform: Platform): Promise<DeliveryRecord[]> {
    const { store } = this.d;
    const prompts = await store.listDeliveries({ kinds: ['prompt'], states: ['sent'] });
    const byId = new Map(prompts.map((p) => [p.id, p]));
    const tallies = await store.replyTallies([...byId.keys()]);
    const theirs = tallies.filter((t) => t.platform === platform && userIds.includes(t.user) && t.replies > 0).map((t) => byId.get(t.deliveryId)!);
    const days = new Set(theirs.map(dayKey));
    const runs = new Set(theirs.map((p) => p.run));
    const posted = await store.listDeliveries({ kinds: ['digest', 'wrapup'], states: ['sent'] });
    return posted.filter((r) => r.threadId && (r.kind === 'wrapup' ? runs.has(r.run) : days.has(dayKey(r))));
  }

  /** Rewrite them now, in the background (the answer to `forget me` does not wait). */
  rewriteSoon(rows: DeliveryRecord[]): void {
    void this.d.background.track(this.rewrite(rows));
  }

  /** Each one built again from the store and edited where it was posted; how many were edited. */
  async rewrite(rows: DeliveryRecord[]): Promise<number> {
    let edited = 0;
    for (const row of rows) {
      try {
        if (await this.rewriteOne(row)) edited++;
      } catch (err) {
        this.d.logger.warn({ err, kind: row.kind, day: row.day, channel: channelLabel(row) }, 'could not edit a digest or wrap-up after forget me');
      }
    }
    return edited;
  }

  private async rewriteOne(row: DeliveryRecord): Promise<boolean> {
    const adapter = this.d.adapters.get(row.platform);
    const channel = await this.d.store.getChannel(row.platform, row.channelId);
    if (!adapter?.updateSummary || !channel || !row.threadId) return false;
    const target = targetOf(channel);
    if (row.kind === 'wrapup') {
      const thread = { platform: row.platform, channelId: row.channelId, id: row.threadId };
      await adapter.updateSummary(target, thread, row.threadId, await this.d.announcements.wrapup(row.run, true));
      return true;
    }
    const prompt = await this.d.digests.promptOf(row);
    // A digest row from before digests kept their own id holds the day's thread: nothing to edit by.
    if (!prompt?.threadId || prompt.threadId === row.threadId) return false;
    const digest = await this.d.digests.build(prompt, channel);
    if (!digest) return false;
    await adapter.updateSummary(target, { platform: row.platform, channelId: row.channelId, id: prompt.threadId }, row.threadId, digest);
    return true;
  }
}

const dayKey = (r: Pick<DeliveryRecord, 'run' | 'day' | 'platform' | 'channelId'>) => `${r.run}|${r.day}|${r.platform}:${r.channelId}`;
