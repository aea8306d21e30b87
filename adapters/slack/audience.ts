import type { ChannelAudience } from '../../src/core/ports/chat-adapter';
import type { ChannelTarget } from '../../src/core/ports/platform';
import type { WorkspaceOf } from './workspaces';

/** Slack is asked about a channel's members at most this often (the page asks for several people). */
const TTL_MS = 5 * 60_000;
const MAX_CACHED = 500;

interface Known {
  workspaceId: string | null;
  open: boolean;
  members: Set<string> | null;
  until: number;
}

/**
 * Who may see a channel's shares (ChatAdapter.channelAudience): `conversations.info` says whether
 * it is private and which workspace holds it; a private channel's `conversations.members` (every
 * page) says who is in it. Both cached a few minutes per channel.
 */
export function channelAudience(workspace: WorkspaceOf, nowMs: () => number = Date.now) {
  const cache = new Map<string, Known>();
  const learn = async (target: ChannelTarget): Promise<Known> => {
    const { client, key } = await workspace(target);
    const info = await client.conversations.info({ channel: target.channelId });
    const c = (info.channel ?? {}) as { is_private?: boolean; context_team_id?: string };
    const workspaceId = target.workspaceId ?? c.context_team_id ?? (key === 'default' ? null : key);
    if (!c.is_private) return { workspaceId, open: true, members: null, until: nowMs() + TTL_MS };
    const members = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await client.conversations.members({ channel: target.channelId, limit: 1000, ...(cursor ? { cursor } : {}) });
      for (const m of page.members ?? []) members.add(m);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return { workspaceId, open: false, members, until: nowMs() + TTL_MS };
  };
  return async (target: ChannelTarget, userId: string): Promise<ChannelAudience> => {
    let k = cache.get(target.channelId);
    if (!k || k.until <= nowMs()) {
      k = await learn(target);
      cache.set(target.channelId, k);
      if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
    }
    return { workspaceId: k.workspaceId, open: k.open, member: k.members?.has(userId) ?? false };
  };
}
