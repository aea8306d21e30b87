import { IANAZone } from 'luxon';
import { localDateOf } from '../calendar';
import { channelLabel, rememberChannel } from '../channels';
import type { DigestService } from '../digest';
import type { Deliverer } from '../delivery';
import { describeResults, postDayManually } from '../manual-post';
import type { Clock } from '../ports/clock';
import type { CommandAnswer, CommandRequest, FollowUp } from '../ports/inbound';
import type { SummaryEdits } from '../give/summary-edits';
import type { Logger } from '../ports/logger';
import type { ChannelRecord, Channels, Connections, Ledger, People, StoreMeta } from '../ports/store';
import type { Scheduler } from '../scheduler';
import type { Circles } from '../connect/circles';
import type { Introductions } from '../connect/introductions';
import { currentRun } from '../runs';
import type { OptInKind } from '../ports/store';
import type { ProgrammeSettings, WolSettings } from '../settings';
import { programmeFor } from '../campaigns';
import { channelSchedule } from '../calendar';
import { dayNamed, periodNumber, periodValues, translatorOf, weeksOf } from '../frame';
import type { MessageKey, Translator } from '../i18n/catalogue';
import { gathers } from '../programme';
import { buildStatus, narrowStatus, renderStatus } from '../status';
import { ADMIN_WORDS, echoable, helpText, parseCommand, type Command } from './parse';
import { channelOnlyWord } from './table';

export interface CommandDeps {
  settings: WolSettings;
  /** Channels it subscribes, pauses and lists; the ledger's status and posts; people it forgets. */
  store: Channels & Ledger & People & Connections & Pick<StoreMeta, 'getMeta'>;
  deliverer: Deliverer;
  scheduler: Scheduler;
  digests: DigestService;
  clock: Clock;
  logger: Logger;
  enabled: (platform: string) => boolean;
  /** Edits the digests and wrap-ups that showed a person's words after `forget me`. */
  summaries?: SummaryEdits;
  introductions: Introductions;
  circles: Circles;
}

const done = Promise.resolve();

const answer = (text: string): CommandAnswer => ({ text, done });

/**
 * What a command's words may reach: the caller's platform and, where both sides know it, the
 * caller's workspace (a Slack team). `post`, `pause all`, `resume all` and `forget me` said in the
 * sandbox never touch Slack or Teams, and a Slack workspace never touches another one.
 */
export function scopeOf(req: CommandRequest): { platform: CommandRequest['platform']; workspaceId: string | null } {
  return { platform: req.platform, workspaceId: req.target.workspaceId ?? null };
}

export function inScope(req: CommandRequest, c: Pick<ChannelRecord, 'platform' | 'workspaceId'>): boolean {
  const scope = scopeOf(req);
  if (c.platform !== scope.platform) return false;
  return !scope.workspaceId || !c.workspaceId || c.workspaceId === scope.workspaceId;
}

const OPT_IN_ANSWERS: Record<OptInKind, Record<'on' | 'already' | 'off' | 'notOn', MessageKey>> = {
  connect: { on: 'cmd.connect.on', already: 'cmd.connect.already', off: 'cmd.connect.off', notOn: 'cmd.connect.notOn' },
  circle: { on: 'cmd.circle.join', already: 'cmd.circle.already', off: 'cmd.circle.leave', notOn: 'cmd.circle.notOn' },
};

/** Runs the command words for any platform; admin words are checked against `admins`. */
export class CommandService {
  constructor(private readonly d: CommandDeps) {}

  isAdmin(req: CommandRequest): boolean {
    const ids = [req.userId, ...(req.altUserIds ?? [])].filter(Boolean);
    return ids.some((id) => this.d.settings.admins.includes(id));
  }

  /** The language of the channel's programme: its catalogue answers commands there. */
  private tr(req: CommandRequest): Translator {
    return translatorOf(programmeFor(this.d.settings, req).programme);
  }

