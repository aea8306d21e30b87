import type { AdapterRegistry } from '../adapter-registry';
import { addDays, localInstant, type Occurrence } from '../calendar';
import { channelLabel, targetOf } from '../channels';
import type { Deliverer, Prerequisite } from '../delivery';
import type { DeliveryPoster } from '../delivery-poster';
import { headingFor, translatorOf } from '../frame';
import type { PeopleNames } from '../names';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { AnnouncementMessage } from '../ports/messages';
import type { ChannelRecord, DeliveryRecord, ReplyRecord, Store } from '../ports/store';
import { currentRun } from '../runs';
import type { ProgrammeSettings, WolSettings } from '../settings';
import { programmeFor, programmeOfRun } from '../campaigns';
import { buildStats, personKey } from '../stats';
import { mentionedIds, quoteOf } from './mention-quotes';
import { kickoffContent } from './kickoff-content';
import { highlights, wrapupContent, type RunShare } from './wrapup-content';
import { gathers } from '../programme';
import { withShorterForms } from './capped-names';

const HOUR = 3600_000;
/** The kick-off goes out once day 1 is less than this far away… */
const KICKOFF_LEAD_MS = 7 * 24 * HOUR;
/** …and more than this. */
const KICKOFF_MIN_LEAD_MS = HOUR;
/** Without a digest time, the wrap-up follows the last day's post by this much. */
const WRAPUP_AFTER_POST_MS = 8 * HOUR;
/** A wrap-up missed by downtime is still made this long after its time, never later. */
const WRAPUP_WINDOW_MS = 3 * 24 * HOUR;
/** The ledger key's day for rows that belong to no single day. */
const NO_DAY = 0;

/**
 * The kick-off before a channel's day 1 and the wrap-up after its last day: ledger rows of kinds
 * `kickoff` and `wrapup` keyed by run, so each is posted once per channel per run across restarts
 * and replicas. The scheduler posts them, and a channel's first prompt of a run brings its kick-off
 * along when the kick-off's window was missed.
 */
export class Announcements {
  private wrapupCache?: { key: string; at: number; message: AnnouncementMessage };

  constructor(
    private readonly d: {
      settings: WolSettings;
      store: Store;
      adapters: AdapterRegistry;
      deliverer: Deliverer;
      names: PeopleNames;
      clock: Clock;
      logger: Logger;
      /** A channel's occurrences in its programme's current run. */
      schedule: (c: ChannelRecord) => Occurrence[];
      publicUrl?: string;
    },
  ) {
    d.deliverer.register('kickoff', this.poster(async (_run, channel) => this.kickoff(channel)));
    d.deliverer.register('wrapup', this.poster(async (run) => this.wrapup(run)));
    d.deliverer.requireBefore('prompt', (rec, channel) => this.kickoffFirst(rec, channel));
  }

  /**
   * Consent before gathering: a channel's first prompt of a run follows its kick-off. When the
   * kick-off's window was missed (a start today, a late subscribe, a manual `post 1`) it is posted
   * now, once, through the ledger; until it is there, the prompt waits (a transient failure).
   */
  private async kickoffFirst(rec: DeliveryRecord, channel: ChannelRecord): Promise<Prerequisite> {
    const [known] = await this.d.store.listDeliveries({ run: rec.run, kinds: ['kickoff'], platform: channel.platform, channelId: channel.channelId });
    let state: string = known?.state ?? 'none';
    let reason = known?.reason ?? '';
    if (!known) {
      const o = await this.d.deliverer.claimAndSend(channel, { run: rec.run, kind: 'kickoff', day: NO_DAY, round: 0 }, this.d.clock.now(), rec.trigger);
      state = o.kind === 'already' ? o.delivery.state : o.kind;
      reason = 'reason' in o ? o.reason : (o.delivery.reason ?? '');
    }
    // `uncertain`: it may well be there, and it is never posted twice. A kick-off that failed for
    // good (the channel is gone) fails its prompt too; anything else waits for it.
    if (state === 'sent' || state === 'uncertain') return { ok: true };
    return state === 'failed' ? { failed: `the kick-off could not be posted: ${reason}` } : { wait: `kickoff_${state}` };
  }

