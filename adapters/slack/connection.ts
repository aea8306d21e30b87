import type { Logger } from '../../src/core/ports/logger';
import type { ConnectionState } from '../../src/core/ports/chat-adapter';
import { platformError, toDeliveryError } from './web';

/** Answers that mean "this credential is refused": no point hurrying, a person has to act. */
const REFUSALS = ['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type'];

export function isRefusal(err: unknown): string | undefined {
  const reason = platformError(err) ?? (err as { data?: { error?: string } } | undefined)?.data?.error;
  return reason && REFUSALS.includes(reason) ? reason : undefined;
}

/** Capped exponential backoff with jitter: attempt 1 → ~1 s, doubling, never above `maxMs`. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

export interface KeepTryingOptions {
  /** One attempt; throws when it did not connect. */
  attempt: () => Promise<void>;
  /** What is being tried, for the log (e.g. "auth.test"). */
  what: string;
  /** Told once, the first time the credential is refused. */
  refusedHelp: (reason: string) => string;
  log: Logger;
  baseMs?: number;
  maxMs?: number;
  /** After success (e.g. the reply catch-up). */
  onConnected?: () => Promise<void>;
}

/**
 * Keeps trying to reach Slack for as long as it fails: network errors and 5xx on the normal curve
 * (1 s doubling to 5 min, jittered), a refused credential told once clearly and retried slowly (at
 * the ceiling). `state` is what /healthz shows.
 */
export class KeepTrying {
  state: ConnectionState = 'retrying';
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private toldRefused = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(private readonly o: KeepTryingOptions) {}

  /** Tries once and resolves with the outcome; if it failed, goes on trying in the background. */
  async start(): Promise<boolean> {
    this.stopped = false;
    this.toldRefused = false;
    if (await this.tryOnce(1)) return true;
    this.loop = this.keepGoing();
    return false;
  }

  /** The background tries (and the catch-up after success) — stop() waits for them, bounded. */
  get background(): Promise<void> {
    return this.loop;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.wake?.();
  }

  private async keepGoing(): Promise<void> {
    for (let attempt = 2; !this.stopped; attempt++) {
      await this.sleep(this.delay);
      if (this.stopped) return;
      if (await this.tryOnce(attempt)) {
        await this.o.onConnected?.();
        return;
      }
    }
  }

  /** The wait before the next try, chosen when the last one failed. */
  private delay = 0;

  private async tryOnce(attempt: number): Promise<boolean> {
    try {
      await this.o.attempt();
      this.state = 'connected';
      return true;
    } catch (err) {
      if (this.stopped) return false;
      const refused = isRefusal(err);
      const max = this.o.maxMs ?? 5 * 60_000;
      this.delay = refused ? max : retryDelayMs(attempt, this.o.baseMs ?? 1000, max);
      if (refused) {
        this.state = 'refused';
        if (!this.toldRefused) this.o.log.error({ reason: refused, attempt, retryInMs: this.delay }, this.o.refusedHelp(refused));
        else this.o.log.debug({ reason: refused, attempt }, `${this.o.what} still refused; retrying slowly`);
        this.toldRefused = true;
      } else {
        this.state = 'retrying';
        this.o.log.error({ reason: toDeliveryError(err).reason, attempt, retryInMs: this.delay }, `cannot reach Slack (${this.o.what}); retrying`);
      }
      return false;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
      this.timer.unref?.();
    });
  }
}
