import { localDateOf, localInstant } from '../calendar';
import type { Logger } from '../ports/logger';
import type { Store } from '../ports/store';
import { currentRun } from '../runs';
import type { ProgrammeSettings, WolSettings } from '../settings';
import type { Introductions } from './introductions';

const HOUR = 3600_000;
/** Without a digest time, the day's round follows the day's post by this much (as the wrap-up does). */
const AFTER_POST_MS = 8 * HOUR;

/**
 * `connections: true`: a round of introductions once a day, after the digest, on each day of the
 * run that has a prompt posted. Once a day across restarts and replicas: the first process to set
 * the day's meta key runs it (and each pair is claimed on its own besides).
 */
export class AutoIntroductions {
  constructor(private readonly d: { settings: WolSettings; store: Store; introductions: Introductions; owner: string; logger: Logger }) {}

  async runDue(now: Date): Promise<number> {
    let made = 0;
    for (const p of this.d.settings.programmes) {
      if (p.connections) made += await this.runDueOf(p, now);
    }
    return made;
  }

  private async runDueOf(p: ProgrammeSettings, now: Date): Promise<number> {
    const run = currentRun(p);
    const today = localDateOf(now, p.timezone);
    const posted = await this.d.store.listDeliveries({ run, kinds: ['prompt'], states: ['sent'] });
    if (!posted.some((r) => localDateOf(r.scheduledAt, p.timezone) === today)) return 0;
    const at = p.digest ? localInstant(today, p.digest, p.timezone) : new Date(localInstant(today, p.time, p.timezone).getTime() + AFTER_POST_MS);
    if (now < at) return 0;
    const key = `introductions:${run}:${today}`;
    if ((await this.d.store.setMetaIfAbsent(key, this.d.owner)) !== this.d.owner) return 0;
    const r = await this.d.introductions.round(p);
    this.d.logger.info({ run, made: r.made, failed: r.failed }, 'daily introductions');
    return r.made;
  }
}
