import { AdapterRegistry } from './adapter-registry';
import { syncConfiguredChannels } from './channels';
import { Collector } from './collector';
import { CommandService } from './commands/run';
import { Deliverer } from './delivery';
import { DigestService } from './digest';
import { buildExport, streamExport } from './export';
import { FailureNotifier } from './failure-notifier';
import { LeaseKeeper } from './lease-keeper';
import { ChannelLifecycle } from './lifecycle';
import { describeResults, postDayManually, type ManualPostResult } from './manual-post';
import type { ChatAdapter } from './ports/chat-adapter';
import type { Clock } from './ports/clock';
import type { ChatPhrase, RecentThread, ChannelLifecycleEvent, CommandAnswer, CommandRequest, FollowUp, InboundPort, ReactionEvent, ReplyDeletedEvent, ReplyEditedEvent, ReplyEvent, ReplyOutcome } from './ports/inbound';
import type { Logger } from './ports/logger';
import type { ChannelTarget, Platform } from './ports/platform';
import type { ChannelRecord, Store } from './ports/store';
import { PeopleNames } from './names';
import { reportContext } from './give/report-context';
import { Announcements } from './give/announcements';
import { channelSchedule } from './calendar';
import { programmeFor } from './campaigns';
import { programmeOfRun } from './campaigns';
import { Scheduler, type TickReport } from './scheduler';
import type { ProgrammeSettings, WolSettings } from './settings';
import { listRuns, type RunInfo } from './run-list';
import { translatorOf } from './frame';
import { gathers } from './programme';
import { buildStatus, type StatusReport } from './status';

/** A claim is taken over this long after its owner's last heartbeat (beats every third of it). */
export const DEFAULT_LEASE_MS = 30_000;

export interface CoreDeps {
  settings: WolSettings;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** This process's id in the ledger (host:pid:random). */
  owner: string;
  /** How long a claim is held without a heartbeat before another process may take it over (default 30 s). */
  leaseMs?: number;
  /** PUBLIC_URL: the page's public address (the wrap-up links to the gallery there). */
  publicUrl?: string;
}

/** The platform-neutral heart of wolbot: scheduling, ledger, collection, commands. */
export class WolbotCore implements InboundPort {
  readonly adapters = new AdapterRegistry();
  readonly settings: WolSettings;
  /** Heartbeat of this process's claims (other ledger rows, e.g. digests, hold them too). */
  readonly leases: LeaseKeeper;
  private readonly deliverer: Deliverer;
  private readonly scheduler: Scheduler;
  private readonly collector: Collector;
  private readonly commands: CommandService;
  private readonly digests: DigestService;
  private readonly lifecycle: ChannelLifecycle;
  private readonly names: PeopleNames;
  private readonly background = new Set<Promise<unknown>>();

  constructor(private readonly d: CoreDeps) {
    const { settings, store, clock, logger } = d;
    this.settings = settings;
    this.names = new PeopleNames({ store, adapters: this.adapters, clock, logger: logger.child({ component: 'names' }) });
    const notifier = new FailureNotifier({ store, adapters: this.adapters, admins: settings.admins, clock, logger: logger.child({ component: 'notifier' }), tr: translatorOf(settings.programme) });
    const leaseMs = d.leaseMs ?? DEFAULT_LEASE_MS;
    this.leases = new LeaseKeeper({ store, clock, logger: logger.child({ component: 'leases' }), owner: d.owner, leaseMs });
    this.deliverer = new Deliverer({ store, adapters: this.adapters, programmeOf: (run) => programmeOfRun(settings, run)?.programme, clock, logger: logger.child({ component: 'delivery' }), owner: d.owner, leaseMs, notifier, leases: this.leases });
    this.digests = new DigestService({ settings, store, adapters: this.adapters, deliverer: this.deliverer, names: this.names, clock, logger: logger.child({ component: 'digest' }) });
    const announcements = new Announcements({
      settings, store, adapters: this.adapters, deliverer: this.deliverer, names: this.names, clock, logger: logger.child({ component: 'announcements' }),
      schedule: (c) => channelSchedule(programmeFor(settings, c), c), publicUrl: d.publicUrl,
    });
    this.scheduler = new Scheduler({ settings, store, adapters: this.adapters, deliverer: this.deliverer, digests: this.digests, announcements, clock, logger: logger.child({ component: 'scheduler' }) });
    // Only the configured programme can say `gather: false`; past runs of others keep gathering.
    const gathering = (programme: string) => programme !== settings.programme.id || gathers(settings.programme);
    this.collector = new Collector({ store, clock, logger: logger.child({ component: 'collector' }), gathers: gathering });
    this.lifecycle = new ChannelLifecycle({ store, clock, logger: logger.child({ component: 'lifecycle' }) });
    this.commands = new CommandService({ settings, store, deliverer: this.deliverer, scheduler: this.scheduler, digests: this.digests, clock, logger: logger.child({ component: 'commands' }), enabled: (p) => this.adapters.has(p as Platform) });
  }

