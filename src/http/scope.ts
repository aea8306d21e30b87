import type { ChatAdapter } from '../core/ports/chat-adapter';
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

/**
 * Works out a signed-in person's scope: organizers (`admins`) every channel of their workspace or
 * tenant; members the channels there that are public or that they are in, as the platform says
 * (ChatAdapter.channelAudience). The platform's answers are cached per person for a few minutes;
 * `admins` is read at every request (the config may be edited while the server runs), and a
 * cached scope made for the other role is not used.
 */
export class ScopeResolver {
  private readonly cache = new Map<string, { scope: Scope & { all: false }; until: number }>();

  constructor(
    private readonly d: { store: Pick<Store, 'listChannels'>; adapters: () => readonly ChatAdapter[]; admins: () => readonly string[]; nowMs: () => number; logger: Logger },
  ) {}

  async of(viewer: Viewer): Promise<Scope> {
    if (viewer.kind === 'operator') return { all: true };
    const s = viewer.session;
    const key = `${s.platform}\u0000${s.workspaceId}\u0000${s.userId}`;
    const organizer = this.d.admins().includes(s.userId);
    const hit = this.cache.get(key);
    if (hit && hit.until > this.d.nowMs() && hit.scope.organizer === organizer) return hit.scope;
    const channels = new Set<string>();
    for (const c of await this.d.store.listChannels()) {
      if (c.platform === s.platform && (await this.sees(c, s, organizer))) channels.add(channelLabel(c));
    }
    const scope = { all: false as const, organizer, channels, session: s };
    this.cache.set(key, { scope, until: this.d.nowMs() + TTL_MS });
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    return scope;
  }

  private async sees(c: ChannelRecord, s: WebSession, organizer: boolean): Promise<boolean> {
    const adapter = this.d.adapters().find((a) => a.platform === c.platform);
    if (!adapter?.channelAudience) return organizer && c.workspaceId === s.workspaceId;
    try {
      const a = await adapter.channelAudience(c, s.userId);
      const workspace = c.workspaceId ?? a.workspaceId;
      return workspace === s.workspaceId && (organizer || a.open || a.member);
    } catch (err) {
      this.d.logger.info({ err, channel: channelLabel(c) }, 'could not tell who may see a channel: left out');
      return false;
    }
  }
}

/** Does the scope hold this channel? */
export function holds(scope: Scope, c: { platform: string; channelId: string }): boolean {
  return scope.all || scope.channels.has(channelLabel(c));
}