  async run(req: CommandRequest, followUp: FollowUp): Promise<CommandAnswer> {
    const tr = this.tr(req);
    const cmd = parseCommand(req.text, tr);
    const prefix = req.prefix ?? ''; // each adapter says how its commands start (its descriptor's commandPrefix)
    const log = this.d.logger.child({ command: cmd.word, user: req.userId, channel: channelLabel(req) });
    const channelOnly = req.inChannel === false ? channelOnlyWord(cmd) : null;
    if (channelOnly) {
      log.info('channel-only command outside a channel');
      return answer(tr.t('chat.channelOnly', { word: channelOnly, example: channelOnly === 'post here' ? 'post 1 here' : channelOnly }));
    }
    if (ADMIN_WORDS.has(cmd.word) && !this.isAdmin(req)) {
      log.info('admin command refused');
      return answer(tr.t('cmd.refused', { word: cmd.word, user: req.userId }));
    }
    log.info('command');
    switch (cmd.word) {
      case 'help':
        return answer(helpText(prefix, tr));
      case 'unknown':
        return answer(`${tr.t('cmd.unknown', { problem: cmd.problem })}\n\n${helpText(prefix, tr)}`);
      case 'status': {
        const all = await buildStatus(this.d.settings, this.d.store, this.d.enabled, this.d.clock.now());
        // A member sees the programme and this channel; other channels and their failures are the admins' business.
        const mine = programmeFor(this.d.settings, req).programme.id;
        const report = this.isAdmin(req) ? all : narrowStatus(all, (c) => c.channel.platform === req.platform && c.channel.channelId === req.channelId, (p) => p.id === mine);
        return answer(renderStatus(report, tr));
      }
      case 'forget-me': {
        const ids = [...new Set([req.userId, ...(req.altUserIds ?? [])].filter(Boolean))];
        // Which of our digests and wrap-ups show their words: asked before the words go.
        const shown = (await this.d.summaries?.showing(ids, req.platform)) ?? [];
        let n = 0;
        // Only the caller's own platform (and workspace): the same id elsewhere may be someone else.
        for (const id of ids) n += await this.d.store.forgetUser(id, scopeOf(req));
        // Opted in to introductions or a circle: that goes too (not counted: it is no reply).
        for (const id of ids) await this.d.store.forgetOptIns(id, scopeOf(req));
        if (shown.length) this.d.summaries!.rewriteSoon(shown);
        if (!n) return answer(tr.t('cmd.forget.none'));
        return answer([tr.t('cmd.forget.done', { n }), tr.t('cmd.forget.summaries', { n: shown.length })].filter(Boolean).join(' '));
      }
      case 'post':
        return this.post(cmd, req, followUp, prefix, tr);
      case 'subscribe':
        return answer(await this.subscribe(req, tr, cmd.timezone));
      case 'unsubscribe': {
        const ok = await this.d.store.setChannelActive(req.platform, req.channelId, false, `unsubscribed by ${req.userId}`, this.d.clock.now());
        return answer(ok ? tr.t('cmd.unsubscribe.done') : tr.t('cmd.unsubscribe.not'));
      }
      case 'pause':
      case 'resume':
        return answer(await this.pause(cmd.word === 'pause', cmd.all, req, tr));
      case 'digest':
        return answer(await this.digest(req, tr, cmd.n));
      case 'connect':
        return answer(await this.optIn(req, 'connect', cmd.on, tr));
      case 'circle':
        return answer(await this.optIn(req, 'circle', cmd.join, tr));
      case 'introduce':
      case 'circles':
        return this.connect(cmd.word, req, followUp, tr);
    }
  }

  /** `connect on|off`, `circle join|leave`: in the run of this channel's programme. */
  private async optIn(req: CommandRequest, kind: OptInKind, on: boolean, tr: Translator): Promise<string> {
    const run = currentRun(programmeFor(this.d.settings, req));
    const words = OPT_IN_ANSWERS[kind];
    if (!on) return tr.t((await this.d.store.removeOptIn(run, req.platform, req.userId, kind)) ? words.off : words.notOn);
    const fresh = await this.d.store.setOptIn({ run, platform: req.platform, userId: req.userId, kind, workspaceId: req.target.workspaceId ?? null, target: req.target }, this.d.clock.now());
    return tr.t(fresh ? words.on : words.already);
  }

