import type { AdapterRegistry } from './adapter-registry';
import { syncConfiguredChannels } from './channels';
import { CoreInbound } from './core-inbound';
import { buildCoreParts, type CoreDeps, type CoreParts } from './core-parts';
import { buildExport, streamExport } from './export';
import { reportContext } from './give/report-context';
import type { LeaseKeeper } from './lease-keeper';
import { describeChanges, replaceSettings } from './live-settings';
import { describeResults, postDayManually, type ManualPostResult } from './manual-post';
import type { ChatAdapter } from './ports/chat-adapter';
import type { Platform } from './ports/platform';
import type { ChannelRecord } from './ports/store';
import { listRuns, type RunInfo } from './run-list';
import { buildPreview, previewProgramme, type Preview, type PreviewAsk, type PreviewChannel } from './preview';
import type { TickReport } from './scheduler';
import type { ProgrammeSettings, WolSettings } from './settings';
import { buildStatus, type StatusReport } from './status';

export { DEFAULT_LEASE_MS, type CoreDeps } from './core-parts';

/**
 * The platform-neutral heart of wolbot: scheduling, ledger, collection, commands. It is the
 * InboundPort adapters talk to (CoreInbound) and what the server and the CLI run; its parts are
 * built by buildCoreParts unless a caller passes its own.
 */
export class WolbotCore extends CoreInbound {
  readonly adapters: AdapterRegistry;
  /** Heartbeat of this process's claims (other ledger rows, e.g. digests, hold them too). */
  readonly leases: LeaseKeeper;

  constructor(
    private readonly d: CoreDeps,
    parts: CoreParts = buildCoreParts(d),
  ) {
    super(parts, d.settings, d.logger);
    this.adapters = parts.adapters;
    this.leases = parts.leases;
  }

  register(adapter: ChatAdapter): void {
    this.adapters.register(adapter);
  }

  syncChannels(): Promise<void> {
    return syncConfiguredChannels(this.d.settings, this.d.store, this.d.clock.now());
  }

  /**
   * A valid config edit while running: the settings every part reads become `next`, and the
   * configured channels follow (added, updated, deactivated). Returns what changed, one phrase each.
   */
  async applySettings(next: WolSettings): Promise<string[]> {
    const changes = describeChanges(this.d.settings, next);
    replaceSettings(this.d.settings, next);
    await this.syncChannels();
    return changes;
  }

  tick(): Promise<TickReport> {
    // A tick may prune names with their last replies: the names' memory must not outlive them.
    return this.parts.background.track(this.parts.scheduler.tick().finally(() => this.parts.names.forgetMemory()));
  }

  /** Take over what is due again: retries, and claims whose owner stopped renewing (between ticks). */
  sweep(): Promise<TickReport> {
    return this.parts.background.track(this.parts.scheduler.drainRetries());
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
    const { scheduler, deliverer, background } = this.parts;
    const channels = opts.channel ? [opts.channel] : await scheduler.channelsOf(opts.programme ?? this.d.settings.programmes[0]!);
    const results = await background.track(postDayManually({ settings: this.d.settings, store: this.d.store, deliverer, clock: this.d.clock }, day, channels, opts.again ?? false));
    await background.track(scheduler.drainRetries());
    return results;
  }

  describePostResults(results: ManualPostResult[], day: number, againHint: string, programme: ProgrammeSettings = this.d.settings.programmes[0]!): string {
    // The CLI speaks English (its words are not the programme's), but counts as the programme does: day 8, or week 2.
    return describeResults(results, day, programme.programme, (c) => c.timezone ?? this.d.settings.timezone, againHint);
  }

  /** `introduce`: a round of introductions in each programme's current run (or one programme's). */
  introduce(programme?: ProgrammeSettings) {
    return this.parts.background.track(this.eachProgramme(programme, (p) => this.parts.introductions.round(p)));
  }

  /** `circles`: circles from the people who joined, in each programme's current run (or one programme's). */
  formCircles(programme?: ProgrammeSettings) {
    return this.parts.background.track(this.eachProgramme(programme, (p) => this.parts.circles.form(p)));
  }

  private async eachProgramme<T>(only: ProgrammeSettings | undefined, fn: (p: ProgrammeSettings) => Promise<T>): Promise<{ programme: ProgrammeSettings; result: T }[]> {
    const out: { programme: ProgrammeSettings; result: T }[] = [];
    for (const p of only ? [only] : this.d.settings.programmes) out.push({ programme: p, result: await fn(p) });
    return out;
  }

  /** Each programme's current run, or the runs named (see campaigns.runsNamed). */
  status(opts: { runs?: string[] } = {}): Promise<StatusReport> {
    return buildStatus(this.d.settings, this.d.store, (p) => this.adapters.has(p), this.d.clock.now(), opts);
  }

  /**
   * A message as a channel would get it, without sending (`wolbot preview`, /v1/preview): the
   * channel named, else the programme's first channel, else its default zone and time.
   */
  async preview(ask: PreviewAsk, o: { programme?: string; channel?: { platform: Platform; channelId: string } } = {}): Promise<Preview> {
    const { settings, store } = this.d;
    const p = previewProgramme(settings, o);
    const named = o.channel ?? p.channels[0];
    const stored = named ? await store.getChannel(named.platform, named.channelId) : null;
    const configured = named ? settings.channels.find((c) => c.platform === named.platform && c.channelId === named.channelId) : undefined;
    const channel: PreviewChannel | null = named ? { platform: named.platform, channelId: named.channelId, timezone: stored?.timezone ?? configured?.timezone ?? null, time: stored?.time ?? configured?.time ?? null } : null;
    return buildPreview(settings, p, channel, ask);
  }

  /** Figures, zones and channel names for the Markdown report, a section per run (read from the store only). */
  reportContext(opts: { runs?: string[] } = {}) {
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

  /**
   * Every run: those in the ledger and each programme's current one (newest start first). The
   * hidden ones (the demo's, under a real config) only with `all`, e.g. to accept `--run` naming one.
   */
  runs(opts: { all?: boolean } = {}): Promise<RunInfo[]> {
    return listRuns(this.d.settings, this.d.store, opts.all ? [] : (this.d.hiddenRuns ?? []));
  }

  /** Stop scheduling; wait (bounded) for sends in flight; give back claims not finished. */
  async shutdown(timeoutMs: number): Promise<{ released: number }> {
    this.parts.scheduler.stop();
    await this.parts.background.settle(timeoutMs);
    await this.leases.stop();
    let released = 0;
    for (const id of this.parts.deliverer.pending()) {
      if (await this.d.store.releaseClaim(id, this.d.owner, this.d.clock.now())) released++;
    }
    return { released };
  }

  /** Resolves once the background work started so far (fan-outs, retries) has settled: a barrier for callers and tests, never a timer. */
  idle(): Promise<void> {
    return this.parts.background.idle();
  }
}
