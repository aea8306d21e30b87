import type { AdapterRegistry } from './adapter-registry';
import { localDateOf, localInstant } from './calendar';
import { channelLabel, targetOf } from './channels';
import type { Clock } from './ports/clock';
import type { Logger } from './ports/logger';
import type { DigestMessage } from './ports/messages';
import type { ChannelRecord, DeliveryRecord, Store } from './ports/store';
import { promptForDay } from './programme';
import type { WolSettings } from './settings';

const HIGHLIGHTS = 3;

/** The day's digest: who shared, how much, and the most-reacted replies, posted in the day's thread. */
export class DigestService {
  constructor(private readonly d: { settings: WolSettings; store: Store; adapters: AdapterRegistry; clock: Clock; logger: Logger }) {}

  async build(rec: DeliveryRecord): Promise<DigestMessage> {
    const { store } = this.d;
    const replies = (await store.listReplies({ deliveryIds: [rec.id] })).filter((r) => r.text !== null);
    const counts = await store.reactionCounts(rec.platform, rec.channelId, [rec.threadId!, ...replies.map((r) => r.messageId)]);
    const ranked = replies
      .map((r) => ({ user: r.user, text: r.text!, reactions: counts.get(r.messageId) ?? 0 }))
      .sort((a, b) => b.reactions - a.reactions);
    return {
      day: rec.day,
      theme: promptForDay(this.d.settings.programme, rec.day)?.theme ?? `Day ${rec.day}`,
      replyCount: replies.length,
      peopleCount: new Set(replies.map((r) => r.user)).size,
      promptReactions: counts.get(rec.threadId!) ?? 0,
      highlights: ranked.slice(0, HIGHLIGHTS),
    };
  }

  /** Post the digest of one delivery now (the `digest` command). */
  async postFor(rec: DeliveryRecord, channel: ChannelRecord): Promise<void> {
    const adapter = this.d.adapters.get(channel.platform);
    if (!adapter || !rec.threadId) throw new Error(`cannot post a digest in ${channelLabel(channel)}`);
    const digest = await this.build(rec);
    await adapter.postDigest({ platform: rec.platform, channelId: rec.channelId, id: rec.threadId }, targetOf(channel), digest);
    await this.d.store.markDigestPosted(rec.id, this.d.clock.now());
  }

  /** Scheduled digests: at `digest` local time on the day of each sent prompt, within grace. */
  async postDue(now: Date): Promise<number> {
    const { settings, store } = this.d;
    if (!settings.digest) return 0;
    let posted = 0;
    const due = (await store.listDeliveries({ programme: settings.programme.id, states: ['sent'] })).filter((r) => r.round === 0 && !r.digestPostedAt && r.threadId);
    if (due.length === 0) return 0;
    const channels = new Map((await store.listChannels()).map((c) => [`${c.platform}:${c.channelId}`, c]));
    for (const rec of due) {
      const channel = channels.get(`${rec.platform}:${rec.channelId}`);
      if (!channel?.active || channel.paused || !this.d.adapters.has(channel.platform)) continue;
      const zone = channel.timezone ?? settings.timezone;
      const at = localInstant(localDateOf(rec.scheduledAt, zone), settings.digest, zone);
      const late = now.getTime() - at.getTime();
      if (late < 0 || late > settings.graceMs) continue;
      // Claim first (one statement): a second replica sees it taken and moves on.
      if (!(await store.markDigestPosted(rec.id, now))) continue;
      try {
        const adapter = this.d.adapters.get(channel.platform)!;
        await adapter.postDigest({ platform: rec.platform, channelId: rec.channelId, id: rec.threadId! }, targetOf(channel), await this.build(rec));
        posted++;
      } catch (err) {
        this.d.logger.warn({ err, channel: channelLabel(channel), day: rec.day }, 'digest not posted');
      }
    }
    return posted;
  }
}
