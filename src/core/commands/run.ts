import { IANAZone } from 'luxon';
import { localDateOf } from '../calendar';
import { channelLabel, rememberChannel } from '../channels';
import type { DigestService } from '../digest';
import type { Deliverer } from '../delivery';
import { describeResults, postDayManually } from '../manual-post';
import type { Clock } from '../ports/clock';
import type { CommandAnswer, CommandRequest, FollowUp } from '../ports/inbound';
import type { Logger } from '../ports/logger';
import type { ChannelRecord, Store } from '../ports/store';
import type { Scheduler } from '../scheduler';
import type { WolSettings } from '../settings';
import { buildStatus, renderStatus } from '../status';
import { ADMIN_WORDS, helpText, parseCommand, type Command } from './parse';

export interface CommandDeps {
  settings: WolSettings;
  store: Store;
  deliverer: Deliverer;
  scheduler: Scheduler;
  digests: DigestService;
  clock: Clock;
  logger: Logger;
  enabled: (platform: string) => boolean;
}

const done = Promise.resolve();
const answer = (text: string): CommandAnswer => ({ text, done });

/** Runs the command words for any platform; admin words are checked against `admins`. */
export class CommandService {
  constructor(private readonly d: CommandDeps) {}

  isAdmin(req: CommandRequest): boolean {
    const ids = [req.userId, ...(req.altUserIds ?? [])].filter(Boolean);
    return ids.some((id) => this.d.settings.admins.includes(id));
  }

  async run(req: CommandRequest, followUp: FollowUp): Promise<CommandAnswer> {
    const cmd = parseCommand(req.text);
    const prefix = req.platform === 'slack' ? '/wol ' : req.platform === 'teams' ? '@wolbot ' : '';
    const log = this.d.logger.child({ command: cmd.word, user: req.userId, channel: channelLabel(req) });
    if (ADMIN_WORDS.has(cmd.word) && !this.isAdmin(req)) {
      log.info('admin command refused');
      return answer(`Sorry, \`${cmd.word}\` is for the programme's admins, and you are not on the list. Nothing was changed. An organizer can add your id (${req.userId}) to \`admins\` in the config.`);
    }
    log.info('command');
    switch (cmd.word) {
      case 'help':
        return answer(helpText(prefix));
      case 'unknown':
        return answer(`${cmd.problem}. Nothing was changed.\n\n${helpText(prefix)}`);
      case 'status':
        return answer(renderStatus(await buildStatus(this.d.settings, this.d.store, this.d.enabled, this.d.clock.now())));
      case 'forget-me': {
        const ids = [...new Set([req.userId, ...(req.altUserIds ?? [])].filter(Boolean))];
        let n = 0;
        for (const id of ids) n += await this.d.store.forgetUser(id);
        return answer(n ? `Done: ${n} of your replies and reactions were removed from wolbot's store.` : 'wolbot holds nothing you wrote.');
      }
      case 'post':
        return this.post(cmd, req, followUp, prefix);
      case 'subscribe':
        return answer(await this.subscribe(req, cmd.timezone));
      case 'unsubscribe': {
        const ok = await this.d.store.setChannelActive(req.platform, req.channelId, false, `unsubscribed by ${req.userId}`, this.d.clock.now());
        return answer(ok ? 'This channel is unsubscribed: no more posts here. `subscribe` brings it back.' : 'This channel was not subscribed.');
      }
      case 'pause':
      case 'resume':
        return answer(await this.pause(cmd.word === 'pause', cmd.all, req));
      case 'digest':
        return answer(await this.digest(req));
    }
  }

