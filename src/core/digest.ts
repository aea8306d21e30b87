import type { AdapterRegistry } from './adapter-registry';
import { localDateOf, localInstant } from './calendar';
import { channelLabel, targetOf } from './channels';
import type { Deliverer, DeliveryOutcome } from './delivery';
import type { DeliveryPoster } from './delivery-poster';
import type { Clock } from './ports/clock';
import { DeliveryError } from './ports/delivery-error';
import type { Logger } from './ports/logger';
import type { DigestMessage } from './ports/messages';
import type { ChannelRecord, DeliveryRecord, Store } from './ports/store';
import { headingFor, translatorOf } from './frame';
import { gathers, promptForDay } from './programme';
import { currentRun } from './runs';
import type { WolSettings } from './settings';

const HIGHLIGHTS = 3;

/**
 * The day's digest: who shared, how much, and the most-reacted replies, posted in the day's
 * thread. Each is a ledger row of kind `digest` (one per run, day and channel, round 0): claimed,
 * posted, then marked; a transient failure is retried like a prompt; a digest that may have
 * landed is never re-sent blindly, so a thread never gets two.
 */
export class DigestService {
  constructor(private readonly d: { settings: WolSettings; store: Store; adapters: AdapterRegistry; deliverer: Deliverer; clock: Clock; logger: Logger }) {
    d.deliverer.register('digest', this.poster());
  }

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

  /** The day's prompt thread a digest goes into: the latest round posted. */
  private async promptOf(rec: Pick<DeliveryRecord, 'run' | 'day' | 'platform' | 'channelId'>): Promise<DeliveryRecord | undefined> {
    const sent = await this.d.store.listDeliveries({ run: rec.run, kinds: ['prompt'], day: rec.day, platform: rec.platform, channelId: rec.channelId, states: ['sent'] });
    return sent.filter((r) => r.threadId).sort((a, b) => b.round - a.round)[0];
  }

  private poster(): DeliveryPoster {
    return {
      post: async (rec, channel, adapter) => {
        const prompt = await this.promptOf(rec);
        if (!prompt) throw new DeliveryError('permanent', `day ${rec.day} has no posted thread for its digest`);
        await adapter.postDigest({ platform: rec.platform, channelId: rec.channelId, id: prompt.threadId! }, targetOf(channel), await this.build(prompt));
        return prompt.threadId!;
      },
      // No lookUp: a digest that may have landed is marked uncertain rather than posted twice.
    };
  }

  /** The `digest` command: the latest day's digest now, unless that day already has one. */
  async postLatest(channel: ChannelRecord): Promise<{ day: number; outcome: DeliveryOutcome } | null> {
    const run = currentRun(this.d.settings);
    const sent = (await this.d.store.listDeliveries({ run, kinds: ['prompt'], platform: channel.platform, channelId: channel.channelId, states: ['sent'] }))
      .sort((a, b) => b.postedAt!.getTime() - a.postedAt!.getTime());
    const latest = sent[0];
    if (!latest) return null;
    const outcome = await this.d.deliverer.claimAndSend(channel, { run, kind: 'digest', day: latest.day, round: 0 }, this.d.clock.now(), 'manual');
    return { day: latest.day, outcome };
  }

  /** Scheduled digests: at `digest` local time on the day of each sent prompt, within grace. */
  async postDue(now: Date): Promise<number> {
    const { settings, store } = this.d;
    if (!settings.digest || !gathers(settings.programme)) return 0;
    const run = currentRun(settings);
    const prompts = (await store.listDeliveries({ run, kinds: ['prompt'], states: ['sent'] })).filter((r) => r.threadId);
    if (prompts.length === 0) return 0;
    const done = new Set((await store.listDeliveries({ run, kinds: ['digest'] })).map((r) => `${r.platform}:${r.channelId}#${r.day}`));
    const channels = new Map((await store.listChannels()).map((c) => [`${c.platform}:${c.channelId}`, c]));
    const seen = new Set<string>();
    let posted = 0;
    for (const rec of prompts) {
      const key = `${rec.platform}:${rec.channelId}#${rec.day}`;
      if (done.has(key) || seen.has(key)) continue;
      seen.add(key);
      const channel = channels.get(`${rec.platform}:${rec.channelId}`);
      if (!channel?.active || channel.paused || !this.d.adapters.has(channel.platform)) continue;
      const zone = channel.timezone ?? settings.timezone;
      const at = localInstant(localDateOf(rec.scheduledAt, zone), settings.digest, zone);
      const late = now.getTime() - at.getTime();
      if (late < 0 || late > settings.graceMs) continue;
      const outcome = await this.d.deliverer.claimAndSend(channel, { run, kind: 'digest', day: rec.day, round: 0 }, at, 'schedule');
      if (outcome.kind === 'sent') posted++;
      else if (outcome.kind !== 'already') this.d.logger.warn({ channel: channelLabel(channel), day: rec.day, outcome: outcome.kind }, 'digest not posted yet');
    }
    return posted;
  }
}