  /** Claim and post the kick-offs and wrap-ups that are due now in these channels (each in its own programme's run). */
  async postDue(now: Date, channels: ChannelRecord[]): Promise<number> {
    const rows = await this.d.store.listDeliveries({ kinds: ['prompt', 'digest', 'kickoff', 'wrapup'] });
    const key = (run: string, c: { platform: string; channelId: string }) => `${run}|${channelLabel(c)}`;
    const touched = new Set(rows.map((r) => key(r.run, r)));
    const wrapped = new Set(rows.filter((r) => r.kind === 'wrapup').map((r) => key(r.run, r)));
    const prompted = new Set(rows.filter((r) => r.kind === 'prompt' && r.state === 'sent').map((r) => key(r.run, r)));
    // When each channel's prompt of a day was (last) posted: a late last day moves the wrap-up.
    const postedAt = new Map<string, Date>();
    for (const r of rows) {
      if (r.kind !== 'prompt' || r.state !== 'sent' || !r.postedAt) continue;
      const k = `${key(r.run, r)}#${r.day}`;
      const seen = postedAt.get(k);
      if (!seen || r.postedAt > seen) postedAt.set(k, r.postedAt);
    }
    let posted = 0;
    for (const channel of channels) {
      const p = programmeFor(this.d.settings, channel);
      const run = currentRun(p);
      const schedule = this.d.schedule(channel);
      if (schedule.length === 0) continue;
      const here = key(run, channel);
      const lead = schedule[0]!.at.getTime() - now.getTime();
      // Nothing of this run in the channel yet (no prompt, no kick-off): welcome it once.
      if (!touched.has(here) && lead < KICKOFF_LEAD_MS && lead > KICKOFF_MIN_LEAD_MS) {
        const o = await this.d.deliverer.claimAndSend(channel, { run, kind: 'kickoff', day: NO_DAY, round: 0 }, now, 'schedule');
        if (o.kind === 'sent') posted++;
      }
      const last = schedule.at(-1)!;
      const due = this.wrapupAt(p, last, postedAt.get(`${here}#${last.day}`));
      const late = now.getTime() - due.getTime();
      if (prompted.has(here) && !wrapped.has(here) && late >= 0 && late <= WRAPUP_WINDOW_MS) {
        const o = await this.d.deliverer.claimAndSend(channel, { run, kind: 'wrapup', day: NO_DAY, round: 0 }, due, 'schedule');
        if (o.kind === 'sent') posted++;
      }
    }
    return posted;
  }

  /**
   * At the last day's digest time, or its post time plus 8 hours when there is no digest. A last
   * prompt posted after its digest time (made up late, or by hand) gets its digest at the next
   * digest time (the digest's own rule), and the wrap-up follows it there, never before it.
   */
  private wrapupAt(p: ProgrammeSettings, last: Occurrence, lastPostedAt: Date | undefined): Date {
    if (!p.digest) return new Date(last.at.getTime() + WRAPUP_AFTER_POST_MS);
    const at = localInstant(last.localDate, p.digest, last.timezone);
    return lastPostedAt && lastPostedAt >= at ? localInstant(addDays(last.localDate, 1), p.digest, last.timezone) : at;
  }

  private poster(build: (run: string, channel: ChannelRecord) => Promise<AnnouncementMessage>): DeliveryPoster {
    return {
      post: async (rec, channel, adapter) => (await adapter.postAnnouncement(targetOf(channel), await build(rec.run, channel))).id,
      // No look-up: one that may have landed is marked uncertain rather than posted twice.
    };
  }

  kickoff(channel: ChannelRecord): AnnouncementMessage {
    const { programme } = programmeFor(this.d.settings, channel);
    const commandPrefix = this.d.adapters.get(channel.platform)?.commandPrefix;
    const galleryUrl = this.d.publicUrl ? `${this.d.publicUrl}/` : undefined;
    return kickoffContent({ programme, schedule: this.d.schedule(channel), retentionMs: this.d.settings.retentionMs, commandPrefix, tr: translatorOf(programme), galleryUrl });
  }

