import type { ChannelAudience, ChatAdapter } from '../core/ports/chat-adapter';
import type { Logger } from '../core/ports/logger';
import type { ChannelRecord, Store } from '../core/ports/store';
import { channelLabel } from '../core/channels';
import type { WebSession } from './signin/web-sessions';
import type { Viewer } from './viewer';

/** What a viewer may see: everything, or the channels (`platform:id`) of their workspace they may open. */
export type Scope = { all: true } | { all: false; organizer: boolean; channels: Set<string>; session: WebSession };

/** Membership is asked of the platform at most this often per person (the page asks several routes at once). */
const TTL_MS = 5 * 60_000;
const MAX_CACHED = 1000;

/** One channel as the platform answered for a person: its workspace and whether they may open it (null: no answer). */
interface Seen {
  label: string;
  workspaceId: string | null;
  opens: boolean;
}

/**
 * Works out a signed-in person's scope: organizers (`admins`) every channel of their workspace or
 * tenant; members the channels there that are public or that they are in, as the platform says
 * (ChatAdapter.channelAudience). The platform's answers are cached per person for a few minutes;
 * `admins` is read at every request (the config may be edited while the server runs) and may name
 * the person by any id the platform knows them by (Teams: the Entra id or the `29:…` id).
 */
export class ScopeResolver {
  private readonly cache = new Map<string, { seen: Seen[]; ids: Set<string>; until: number }>();

  constructor(
    private readonly d: { store: Pick<Store, 'listChannels'>; adapters: () => readonly ChatAdapter[]; admins: () => readonly string[]; nowMs: () => number; logger: Logger },
  ) {}

  async of(viewer: Viewer): Promise<Scope> {
    if (viewer.kind === 'operator') return { all: true };
    const s = viewer.session;
    const key = `${s.platform}\u0000${s.workspaceId}\u0000${s.userId}`;
    let hit = this.cache.get(key);
    if (!hit || hit.until <= this.d.nowMs()) {
      hit = await this.ask(s);
      this.cache.set(key, hit);
      if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    }
    const admins = this.d.admins();
    const organizer = [...hit.ids].some((id) => admins.includes(id));
    const channels = new Set(hit.seen.filter((c) => c.workspaceId === s.workspaceId && (organizer || c.opens)).map((c) => c.label));
    return { all: false, organizer, channels, session: s };
  }

  /** Each of the person's platform's channels as the platform answers for them, and every id it knows them by. */
  private async ask(s: WebSession): Promise<{ seen: Seen[]; ids: Set<string>; until: number }> {
    const seen: Seen[] = [];
    const ids = new Set([s.userId]);
    for (const c of await this.d.store.listChannels()) {
      if (c.platform !== s.platform) continue;
      const a = await this.audience(c, s);
      for (const id of a?.aliases ?? []) ids.add(id);
      seen.push({ label: channelLabel(c), workspaceId: c.workspaceId ?? a?.workspaceId ?? null, opens: a !== null && (a.open || a.member) });
    }
    return { seen, ids, until: this.d.nowMs() + TTL_MS };
  }

  private async audience(c: ChannelRecord, s: WebSession): Promise<ChannelAudience | null> {
    const adapter = this.d.adapters().find((a) => a.platform === c.platform);
    if (!adapter?.channelAudience) return null;
    try {
      return await adapter.channelAudience(c, s.userId);
    } catch (err) {
      this.d.logger.info({ err, channel: channelLabel(c) }, 'could not tell who may see a channel: left out');
      return null;
    }
  }
}

/** Does the scope hold this channel? */
export function holds(scope: Scope, c: { platform: string; channelId: string }): boolean {
  return scope.all || scope.channels.has(channelLabel(c));
}
