import { randomUUID } from 'node:crypto';
import type { AdapterRegistry } from './adapter-registry';
import { backoffMs, MAX_ATTEMPTS } from './backoff';
import { channelLabel, targetOf } from './channels';
import type { Clock } from './ports/clock';
import { isDeliveryError, type DeliveryError } from './ports/delivery-error';
import type { Logger } from './ports/logger';
import type { ChannelRecord, DeliveryRecord, Store } from './ports/store';
import type { Programme } from './programme';
import { promptForDay } from './programme';
import { promptMessage } from './prompt-message';
import type { FailureNotifier } from './failure-notifier';
import type { LeaseKeeper } from './lease-keeper';

export type DeliveryOutcome =
  | { kind: 'sent'; delivery: DeliveryRecord; threadId: string }
  | { kind: 'already'; delivery: DeliveryRecord }
  | { kind: 'retry'; delivery: DeliveryRecord; reason: string }
  | { kind: 'failed'; delivery: DeliveryRecord; reason: string }
  | { kind: 'uncertain'; delivery: DeliveryRecord; reason: string }
  | { kind: 'lost'; delivery: DeliveryRecord };

export interface DelivererDeps {
  store: Store;
  adapters: AdapterRegistry;
  programme: Programme;
  clock: Clock;
  logger: Logger;
  /** This process's id in the ledger. */
  owner: string;
  leaseMs: number;
  notifier: FailureNotifier;
  /** Renews the lease of every claim while it is being worked on. */
  leases: LeaseKeeper;
}

/**
 * Sends one ledger entry. The ledger decides: a key is claimed once (unique key), a send that may
 * have reached the platform is looked up before any re-send, and transient failures are retried
 * later with backoff by whoever reclaims them.
 */
export class Deliverer {
  private readonly inFlight = new Set<string>();

  constructor(private readonly d: DelivererDeps) {}

  /** Claim (programme, day, channel, round) and send it; `already` when another claim exists. */
  async claimAndSend(channel: ChannelRecord, day: number, scheduledAt: Date, opts: { trigger: 'schedule' | 'manual'; round: number }): Promise<DeliveryOutcome> {
    const now = this.d.clock.now();
    const key = { programme: this.d.programme.id, day, platform: channel.platform, channelId: channel.channelId, round: opts.round };
    const claimed = await this.d.store.claimDelivery({
      ...key,
      id: randomUUID(),
      state: 'claimed',
      trigger: opts.trigger,
      scheduledAt,
      owner: this.d.owner,
      leaseUntil: new Date(now.getTime() + this.d.leaseMs),
      now,
    });
    if (!claimed) {
      const [existing] = await this.d.store.listDeliveries({ ...key });
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
    const log = this.d.logger.child({ delivery: rec.id, channel: channelLabel(channel), day: rec.day });
    const adapter = this.d.adapters.get(channel.platform);
    const prompt = promptForDay(this.d.programme, rec.day);
    if (!adapter || !prompt) {
      const reason = !adapter ? `platform ${channel.platform} is not on` : `programme has no day ${rec.day}`;
      await store.markFailed(rec.id, owner, reason, clock.now());
      return { kind: 'failed', delivery: rec, reason };
    }
    const target = targetOf(channel);

    if (rec.state === 'recovering') {
      // The previous owner died while its request may have been on the wire: look before sending.
      const found = await this.lookUp(rec, channel, log);
      if (found === 'uncertain') return this.uncertain(rec, 'previous attempt may have posted; platform cannot confirm', log);
      if (found) return this.sent(rec, found, log, 'adopted the post made by the previous attempt');
    }

    if (!(await store.markSending(rec.id, owner, clock.now()))) return { kind: 'lost', delivery: rec };
    try {
      const ref = await adapter.postPrompt(target, promptMessage(this.d.programme, prompt, rec.id));
      return await this.sent(rec, ref.id, log);
    } catch (err) {
      return this.failure(rec, channel, err, log);
    }
  }

  private async lookUp(rec: DeliveryRecord, channel: ChannelRecord, log: Logger): Promise<string | null | 'uncertain'> {
    const adapter = this.d.adapters.get(channel.platform);
    if (!adapter?.findPostedPrompt) return 'uncertain';
    try {
      const ref = await adapter.findPostedPrompt(targetOf(channel), rec.id, rec.lastAttemptAt ?? rec.updatedAt);
      return ref ? ref.id : null;
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