  register(adapter: ChatAdapter): void {
    this.adapters.register(adapter);
  }

  syncChannels(): Promise<void> {
    return syncConfiguredChannels(this.d.settings, this.d.store, this.d.clock.now());
  }

  tick(): Promise<TickReport> {
    // A tick may prune names with their last replies: the names' memory must not outlive them.
    return this.track(this.scheduler.tick().finally(() => this.names.forgetMemory()));
  }

  /** Take over what is due again: retries, and claims whose owner stopped renewing (between ticks). */
  sweep(): Promise<TickReport> {
    return this.track(this.scheduler.drainRetries());
  }

  /**
   * At start: end the leases of owners known to be gone (`isGone`, e.g. a crashed process on this
   * host), so the first sweep takes their claims over through the look-up-before-resend path.
   */
  async takeOverGoneOwners(isGone: (owner: string) => boolean): Promise<{ owners: string[]; claims: number }> {
    const owners = (await this.d.store.listLeaseOwners()).filter((o) => o !== this.d.owner && isGone(o));
    let claims = 0;
    for (const o of owners) claims += await this.d.store.expireLeases(o, this.d.clock.now());
    return { owners, claims };
  }

  /**
   * `post N` (CLI) — the same ledger rules as the chat command: one channel, or every postable
   * channel of one programme (default: the only one; the CLI asks which when there are several).
   */
  async postDay(day: number, opts: { channel?: ChannelRecord; again?: boolean; programme?: ProgrammeSettings } = {}): Promise<ManualPostResult[]> {
    const channels = opts.channel ? [opts.channel] : await this.scheduler.channelsOf(opts.programme ?? this.d.settings.programmes[0]!);
    const results = await this.track(postDayManually({ settings: this.d.settings, store: this.d.store, deliverer: this.deliverer, clock: this.d.clock }, day, channels, opts.again ?? false));
    await this.track(this.scheduler.drainRetries());
    return results;
  }

  describePostResults(results: ManualPostResult[], day: number, againHint: string): string {
    // The CLI speaks English (its words are not the programme's).
    return describeResults(results, day, (c) => c.timezone ?? this.d.settings.timezone, againHint);
  }

  /** Each programme's current run, or the runs named (see campaigns.runsNamed). */
  status(opts: { runs?: string[] } = {}): Promise<StatusReport> {
    return buildStatus(this.d.settings, this.d.store, (p) => this.adapters.has(p as Platform), this.d.clock.now(), opts);
  }

  /** Figures, zones and channel names for the Markdown report (read from the store only). */
  reportContext(opts: { run?: string } = {}) {
    return reportContext(this.d.settings, this.d.store, opts);
  }

  exportPosts(opts: { day?: number; runs?: string[] } = {}) {
    return buildExport(this.d.settings, this.d.store, opts);
  }

