import type { AdapterRegistry } from './adapter-registry';
import { localDateOf, localInstant } from './calendar';
import { channelLabel, targetOf } from './channels';
import type { Clock } from './ports/clock';
import type { Logger } from './ports/logger';
import type { DigestMessage } from './ports/messages';
import type { ChannelRecord, DeliveryRecord, Store } from './ports/store';
import { headingFor, translatorOf } from './frame';
import { gathers, promptForDay } from './programme';
import type { WolSettings } from './settings';

const HIGHLIGHTS = 3;

/** The day's digest: who shared, how much, and the most-reacted replies, posted in the day's thread. */
export class DigestService {
  constructor(private readonly d: { settings: WolSettings; store: Store; adapters: AdapterRegistry; clock: Clock; logger: Logger }) {}

  async build(rec: DeliveryRecord): Promise<DigestMessage> {
    const { store } = this.d;
    const replies = (await store.listReplies({ deliveryIds: [rec.id] })).filter((r) => r.text !== null);
    const counts = await store.reactionCounts(rec.platform, rec.channelId, [rec.threadId!, ...replies.map((r) => r.messageId)]);
    const { programme } = this.d.settings;
    const tr = translatorOf(programme);
    const ranked = replies
      .map((r) => {
        const reactions = counts.get(r.messageId) ?? 0;
        return { user: r.user, text: r.text!, reactions, reactionsText: tr.t('digest.reactions', { n: reactions }) };
      })
      .sort((a, b) => b.reactions - a.reactions);
    const theme = promptForDay(programme, rec.day)?.theme ?? '';
    const replyCount = replies.length;
    const peopleCount = new Set(replies.map((r) => r.user)).size;
    const promptReactions = counts.get(rec.threadId!) ?? 0;
    return {
      day: rec.day,
      theme,
      title: tr.t(programme.cadence === 'weekly' ? 'digest.title.weekly' : 'digest.title.daily', { heading: headingFor(programme, rec.day, theme) }),
      summary: tr.t('digest.summary', { replies: replyCount, people: peopleCount, reactions: promptReactions }),
      labels: {
        replies: tr.t('digest.fact.replies'),
        people: tr.t('digest.fact.people'),
        promptReactions: tr.t('digest.fact.promptReactions'),
        highlights: tr.t('digest.highlights'),
      },
      replyCount,
      peopleCount,
      promptReactions,
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
    if (!settings.digest || !gathers(settings.programme)) return 0;
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
