import { randomUUID } from 'node:crypto';
import type { AdapterRegistry } from './adapter-registry';
import { backoffMs, MAX_ATTEMPTS } from './backoff';
import { channelLabel, targetOf } from './channels';
import type { Clock } from './ports/clock';
import { DeliveryError, isDeliveryError } from './ports/delivery-error';
import type { Logger } from './ports/logger';
import type { ChannelRecord, Channels, DeliveryKind, DeliveryRecord, DeliveryTrigger, Ledger } from './ports/store';
import type { Programme } from './programme';
import { promptForDay } from './programme';
import { promptMessage } from './prompt-message';
import type { DeliveryPoster } from './delivery-poster';
import type { FailureNotifier } from './failure-notifier';
import type { LeaseKeeper } from './lease-keeper';
import { parseRunId } from './runs';

export type DeliveryOutcome =
  | { kind: 'sent'; delivery: DeliveryRecord; threadId: string }
  | { kind: 'already'; delivery: DeliveryRecord }
  | { kind: 'retry'; delivery: DeliveryRecord; reason: string }
  | { kind: 'failed'; delivery: DeliveryRecord; reason: string }
  | { kind: 'uncertain'; delivery: DeliveryRecord; reason: string }
  | { kind: 'lost'; delivery: DeliveryRecord };

export interface DelivererDeps {
  /** The ledger it claims and marks, and the channels it reads (and deactivates when gone). */
  store: Ledger & Channels;
  adapters: AdapterRegistry;
  /** The programme a run posts (by the run id), for prompts. */
  programmeOf: (run: string) => Programme | undefined;
  clock: Clock;
  logger: Logger;
  /** This process's id in the ledger. */
  owner: string;
  leaseMs: number;
  notifier: FailureNotifier;
  /** Renews the lease of every claim while it is being worked on. */
  leases: LeaseKeeper;
}

/** Whether what must come first (see Deliverer.requireBefore) is there. */
export type Prerequisite = { ok: true } | { wait: string } | { failed: string };

/** Which row to claim: the rest of the key (platform, channel) comes from the channel. */
export interface ClaimKey {
  run: string;
  kind: DeliveryKind;
  day: number;
  round: number;
}

/** A day's prompt: opens the day's thread; found again after a crash by the delivery id in its metadata. */
export function promptPoster(programmeOf: (run: string) => Programme | undefined): DeliveryPoster {
  return {
    async post(rec, channel, adapter) {
      const programme = programmeOf(rec.run);
      const prompt = programme && promptForDay(programme, rec.day);
      if (!programme || !prompt) throw new DeliveryError('permanent', `programme has no day ${rec.day}`);
      return (await adapter.postPrompt(targetOf(channel), promptMessage(programme, prompt, rec.id))).id;
    },
    async lookUp(rec, channel, adapter) {
      if (!adapter.findPostedPrompt) throw new DeliveryError('uncertain', 'the platform cannot look up posts');
      const ref = await adapter.findPostedPrompt(targetOf(channel), rec.id, rec.lastAttemptAt ?? rec.updatedAt);
      return ref ? ref.id : null;
    },
  };
}

/**
 * Sends one ledger entry of any kind (see DeliveryPoster). The ledger decides: a key is claimed once (unique key), a send that may
 * have reached the platform is looked up before any re-send, and transient failures are retried
 * later with backoff by whoever reclaims them.
 */
export class Deliverer {
  private readonly inFlight = new Set<string>();
  private readonly posters = new Map<DeliveryKind, DeliveryPoster>();
  private readonly before = new Map<DeliveryKind, (rec: DeliveryRecord, channel: ChannelRecord) => Promise<Prerequisite>>();

  constructor(private readonly d: DelivererDeps) {
    this.register('prompt', promptPoster(d.programmeOf));
  }

  /** How rows of `kind` are posted (prompt is built in; digest, kick-off and wrap-up register theirs). */
  register(kind: DeliveryKind, poster: DeliveryPoster): void {
    this.posters.set(kind, poster);
  }

