import type { AdapterRegistry } from './adapter-registry';
import { addDays, localDateOf, localInstant } from './calendar';
import { channelLabel, targetOf } from './channels';
import type { Deliverer, DeliveryOutcome } from './delivery';
import type { DeliveryPoster } from './delivery-poster';
import type { Clock } from './ports/clock';
import { DeliveryError } from './ports/delivery-error';
import type { Logger } from './ports/logger';
import type { DigestMessage } from './ports/messages';
import type { ChannelRecord, Channels, DeliveryRecord, Ledger, Replies } from './ports/store';
import { headingFor, translatorOf } from './frame';
import { analyse, digestContent, type Share } from './give/digest-content';
import { mentionedIds, quoteOf } from './give/mention-quotes';
import { withShorterForms } from './give/capped-names';
import type { PeopleNames } from './names';
import { gathers, promptForDay } from './programme';
import { currentRun } from './runs';
import type { ProgrammeSettings, WolSettings } from './settings';
import { programmeFor, programmeOfRun } from './campaigns';

/**
 * The day's digest, posted in the day's thread: thanks by name, what drew responses, open
 * questions. Each is a ledger row of kind `digest` (one per run, day and channel, round 0): claimed,
 * posted, then marked; a transient failure is retried like a prompt; a digest that may have
 * landed is never re-sent blindly, so a thread never gets two.
 */
export class DigestService {
  constructor(
    private readonly d: { settings: WolSettings; store: Channels & Ledger & Replies; adapters: AdapterRegistry; deliverer: Deliverer; names: PeopleNames; clock: Clock; logger: Logger; publicUrl?: string },
  ) {
    d.deliverer.register('digest', this.poster());
  }

  /** The digest of one delivery; null on a day nobody shared when the programme says `digest_quiet: skip`. */
  async build(rec: DeliveryRecord, channel?: ChannelRecord): Promise<DigestMessage | null> {
    const { store } = this.d;
    // The programme of the digest's own run (several programmes may run at once).
    const settings = programmeOfRun(this.d.settings, rec.run) ?? this.d.settings;
    const { programme } = settings;
    const replies = (await store.listReplies({ deliveryIds: [rec.id] })).filter((r) => r.text !== null);
    const counts = await store.reactionCounts(rec.platform, rec.channelId, replies.map((r) => r.messageId));
    // Any name the store lacks is asked of the platform now, before the digest posts.
    const names = await this.d.names.resolve(rec.platform, rec.channelId, [...replies.map((r) => r.user), ...mentionedIds(replies)]);
    const tr = translatorOf(programme);
    const someone = tr.t('give.someone');
    const shares: Share[] = replies.map((r) => ({
      messageId: r.messageId, user: r.user, name: names.get(r.user) ?? someone, text: r.plainText!, mentions: r.mentions,
      quote: quoteOf(r.plainText!, r.mentions, names, someone), at: r.at, reactions: counts.get(r.messageId) ?? 0,
    }));
    const seed = `${rec.run}|${rec.day}|${rec.platform}:${rec.channelId}`;
    const { highlights, asks } = analyse(shares, seed);
    const links = await this.links(rec, channel, [...highlights.map((h) => h.messageId), ...asks.map((a) => a.messageId)]);
    const theme = promptForDay(programme, rec.day)?.theme ?? '';
    const content = { day: rec.day, theme, heading: headingFor(programme, rec.day, theme), shares, links, quiet: settings.digestQuiet ?? 'nudge' as const, weekly: programme.cadence === 'weekly', seed, tr };
    // A long list of names: shorter forms for the adapter to fit, the full list in the gallery.
    if (digestContent(content) === null) return null;
    const gallery = this.d.publicUrl ? { url: `${this.d.publicUrl}/`, label: tr.t('give.link.everyone') } : undefined;
    return withShorterForms((cap) => digestContent({ ...content, cap })!, gallery);
  }

  /** Links to the replies the digest points at (best effort: a digest without links still thanks). */
  private async links(rec: DeliveryRecord, channel: ChannelRecord | undefined, messageIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const adapter = this.d.adapters.get(rec.platform);
    const ch = channel ?? (await this.d.store.getChannel(rec.platform, rec.channelId));
    if (!adapter?.messageLink || !ch || !rec.threadId) return out;
    for (const id of new Set(messageIds)) {
      try {
        const url = await adapter.messageLink(targetOf(ch), { platform: rec.platform, channelId: rec.channelId, id: rec.threadId }, id);
        if (url) out.set(id, url);
      } catch (err) {
        this.d.logger.warn({ err, channel: channelLabel(ch) }, 'no link to a reply');
      }
    }
    return out;
  }