  private async post(cmd: Extract<Command, { word: 'post' }>, req: CommandRequest, followUp: FollowUp, prefix: string): Promise<CommandAnswer> {
    const { settings, store, clock } = this.d;
    const here = cmd.here ? await this.channelFor(req) : undefined;
    const zone = here?.timezone ?? settings.timezone;
    const day = cmd.day === 'today' ? this.todayDay(zone) : cmd.day;
    if (day === undefined) return answer(`There is no prompt for today (${localDateOf(clock.now(), zone)}). Say \`${prefix}post N\` with a day of the programme: ${settings.programme.prompts.map((p) => p.day).join(', ')}.`);
    const prompt = settings.programme.prompts.find((p) => p.day === day);
    if (!prompt) return answer(`The programme has no day ${day}; its days are ${settings.programme.prompts.map((p) => p.day).join(', ')}. Nothing was posted.`);
    const channels = here ? [here] : await this.d.scheduler.postableChannels();
    if (channels.length === 0) return answer('There are no active channels to post to. Say `subscribe` in a channel first.');
    const hint = `${prefix}post ${day}${cmd.here ? ' here' : ''} again`;
    const work = postDayManually({ settings, store, deliverer: this.d.deliverer, clock }, day, channels, cmd.again).then(async (results) => {
      await this.d.scheduler.drainRetries();
      await followUp(describeResults(results, day, (c) => c.timezone ?? settings.timezone, hint));
    });
    const finished = work.catch((err) => {
      this.d.logger.error({ err, day }, 'manual post failed');
      return followUp(`Posting day ${day} ran into an error: ${err instanceof Error ? err.message : String(err)}. \`status\` shows what was posted.`).catch(() => undefined);
    });
    return { text: `Posting day ${day} (${prompt.theme}) to ${channels.length === 1 ? channelLabel(channels[0]!) : `${channels.length} channels`}${cmd.again ? ', again' : ''}…`, done: finished };
  }

  /** The channel a command was given in, registered as `known` if it was not yet. */
  private async channelFor(req: CommandRequest): Promise<ChannelRecord> {
    const existing = await this.d.store.getChannel(req.platform, req.channelId);
    if (existing?.active) return existing;
    return rememberChannel(this.d.store, req.target, req.channelName ?? null, this.d.clock.now());
  }

  private todayDay(zone: string): number | undefined {
    const today = localDateOf(this.d.clock.now(), zone);
    return this.d.scheduler
      .schedule({ timezone: zone, time: null } as ChannelRecord)
      .find((o) => o.localDate === today)?.day;
  }

  private async subscribe(req: CommandRequest, timezone?: string): Promise<string> {
    if (timezone && !IANAZone.isValidZone(timezone)) return `"${timezone}" is not a timezone I know. Use an IANA name such as Europe/Berlin or America/New_York. Nothing was changed.`;
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
    const zone = ch.timezone ?? settings.timezone;
    const next = this.d.scheduler.schedule(ch).find((o) => o.at > clock.now());
    const when = next ? ` Next post: day ${next.day} (${next.theme}) on ${next.localDate} at ${next.localTime} ${zone}.` : ' The programme has no more days to post.';
    return `${old?.active ? 'This channel was already subscribed; settings updated.' : 'Subscribed: this channel will get the programme.'}${when}`;
  }

  private async pause(pause: boolean, all: boolean, req: CommandRequest): Promise<string> {
    const { store, clock } = this.d;
    const targets = all ? await store.listChannels({ activeOnly: true }) : [await store.getChannel(req.platform, req.channelId)].filter((c): c is ChannelRecord => c !== null && c.active);
    if (targets.length === 0) return 'This channel is not subscribed, so there is nothing to pause or resume.';
    for (const c of targets) await store.setChannelPaused(c.platform, c.channelId, pause, clock.now());
    const scope = all ? `all ${targets.length} channels` : 'this channel';
    return pause ? `Paused ${scope}: no posts until \`resume${all ? ' all' : ''}\`.` : `Resumed ${scope}: posts continue at the next scheduled time.`;
  }

  private async digest(req: CommandRequest): Promise<string> {
    const sent = (await this.d.store.listDeliveries({ programme: this.d.settings.programme.id, platform: req.platform, channelId: req.channelId, states: ['sent'] }))
      .sort((a, b) => b.postedAt!.getTime() - a.postedAt!.getTime());
    const latest = sent[0];
    const channel = await this.d.store.getChannel(req.platform, req.channelId);
    if (!latest || !channel) return 'Nothing has been posted in this channel yet, so there is no digest.';
    await this.d.digests.postFor(latest, channel);
    return `Posted the digest of day ${latest.day} in its thread.`;
  }
}