  /**
   * What must be in the channel before a row of `kind` is posted (the kick-off before a prompt):
   * `wait` retries the row later like a transient failure; `failed` fails it quietly (the
   * prerequisite's own failure already told the organizers).
   */
  requireBefore(kind: DeliveryKind, check: (rec: DeliveryRecord, channel: ChannelRecord) => Promise<Prerequisite>): void {
    this.before.set(kind, check);
  }

  /** Claim (run, kind, day, channel, round) and send it; `already` when another claim exists. */
  async claimAndSend(channel: ChannelRecord, k: ClaimKey, scheduledAt: Date, trigger: DeliveryTrigger): Promise<DeliveryOutcome> {
    const now = this.d.clock.now();
    const key = { ...k, programme: parseRunId(k.run).programme, platform: channel.platform, channelId: channel.channelId };
    const claimed = await this.d.store.claimDelivery({
      ...key,
      id: randomUUID(),
      state: 'claimed',
      trigger,
      scheduledAt,
      owner: this.d.owner,
      leaseUntil: new Date(now.getTime() + this.d.leaseMs),
      now,
    });
    if (!claimed) {
      const [existing] = (await this.d.store.listDeliveries({ run: key.run, kinds: [key.kind], day: key.day, platform: key.platform, channelId: key.channelId }))
        .filter((r) => r.round === key.round);
      return { kind: 'already', delivery: existing! };
    }
    return this.send(claimed, channel);
  }

  /** Take over a due retry or an abandoned claim, then send it. */
  async reclaimAndSend(rec: DeliveryRecord): Promise<DeliveryOutcome | null> {
    const now = this.d.clock.now();
    const mine = await this.d.store.reclaimDelivery(rec.id, this.d.owner, now, new Date(now.getTime() + this.d.leaseMs));
    if (!mine) return null;
    const channel = await this.d.store.getChannel(mine.platform, mine.channelId);
    if (!channel || !channel.active) {
      await this.d.store.markFailed(mine.id, this.d.owner, channel ? `channel inactive: ${channel.inactiveReason ?? 'unknown'}` : 'channel unknown', now);
      return { kind: 'failed', delivery: mine, reason: 'channel inactive' };
    }
    return this.send(mine, channel);
  }

  /** Ids being sent by this process right now (graceful shutdown waits for them). */
  pending(): string[] {
    return [...this.inFlight];
  }

  private async send(rec: DeliveryRecord, channel: ChannelRecord): Promise<DeliveryOutcome> {
    this.inFlight.add(rec.id);
    this.d.leases.hold(rec.id);
    try {
      return await this.sendUnguarded(rec, channel);
    } finally {
      this.d.leases.release(rec.id);
      this.inFlight.delete(rec.id);
    }
  }

  private async sendUnguarded(rec: DeliveryRecord, channel: ChannelRecord): Promise<DeliveryOutcome> {
    const { store, clock, owner } = this.d;
    const log = this.d.logger.child({ delivery: rec.id, kind: rec.kind, run: rec.run, channel: channelLabel(channel), day: rec.day });
    const adapter = this.d.adapters.get(channel.platform);
    const poster = this.posters.get(rec.kind);
    if (!adapter || !poster) {
      const reason = !adapter ? `platform ${channel.platform} is not on` : `nothing posts a ${rec.kind} here`;
      await store.markFailed(rec.id, owner, reason, clock.now());
      return { kind: 'failed', delivery: rec, reason };
    }

    if (rec.state === 'recovering') {
      // The previous owner died while its request may have been on the wire: look before sending.
      const found = await this.lookUp(rec, channel, log);
      if (found === 'uncertain') return this.uncertain(rec, 'previous attempt may have posted; platform cannot confirm', log);
      if (found) return this.sent(rec, found, log, 'adopted the post made by the previous attempt');
    }

    const ready = (await this.before.get(rec.kind)?.(rec, channel)) ?? { ok: true };
    if ('wait' in ready) return this.failure(rec, channel, new DeliveryError('transient', ready.wait), log);
    if ('failed' in ready) {
      await store.markFailed(rec.id, owner, ready.failed, clock.now());
      log.error({ reason: ready.failed }, 'delivery failed: what must come first failed');
      return { kind: 'failed', delivery: rec, reason: ready.failed };
    }
    if (!(await store.markSending(rec.id, owner, clock.now()))) return { kind: 'lost', delivery: rec };
    try {
      return await this.sent(rec, await poster.post(rec, channel, adapter), log);
    } catch (err) {
      return this.failure(rec, channel, err, log);
    }
  }

