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
const MAX_CACHED = 10_000;

/** One channel as the platform answered for a person: its workspace and whether they may open it (null: no answer). */
interface Seen {
  label: string;
  workspaceId: string | null;
  opens: boolean;
}

/**
 * Works out a signed-in person's scope: organizers (`admins`) every channel of their workspace or
 * tenant; members the channels there that are public or that they are in, as the platform says
 * (ChatAdapter.channelAudience). Each platform answer is cached per person and channel for a few
 * minutes, while the channel list and `admins` are read at every request: a channel added or an
 * organizer named while the server runs counts at once. `admins` may name the person by any id
 * the platform knows them by (Teams: the Entra id or the `29:…` id).
 */
export class ScopeResolver {
  private readonly cache = new Map<string, { seen: Seen; aliases: string[]; until: number }>();

  constructor(
    private readonly d: { store: Pick<Store, 'listChannels'>; adapters: () => readonly ChatAdapter[]; admins: () => readonly string[]; nowMs: () => number; logger: Logger },
  ) {}

  async of(viewer: Viewer): Promise<Scope> {
    if (viewer.kind === 'operator') return { all: true };
    const s = viewer.session;
    const seen: Seen[] = [];
    const ids = new Set([s.userId]);
    for (const c of await this.d.store.listChannels()) {
      if (c.platform !== s.platform) continue;
      const answer = await this.answer(c, s);
      seen.push(answer.seen);
      for (const id of answer.aliases) ids.add(id);
    }
    const admins = this.d.admins();
    const organizer = [...ids].some((id) => admins.includes(id));
    const channels = new Set(seen.filter((c) => c.workspaceId === s.workspaceId && (organizer || c.opens)).map((c) => c.label));
    return { all: false, organizer, channels, session: s };
  }

  /** The platform's answer for this person and channel, from the cache while it is fresh. */
  private async answer(c: ChannelRecord, s: WebSession): Promise<{ seen: Seen; aliases: string[] }> {
    const label = channelLabel(c);
    const key = `${s.workspaceId}\u0000${s.userId}\u0000${label}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > this.d.nowMs()) return hit;
    const a = await this.audience(c, s);
    const fresh = { seen: { label, workspaceId: c.workspaceId ?? a?.workspaceId ?? null, opens: a !== null && (a.open || a.member) }, aliases: a?.aliases ?? [], until: this.d.nowMs() + TTL_MS };
    this.cache.set(key, fresh);
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    return fresh;
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