  /** The export a post and a page of replies at a time (for `wolbot export` through a pipe). */
  streamPosts(opts: { day?: number; runs?: string[] } = {}) {
    return streamExport(this.d.settings, this.d.store, opts);
  }

  /**
   * `channels remove`: forget a channel nobody wants (its record; its posts stay in the ledger
   * for exports). A channel in the config is kept: the config is the organizer's word.
   */
  async forgetChannel(platform: Platform, channelId: string): Promise<'forgotten' | 'configured' | 'unknown'> {
    if (this.d.settings.channels.some((c) => c.platform === platform && c.channelId === channelId)) return 'configured';
    return (await this.d.store.deleteChannel(platform, channelId)) ? 'forgotten' : 'unknown';
  }

  /** Every run: those in the ledger and each programme's current one (newest start first). */
  runs(): Promise<RunInfo[]> {
    return listRuns(this.d.settings, this.d.store);
  }

  /** Stop scheduling; wait (bounded) for sends in flight; give back claims not finished. */
  async shutdown(timeoutMs: number): Promise<{ released: number }> {
    this.scheduler.stop();
    const all = Promise.allSettled([...this.background]);
    await Promise.race([all, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    await this.leases.stop();
    let released = 0;
    for (const id of this.deliverer.pending()) {
      if (await this.d.store.releaseClaim(id, this.d.owner, this.d.clock.now())) released++;
    }
    return { released };
  }

  /** Resolves once the background work started so far (fan-outs, retries) has settled: a barrier for callers and tests, never a timer. */
  async idle(): Promise<void> {
    while (this.background.size) await Promise.allSettled([...this.background]);
  }

  // InboundPort
  async reply(e: ReplyEvent): Promise<ReplyOutcome> {
    const outcome = await this.collector.reply(e);
    // The name is fetched after the reply is safe and the platform has its answer (not awaited).
    if (outcome === 'stored') {
      void this.track(this.names.afterReply(e)).catch((err: unknown) => this.d.logger.warn({ err, component: 'names' }, 'display name not saved'));
    }
    return outcome;
  }
  replyEdited(e: ReplyEditedEvent): Promise<ReplyOutcome> {
    return this.collector.replyEdited(e);
  }
  replyDeleted(e: ReplyDeletedEvent): Promise<ReplyOutcome> {
    return this.collector.replyDeleted(e);
  }
  reactionAdded(e: ReactionEvent): Promise<ReplyOutcome> {
    return this.collector.reactionAdded(e);
  }
  reactionRemoved(e: ReactionEvent): Promise<ReplyOutcome> {
    return this.collector.reactionRemoved(e);
  }
  async command(req: CommandRequest, followUp: FollowUp): Promise<CommandAnswer> {
    const a = await this.commands.run(req, followUp);
    // `forget me` removes names from the store; commands are rare, so any of them drops the memory.
    this.names.forgetMemory();
    void this.track(a.done);
    return a;
  }
  channelLifecycle(e: ChannelLifecycleEvent): Promise<void> {
    return this.lifecycle.apply(e);
  }
  isPromptThread(platform: Platform, channelId: string, threadId: string): Promise<boolean> {
    return this.collector.isPromptThread(platform, channelId, threadId);
  }
  storedReplyIds(platform: Platform, channelId: string, threadId: string): Promise<string[]> {
    return this.collector.storedReplyIds(platform, channelId, threadId);
  }
  recentThreads(platform: Platform, since: Date): Promise<RecentThread[]> {
    return this.collector.recentThreads(platform, since);
  }
  phrase(phrase: ChatPhrase, values?: Record<string, string | number>): string {
    return translatorOf(this.d.settings.programme).t(phrase, values);
  }
  rememberReference(target: ChannelTarget): Promise<boolean> {
    return this.lifecycle.remember(target);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.background.add(p);
    void p.finally(() => this.background.delete(p)).catch(() => undefined);
    return p;
  }
}
