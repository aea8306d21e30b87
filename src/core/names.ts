import type { AdapterRegistry } from './adapter-registry';
import { channelLabel, targetOf } from './channels';
import type { Clock } from './ports/clock';
import type { ReplyEvent } from './ports/inbound';
import type { Logger } from './ports/logger';
import type { Platform } from './ports/platform';
import type { Channels, People } from './ports/store';

/** A name is asked of the platform again at most this often. */
export const NAME_REFRESH_MS = 24 * 3600_000;
/** After a failed look-up, leave the platform alone this long. */
const RETRY_AFTER_FAILURE_MS = 10 * 60_000;
/** Longest a display name is kept (Slack allows 80, Teams about 256). */
const NAME_MAX = 120;
/** Most names remembered in memory; past it the memory starts over (the store still has them all). */
const CHECKED_MAX = 50_000;

/**
 * People's display names, kept in the store so digests, wrap-ups and exports say "Ana", not "U04…".
 * Names the platform sends with the event (Teams `from.name`, the sandbox) are saved as they come;
 * the others (Slack) are looked up after the reply is stored — never on the acknowledging path.
 */
export class PeopleNames {
  private readonly tried = new Map<string, number>();
  /** Names known fresh in the store (name, when saved), so a reply need not read the store (~2% of ingest). */
  private readonly checked = new Map<string, { name: string; at: number }>();

  constructor(private readonly d: { store: Channels & People; adapters: AdapterRegistry; clock: Clock; logger: Logger }) {}

  /** After a reply was stored: keep the name it carried, or look it up when missing or a day old. */
  async afterReply(e: ReplyEvent): Promise<void> {
    const now = this.d.clock.now();
    const key = `${e.platform}:${e.user}`;
    const given = clean(e.userName);
    const mem = this.checked.get(key);
    if (mem && now.getTime() - mem.at < NAME_REFRESH_MS && (!given || given === mem.name)) return;
    const stored = (await this.d.store.getNames(e.platform, [e.user])).get(e.user);
    if (given) {
      if (stored?.name !== given || now.getTime() - stored.updatedAt.getTime() >= NAME_REFRESH_MS) {
        await this.d.store.saveName(e.platform, e.user, given, now);
        this.remember(key, given, now.getTime());
      } else this.remember(key, stored.name, stored.updatedAt.getTime());
      return;
    }
    if (stored && now.getTime() - stored.updatedAt.getTime() < NAME_REFRESH_MS) {
      this.remember(key, stored.name, stored.updatedAt.getTime());
      return;
    }
    await this.lookUp(e.platform, e.channelId, [e.user]);
  }

  /** Drop what is remembered (after `forget me` or pruning removed names from the store). */
  forgetMemory(): void {
    this.checked.clear();
  }

  private remember(key: string, name: string, at: number): void {
    if (this.checked.size >= CHECKED_MAX && !this.checked.has(key)) this.checked.clear();
    this.checked.set(key, { name, at });
  }

  /** Names of these people (by user id), asking the platform first for any the store lacks. */
  async resolve(platform: Platform, channelId: string, userIds: string[]): Promise<Map<string, string>> {
    const ids = [...new Set(userIds)];
    let known = await this.d.store.getNames(platform, ids);
    const missing = ids.filter((u) => !known.has(u));
    if (missing.length > 0 && (await this.lookUp(platform, channelId, missing)) > 0) known = await this.d.store.getNames(platform, ids);
    return new Map([...known].map(([u, n]) => [u, n.name]));
  }

  /** Ask the platform for each name; returns how many were saved. Failures are logged, never thrown. */
  private async lookUp(platform: Platform, channelId: string, userIds: string[]): Promise<number> {
    const adapter = this.d.adapters.get(platform);
    if (!adapter?.lookUpName) return 0;
    const channel = await this.d.store.getChannel(platform, channelId);
    if (!channel) return 0;
    let saved = 0;
    for (const user of userIds) {
      const key = `${platform}:${user}`;
      const now = this.d.clock.now();
      if (now.getTime() - (this.tried.get(key) ?? -Infinity) < RETRY_AFTER_FAILURE_MS) continue;
      this.tried.set(key, now.getTime());
      try {
        const name = clean(await adapter.lookUpName(targetOf(channel), user));
        if (!name) continue;
        const at = this.d.clock.now();
        await this.d.store.saveName(platform, user, name, at);
        this.remember(key, name, at.getTime());
        this.tried.delete(key);
        saved++;
      } catch (err) {
        this.d.logger.warn({ err, channel: channelLabel(channel) }, 'could not look up a display name');
      }
    }
    return saved;
  }
}

function clean(name: string | null | undefined): string | null {
  const s = name?.replace(/\p{Cc}+/gu, ' ').trim();
  return s ? s.slice(0, NAME_MAX) : null;
}
