import { randomUUID } from 'node:crypto';
import type { AdapterRegistry } from './adapter-registry';
import { channelSchedule, type Occurrence } from './calendar';
import { channelLabel } from './channels';
import type { Deliverer, DeliveryOutcome } from './delivery';
import type { DigestService } from './digest';
import type { AutoIntroductions } from './connect/auto-round';
import type { Announcements } from './give/announcements';
import { mapLimit } from './map-limit';
import type { Clock } from './ports/clock';
import type { Logger } from './ports/logger';
import type { ChannelRecord, Store } from './ports/store';
import type { ProgrammeSettings, WolSettings } from './settings';
import { currentRun } from './runs';
import { currentRuns, programmeFor } from './campaigns';

export interface TickReport {
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
}

/** How long to keep processed event ids: far longer than any platform retries an event. */
const EVENT_KEEP_MS = 7 * 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;
/** In-process retries wait at most this long; later ones are picked up by a later tick. */
const RETRY_WINDOW_MS = 90_000;
const FAN_OUT = 8;

/**
 * One scheduler tick: asks the ledger what is due in each channel's local time, claims each due
 * occurrence (unique key) and posts it; records posts missed by more than `grace` as skipped;
 * retries what is due again; posts digests. Safe to run in several processes at once.
 */
export class Scheduler {
  private lastPrune = 0;
  private stopping = false;

  constructor(
    private readonly d: {
      settings: WolSettings;
      store: Store;
      adapters: AdapterRegistry;
      deliverer: Deliverer;
      digests: DigestService;
      /** Kick-offs before day 1 and wrap-ups after the last day. */
      announcements?: Announcements;
      /** `connections: true` programmes' daily introductions. */
      introductions?: AutoIntroductions;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  stop(): void {
    this.stopping = true;
  }

  /** The channels this process can post to now. */
  async postableChannels(): Promise<ChannelRecord[]> {
    const all = await this.d.store.listChannels({ activeOnly: true });
    return all.filter((c) => !c.paused && this.d.adapters.has(c.platform));
  }

  /** A channel's occurrences in its programme's current run. */
  schedule(c: ChannelRecord): Occurrence[] {
    return channelSchedule(programmeFor(this.d.settings, c), c);
  }

  /** The postable channels of one programme (the one a channel belongs to). */
  async channelsOf(p: ProgrammeSettings): Promise<ChannelRecord[]> {
    return (await this.postableChannels()).filter((c) => programmeFor(this.d.settings, c) === p);
  }

  async tick(): Promise<TickReport> {
    const report: TickReport = { sent: 0, retried: 0, failed: 0, skipped: 0 };
    const { settings, store, clock } = this.d;
    const now = clock.now();
    const channels = await this.postableChannels();
    const runs = new Set(currentRuns(settings));
    const known = new Set(
      (await store.listDeliveries({ kinds: ['prompt'] })).filter((r) => r.round === 0 && runs.has(r.run)).map((r) => `${r.run}|${r.platform}:${r.channelId}#${r.day}`),
    );
    const due: { channel: ChannelRecord; occ: Occurrence; run: string }[] = [];
    for (const channel of channels) {
      const p = programmeFor(settings, channel);
      const run = currentRun(p);
      for (const occ of this.schedule(channel)) {
        if (occ.at > now || known.has(`${run}|${channelLabel(channel)}#${occ.day}`)) continue;
        const late = now.getTime() - occ.at.getTime();
        if (late <= p.graceMs) due.push({ channel, occ, run });
        else if (occ.at >= channel.createdAt) {
          // Missed by downtime beyond grace: record it once so status tells, never post it late.
          const rec = await store.claimDelivery({
            id: randomUUID(), run, kind: 'prompt', programme: p.programme.id, day: occ.day, platform: channel.platform, channelId: channel.channelId, round: 0,
            state: 'skipped', trigger: 'schedule', scheduledAt: occ.at, owner: null, leaseUntil: null,
            reason: `missed by ${Math.round(late / 60000)} min (grace ${Math.round(p.graceMs / 60000)} min)`, now,
          });
          if (rec) {
            report.skipped++;
            this.d.logger.warn({ channel: channelLabel(channel), day: occ.day, scheduledAt: occ.at.toISOString() }, 'post missed by more than grace: skipped');
          }
        }
      }
    }
    // Once stopping (SIGTERM), claim nothing new: only the sends already in flight finish.
    const outcomes = await mapLimit(due, FAN_OUT, ({ channel, occ, run }) =>
      this.stopping ? Promise.resolve(null) : this.d.deliverer.claimAndSend(channel, { run, kind: 'prompt', day: occ.day, round: 0 }, occ.at, 'schedule'),
    );
    count(outcomes.filter((o): o is DeliveryOutcome => o !== null), report);
    await this.drainRetries(report);
    await this.d.digests.postDue(now);
    // `connections: true`: the day's introductions follow its digest.
    if (!this.stopping) await this.d.introductions?.runDue(now);
    // After the day's digest, so the last day's thread is thanked before the wrap-up. Each channel's
    // kick-off and wrap-up speak for its own programme's run.
    if (!this.stopping) await this.d.announcements?.postDue(now, channels);
    await this.prune(now);
    return report;
  }

  /** Retry what is due again (transient failures, abandoned claims), waiting briefly for near ones. */
  async drainRetries(report: TickReport = { sent: 0, retried: 0, failed: 0, skipped: 0 }): Promise<TickReport> {
    const { store, clock } = this.d;
    for (;;) {
      if (this.stopping) return report;
      const now = clock.now();
      const ready = await store.listReclaimable(now, 100);
      if (ready.length > 0) {
        const outcomes = await mapLimit(ready, FAN_OUT, (r) => (this.stopping ? Promise.resolve(null) : this.d.deliverer.reclaimAndSend(r)));
        count(outcomes.filter((o): o is DeliveryOutcome => o !== null), report);
        continue;
      }
      const waiting = await store.listDeliveries({ states: ['retry'] });
      const soonest = waiting.map((r) => r.nextAttemptAt?.getTime() ?? Infinity).reduce((a, b) => Math.min(a, b), Infinity);
      const wait = soonest - now.getTime();
      if (!Number.isFinite(soonest) || wait > RETRY_WINDOW_MS) return report;
      await clock.sleep(Math.max(wait, 10));
    }
  }

  private async prune(now: Date): Promise<void> {
    if (now.getTime() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now.getTime();
    const events = await this.d.store.pruneEvents(new Date(now.getTime() - EVENT_KEEP_MS));
    const replies = await this.d.store.pruneReplies(new Date(now.getTime() - this.d.settings.retentionMs));
    if (events || replies) this.d.logger.info({ events, replies }, 'pruned old event ids and replies past retention');
  }
}

function count(outcomes: DeliveryOutcome[], report: TickReport): void {
  for (const o of outcomes) {
    if (o.kind === 'sent') report.sent++;
    else if (o.kind === 'retry') report.retried++;
    else if (o.kind === 'failed' || o.kind === 'uncertain') report.failed++;
  }
}