  // 'uncertain' is named beside string on purpose: the look-up's third answer (not a thread id).
  // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents
  private async lookUp(rec: DeliveryRecord, channel: ChannelRecord, log: Logger): Promise<string | null | 'uncertain'> {
    const adapter = this.d.adapters.get(channel.platform);
    const poster = this.posters.get(rec.kind);
    if (!adapter || !poster?.lookUp) return 'uncertain';
    try {
      return await poster.lookUp(rec, channel, adapter);
    } catch (err) {
      log.warn({ err }, 'could not look up whether the previous attempt posted');
      return 'uncertain';
    }
  }

  private async sent(rec: DeliveryRecord, threadId: string, log: Logger, note = 'posted'): Promise<DeliveryOutcome> {
    const now = this.d.clock.now();
    if (!(await this.d.store.markSent(rec.id, this.d.owner, threadId, now, now))) {
      log.warn({ threadId }, 'posted, but the claim was taken over meanwhile; the new owner will adopt it');
      return { kind: 'lost', delivery: rec };
    }
    log.info({ threadId }, note);
    return { kind: 'sent', delivery: rec, threadId };
  }

  private async uncertain(rec: DeliveryRecord, reason: string, log: Logger): Promise<DeliveryOutcome> {
    await this.d.store.markUncertain(rec.id, this.d.owner, reason, this.d.clock.now());
    log.warn({ reason }, 'delivery uncertain: not re-sent, check the channel');
    await this.d.notifier.deliveryUncertain(rec, reason);
    return { kind: 'uncertain', delivery: rec, reason };
  }

  private async failure(rec: DeliveryRecord, channel: ChannelRecord, err: unknown, log: Logger): Promise<DeliveryOutcome> {
    const { store, clock, owner } = this.d;
    const de: DeliveryError | null = isDeliveryError(err) ? err : null;
    const reason = de ? de.reason : err instanceof Error ? err.message : String(err);
    const attempts = rec.attempts + 1;

    if (de?.kind === 'permanent') {
      await store.markFailed(rec.id, owner, reason, clock.now());
      if (de.deactivateChannel) await store.setChannelActive(channel.platform, channel.channelId, false, reason, clock.now());
      log.error({ reason }, 'delivery failed for good');
      await this.d.notifier.deliveryFailed(rec, channel, reason);
      return { kind: 'failed', delivery: rec, reason };
    }
    if (de?.kind === 'uncertain') {
      // The request may have reached the platform: re-send only when a look-up says it did not.
      await clock.sleep(2000);
      const found = await this.lookUp(rec, channel, log);
      if (found === 'uncertain') return this.uncertain(rec, `${reason}; the post may or may not have been made`, log);
      if (found) return this.sent(rec, found, log, 'adopted the post after an uncertain answer');
    }
    if (attempts >= MAX_ATTEMPTS) {
      const why = `gave up after ${attempts} attempts: ${reason}`;
      await store.markFailed(rec.id, owner, why, clock.now());
      log.error({ reason }, 'delivery failed: too many attempts');
      await this.d.notifier.deliveryFailed(rec, channel, why);
      return { kind: 'failed', delivery: rec, reason: why };
    }
    const wait = Math.max(de?.retryAfterMs ?? 0, backoffMs(attempts));
    const next = new Date(clock.now().getTime() + wait);
    await store.markRetry(rec.id, owner, reason, next, clock.now());
    log.warn({ reason, retryAt: next.toISOString() }, 'delivery will be retried');
    return { kind: 'retry', delivery: rec, reason };
  }
}