  /**
   * The whole run across every channel and platform (built once a minute at most: every channel
   * gets the same); `fresh` builds it again from the store (after forget me).
   */
  async wrapup(run: string, fresh = false): Promise<AnnouncementMessage> {
    const { store } = this.d;
    const settings = programmeOfRun(this.d.settings, run) ?? this.d.settings;
    const nowMs = this.d.clock.now().getTime();
    if (!fresh && this.wrapupCache?.key === run && nowMs - this.wrapupCache.at < 60_000) return this.wrapupCache.message;
    const tr = translatorOf(settings.programme);
    const threads = (await store.listDeliveries({ run, kinds: ['prompt'], states: ['sent'] })).filter((r) => r.threadId);
    const byId = new Map(threads.map((t) => [t.id, t]));
    const ids = [...byId.keys()];
    // Only this run's replies are read; the store says whose first share ever is in this run.
    const mine = (await store.listReplies({ deliveryIds: ids })).filter((r) => r.text !== null);
    const firstTimers = new Set((await store.replyTallies(ids, { firstEver: true })).filter((t) => t.firstEver).map(personKey));
    const pairs: { s: RunShare; r: ReplyRecord }[] = [];
    for (const [where, group] of groupBy(mine, (r) => `${r.platform}\u0000${r.channelId}`)) {
      const [platform, channelId] = where.split('\u0000') as [ReplyRecord['platform'], string];
      const names = await this.d.names.resolve(platform, channelId, [...group.map((r) => r.user), ...mentionedIds(group)]);
      const someone = tr.t('give.someone');
      const counts = await store.reactionCounts(platform, channelId, group.map((r) => r.messageId));
      for (const r of group) {
        const day = byId.get(r.deliveryId)!.day;
        const theme = settings.programme.prompts.find((p) => p.day === day)?.theme ?? '';
        pairs.push({ r, s: { id: r.messageId, where: `${r.platform}:${r.channelId}`, person: personKey(r), name: names.get(r.user) ?? someone, day, heading: headingFor(settings.programme, day, theme), text: quoteOf(r.plainText!, r.mentions, names, someone), reactions: counts.get(r.messageId) ?? 0, at: r.at } });
      }
    }
    await this.linkHighlights(pairs, byId, run);
    const shares = pairs.map((p) => p.s);
    const headings = new Map(settings.programme.prompts.map((p) => [p.day, headingFor(settings.programme, p.day, p.theme)]));
    const content = {
      title: settings.programme.title, stats: await buildStats(this.d.settings, store, { run }), headings, shares, firstTimers, seed: run, gathers: gathers(settings.programme),
      galleryUrl: this.d.publicUrl ? `${this.d.publicUrl}/` : undefined, weekly: settings.programme.cadence === 'weekly', tr,
    };
    const message = withShorterForms((cap) => wrapupContent({ ...content, cap }));
    this.wrapupCache = { key: run, at: nowMs, message };
    return message;
  }

  /** Links for the few shares the wrap-up shows as highlights. */
  private async linkHighlights(pairs: { s: RunShare; r: ReplyRecord }[], threads: Map<string, { threadId: string | null }>, seed: string): Promise<void> {
    const shown = new Set(highlights(pairs.map((p) => p.s), seed));
    for (const { s, r } of pairs.filter((p) => shown.has(p.s))) {
      const adapter = this.d.adapters.get(r.platform);
      const channel = await this.d.store.getChannel(r.platform, r.channelId);
      const threadId = threads.get(r.deliveryId)?.threadId;
      if (!adapter?.messageLink || !channel || !threadId) continue;
      try {
        s.link = (await adapter.messageLink(targetOf(channel), { platform: r.platform, channelId: r.channelId, id: threadId }, r.messageId)) ?? undefined;
      } catch (err) {
        this.d.logger.warn({ err, channel: channelLabel(channel) }, 'no link to a highlight');
      }
    }
  }
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    if (!out.has(k)) out.set(k, []);
    out.get(k)!.push(x);
  }
  return out;
}