  /** The day's prompt thread a digest goes into: the latest round posted. */
  async promptOf(rec: Pick<DeliveryRecord, 'run' | 'day' | 'platform' | 'channelId'>): Promise<DeliveryRecord | undefined> {
    const sent = await this.d.store.listDeliveries({ run: rec.run, kinds: ['prompt'], day: rec.day, platform: rec.platform, channelId: rec.channelId, states: ['sent'] });
    return sent.filter((r) => r.threadId).sort((a, b) => b.round - a.round)[0];
  }

  private poster(): DeliveryPoster {
    return {
      post: async (rec, channel, adapter) => {
        const prompt = await this.promptOf(rec);
        if (!prompt) throw new DeliveryError('permanent', `day ${rec.day} has no posted thread for its digest`);
        const digest = await this.build(prompt, channel);
        // A quiet day under `digest_quiet: skip`: the row is done, nothing is posted.
        const own = digest ? await adapter.postDigest({ platform: rec.platform, channelId: rec.channelId, id: prompt.threadId! }, targetOf(channel), digest) : undefined;
        // The digest's own message id when the platform gives one (forget me edits it there); else the day's thread.
        return typeof own === 'string' && own ? own : prompt.threadId!;
      },
      // No lookUp: a digest that may have landed is marked uncertain rather than posted twice.
    };
  }

  /** The `digest [N]` command: the digest of the latest posted day (or of `day`) now, unless that day already has one. */
  async postLatest(channel: ChannelRecord, day?: number): Promise<{ day: number; outcome: DeliveryOutcome } | null> {
    const run = currentRun(programmeFor(this.d.settings, channel));
    const sent = (await this.d.store.listDeliveries({ run, kinds: ['prompt'], platform: channel.platform, channelId: channel.channelId, states: ['sent'] }))
      .filter((r) => day === undefined || r.day === day)
      .sort((a, b) => b.postedAt!.getTime() - a.postedAt!.getTime());
    const latest = sent[0];
    if (!latest) return null;
    const outcome = await this.d.deliverer.claimAndSend(channel, { run, kind: 'digest', day: latest.day, round: 0 }, this.d.clock.now(), 'manual');
    return { day: latest.day, outcome };
  }

  /** Scheduled digests: at each programme's `digest` local time on the day of each sent prompt, within grace. */
  async postDue(now: Date): Promise<number> {
    let posted = 0;
    const channels = new Map((await this.d.store.listChannels()).map((c) => [`${c.platform}:${c.channelId}`, c]));
    for (const p of this.d.settings.programmes) posted += await this.postDueOf(p, channels, now);
    return posted;
  }

  private async postDueOf(p: ProgrammeSettings, channels: Map<string, ChannelRecord>, now: Date): Promise<number> {
    const { settings, store } = this.d;
    if (!p.digest || !gathers(p.programme)) return 0;
    const run = currentRun(p);
    const prompts = (await store.listDeliveries({ run, kinds: ['prompt'], states: ['sent'] })).filter((r) => r.threadId);
    if (prompts.length === 0) return 0;
    const done = new Set((await store.listDeliveries({ run, kinds: ['digest'] })).map((r) => `${r.platform}:${r.channelId}#${r.day}`));
    const seen = new Set<string>();
    let posted = 0;
    for (const rec of prompts) {
      const key = `${rec.platform}:${rec.channelId}#${rec.day}`;
      if (done.has(key) || seen.has(key)) continue;
      seen.add(key);
      const channel = channels.get(`${rec.platform}:${rec.channelId}`);
      if (!channel?.active || channel.paused || !this.d.adapters.has(channel.platform) || programmeFor(settings, channel) !== p) continue;
      const zone = channel.timezone ?? p.timezone;
      const localDate = localDateOf(rec.scheduledAt, zone);
      let at = localInstant(localDate, p.digest, zone);
      // A prompt that went out after its day's digest time (by hand, or made up late) has gathered
      // nothing yet: its digest waits for the next digest time instead of following it at once.
      if (rec.postedAt && rec.postedAt >= at) at = localInstant(addDays(localDate, 1), p.digest, zone);
      const late = now.getTime() - at.getTime();
      if (late < 0 || late > p.graceMs) continue;
      const outcome = await this.d.deliverer.claimAndSend(channel, { run, kind: 'digest', day: rec.day, round: 0 }, at, 'schedule');
      if (outcome.kind === 'sent') posted++;
      else if (outcome.kind !== 'already') this.d.logger.warn({ channel: channelLabel(channel), day: rec.day, outcome: outcome.kind }, 'digest not posted yet');
    }
    return posted;
  }
}
