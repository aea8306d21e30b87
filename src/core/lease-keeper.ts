import type { Clock } from './ports/clock';
import type { Logger } from './ports/logger';
import type { Ledger } from './ports/store';

export interface LeaseKeeperDeps {
  store: Ledger;
  clock: Clock;
  logger: Logger;
  owner: string;
  leaseMs: number;
}

/**
 * The heartbeat of this process's claims: while a claim is held (being sent, looked up, retried
 * in-process) its lease is pushed forward every third of the lease, so a live owner is never
 * taken over and a dead one is taken over one lease after its last beat — seconds, not minutes.
 */
export class LeaseKeeper {
  private readonly held = new Map<string, number>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private beating: Promise<void> | null = null;

  constructor(private readonly d: LeaseKeeperDeps) {}

  get intervalMs(): number {
    return Math.max(100, Math.floor(this.d.leaseMs / 3));
  }

  private stopped = false;

  /** Start renewing `id` (nested holds of one id count). */
  hold(id: string): void {
    this.held.set(id, (this.held.get(id) ?? 0) + 1);
    if (!this.timer && !this.stopped) {
      this.timer = setInterval(() => void this.beat(), this.intervalMs);
      this.timer.unref();
    }
  }

  release(id: string): void {
    const left = (this.held.get(id) ?? 1) - 1;
    if (left > 0) this.held.set(id, left);
    else this.held.delete(id);
    if (this.held.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /**
   * Shutdown: renew nothing any more. Claims given back (releaseClaim) must keep the lease end
   * they were given, or a send still hanging would push it out again and delay the takeover.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.beating; // a renewal already on its way lands before any release
  }

  /** One renewal of every held lease (the timer calls it; one at a time). */
  beat(): Promise<void> {
    this.beating ??= this.renew().finally(() => (this.beating = null));
    return this.beating;
  }

  private async renew(): Promise<void> {
    const ids = [...this.held.keys()];
    if (ids.length === 0 || this.stopped) return;
    const now = this.d.clock.now();
    try {
      const kept = new Set(await this.d.store.renewLeases(ids, this.d.owner, now, new Date(now.getTime() + this.d.leaseMs)));
      const lost = ids.filter((id) => this.held.has(id) && !kept.has(id));
      // Finished rows (sent, failed…) need no lease; a row another process took over is noted once.
      if (lost.length) this.d.logger.debug({ lost }, 'leases no longer held (finished or taken over)');
    } catch (err) {
      this.d.logger.warn({ err, held: ids.length }, 'could not renew leases; another process may take these claims over');
    }
  }
}
