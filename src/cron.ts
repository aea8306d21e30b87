import cron from 'node-cron';
import type { Logger } from './core/ports/logger';

/**
 * The scheduler's heartbeat: every minute (noOverlap, so a slow fan-out is never doubled) and
 * once at start. node-cron's own logging goes through our logger; its timer never holds the
 * process open. Replica safety comes from the ledger, not from node-cron's `distributed`.
 */
export function startCron(tick: () => Promise<unknown>, logger: Logger, sweep?: { run: () => Promise<unknown>; everyMs: number }): { stop(): Promise<void> } {
  const log = logger.child({ component: 'cron' });
  const task = cron.schedule(
    '* * * * *',
    async () => {
      try {
        await tick();
      } catch (err) {
        log.error({ err }, 'scheduler tick failed');
      }
    },
    {
      name: 'wolbot-tick',
      noOverlap: true,
      unref: true,
      logger: {
        info: (m) => log.debug(m),
        warn: (m) => log.warn(m),
        error: (m, err) => log.error({ err: err ?? m }, 'node-cron error'),
        debug: (m) => log.debug({ msg: String(m) }),
      },
    },
  );
  void task.execute().catch((err: unknown) => log.error({ err }, 'first tick failed'));
  // Between ticks, a short sweep takes over claims whose owner stopped renewing its lease.
  let sweeping = false;
  const sweeper = sweep
    ? setInterval(() => {
        if (sweeping) return;
        sweeping = true;
        void sweep.run().catch((err: unknown) => log.error({ err }, 'reclaim sweep failed')).finally(() => (sweeping = false));
      }, sweep.everyMs)
    : null;
  sweeper?.unref();
  return {
    stop: async () => {
      if (sweeper) clearInterval(sweeper);
      await task.destroy();
    },
  };
}