  /** `introduce` and `circles` (admins): a round in this channel's programme, its outcome as a follow-up. */
  private connect(word: 'introduce' | 'circles', req: CommandRequest, followUp: FollowUp, tr: Translator): CommandAnswer {
    const p = programmeFor(this.d.settings, req);
    const work = word === 'introduce'
      ? this.d.introductions.round(p).then((r) => tr.t('cmd.introduce.done', { n: r.made, failed: r.failed }))
      : this.d.circles.form(p).then((r) => tr.t('cmd.circles.done', { n: r.formed, placed: r.placed, waiting: r.waiting, failed: r.failed }));
    const done = work.then(followUp).catch((err: unknown) => {
      this.d.logger.error({ err, word }, 'connections round failed');
      return followUp(tr.t('chat.failedLater')).catch(() => undefined);
    });
    return { text: tr.t(word === 'introduce' ? 'cmd.introduce.starting' : 'cmd.circles.starting'), done };
  }

  private async post(cmd: Extract<Command, { word: 'post' }>, req: CommandRequest, followUp: FollowUp, prefix: string, tr: Translator): Promise<CommandAnswer> {
    const { settings, store, clock } = this.d;
    // Chat words act on the run of the channel they are said in.
    const programme = programmeFor(settings, req);
    const here = cmd.here ? await this.channelFor(req) : undefined;
    const zone = here?.timezone ?? (await store.getChannel(req.platform, req.channelId))?.timezone ?? programme.timezone;
    const weekly = programme.programme.cadence === 'weekly';
    if (cmd.week && !weekly) return answer(tr.t('cmd.post.notWeekly', { p: prefix }));
    // `post N` in a weekly programme is week N, as its posts say.
    const day = cmd.day === 'today' ? this.todayDay(programme, zone) : dayNamed(programme.programme, cmd.day);
    const days = weekly ? weeksOf(programme.programme).join(', ') : programme.programme.prompts.map((p) => p.day).join(', ');
    if (day === undefined && cmd.day !== 'today') return answer(tr.t('cmd.post.noWeek', { week: cmd.day, weeks: days }));
    if (day === undefined) return answer(tr.t('cmd.post.noToday', { date: localDateOf(clock.now(), zone), p: prefix, days, weekly: weekly ? 'yes' : 'no' }));
    const prompt = programme.programme.prompts.find((p) => p.day === day);
    if (!prompt) return answer(tr.t('cmd.post.noDay', { day, days }));
    const channels = here ? [here] : (await this.d.scheduler.channelsOf(programme)).filter((c) => inScope(req, c));
    if (channels.length === 0) return answer(tr.t('cmd.post.noChannels'));
    const week = periodNumber(programme.programme, day);
    const hint = `${prefix}post ${weekly ? `week ${week}` : day}${cmd.here ? ' here' : ''} again`;
    const work = postDayManually({ settings, store, deliverer: this.d.deliverer, clock }, day, channels, cmd.again).then(async (results) => {
      await this.d.scheduler.drainRetries();
      await followUp(describeResults(results, day, programme.programme, (c) => c.timezone ?? programme.timezone, hint, tr));
    });
    const finished = work.catch((err: unknown) => {
      this.d.logger.error({ err, day }, 'manual post failed');
      return followUp(tr.t('cmd.post.error', { ...periodValues(programme.programme, day), error: err instanceof Error ? err.message : String(err) })).catch(() => undefined);
    });
    const where = channels.length === 1 ? channelLabel(channels[0]!) : tr.t('cmd.post.channels', { n: channels.length });
    const starting = weekly ? tr.t('cmd.post.startingWeek', { week, theme: prompt.theme, where, again: cmd.again ? 'yes' : 'no' }) : tr.t('cmd.post.starting', { day, theme: prompt.theme, where, again: cmd.again ? 'yes' : 'no' });
    return { text: starting, done: finished };
  }

  /** The channel a command was given in, registered as `known` if it was not yet. */
  private async channelFor(req: CommandRequest): Promise<ChannelRecord> {
    const existing = await this.d.store.getChannel(req.platform, req.channelId);
    if (existing?.active) return existing;
    return rememberChannel(this.d.store, req.target, req.channelName ?? null, this.d.clock.now());
  }

  private todayDay(programme: ProgrammeSettings, zone: string): number | undefined {
    const today = localDateOf(this.d.clock.now(), zone);
    return channelSchedule(programme, { timezone: zone, time: null }).find((o) => o.localDate === today)?.day;
  }

  private async subscribe(req: CommandRequest, tr: Translator, timezone?: string): Promise<string> {
    if (timezone && !IANAZone.isValidZone(timezone)) return echoable(timezone) ? tr.t('cmd.subscribe.badZone', { zone: timezone }) : tr.t('cmd.subscribe.badZoneQuiet');
    const { store, clock, settings } = this.d;
    const old = await store.getChannel(req.platform, req.channelId);
    await store.saveChannel(
      {
        ...req.target,
        workspaceId: req.target.workspaceId ?? old?.workspaceId ?? null,
        groupId: req.target.groupId ?? old?.groupId ?? null,
        reference: req.target.reference ?? old?.reference ?? null,
        name: req.channelName ?? old?.name ?? null,
        timezone: timezone ?? old?.timezone ?? null,
        time: old?.time ?? null,
        active: true,
        paused: false,
        source: old?.source === 'config' ? 'config' : 'subscribed',
        inactiveReason: null,
      },
      clock.now(),
    );
    const ch = (await store.getChannel(req.platform, req.channelId))!;
    const programme = programmeFor(settings, ch);
    const zone = ch.timezone ?? programme.timezone;
    const next = this.d.scheduler.schedule(ch).find((o) => o.at > clock.now());
    const when = next
      ? tr.t('cmd.subscribe.next', { ...periodValues(programme.programme, next.day), theme: next.theme, date: next.localDate, time: next.localTime, zone })
      : tr.t('cmd.subscribe.noMore', { weekly: programme.programme.cadence === 'weekly' ? 'yes' : 'no' });
    return `${old?.active ? tr.t('cmd.subscribe.updated') : tr.t('cmd.subscribe.done')} ${when}`;
  }

  private async pause(pause: boolean, all: boolean, req: CommandRequest, tr: Translator): Promise<string> {
    const { store, clock } = this.d;
    const targets = all ? (await store.listChannels({ activeOnly: true })).filter((c) => inScope(req, c)) : [await store.getChannel(req.platform, req.channelId)].filter((c): c is ChannelRecord => c !== null && c.active);
    if (targets.length === 0) return tr.t('cmd.pause.none');
    for (const c of targets) await store.setChannelPaused(c.platform, c.channelId, pause, clock.now());
    const scope = all ? tr.t('cmd.pause.scopeAll', { n: targets.length }) : tr.t('cmd.pause.scopeHere');
    return pause ? tr.t('cmd.pause.done', { scope, resume: all ? 'resume all' : 'resume' }) : tr.t('cmd.resume.done', { scope });
  }

  private async digest(req: CommandRequest, tr: Translator, n?: number): Promise<string> {
    const programme = programmeFor(this.d.settings, req).programme;
    if (!gathers(programme)) return tr.t('cmd.digest.private');
    const channel = await this.d.store.getChannel(req.platform, req.channelId);
    const day = n === undefined ? undefined : dayNamed(programme, n);
    const r = channel && (n === undefined || day !== undefined) ? await this.d.digests.postLatest(channel, day) : null;
    if (!r && n !== undefined) return tr.t('cmd.digest.notPosted', { n, weekly: programme.cadence === 'weekly' ? 'yes' : 'no' });
    if (!r) return tr.t('cmd.digest.none');
    const o = r.outcome;
    const period = periodValues(programme, r.day); // the digest of day 8, or of week 2
    switch (o.kind) {
      case 'sent':
        return tr.t('cmd.digest.posted', period);
      case 'already':
        return o.delivery.state === 'sent'
          ? tr.t('cmd.digest.already', period)
          : tr.t('cmd.digest.state', { ...period, state: tr.t('status.state', { state: o.delivery.state }), reason: o.delivery.reason ? ` (${o.delivery.reason})` : '' });
      case 'retry':
        return tr.t('cmd.digest.retry', { ...period, reason: o.reason });
      case 'lost':
        return tr.t('cmd.digest.lost', period);
      default:
        return tr.t('cmd.digest.state', { ...period, state: tr.t('status.state', { state: o.kind }), reason: `: ${o.reason}` });
    }
  }
}
