import type { ChannelAudience } from '../../src/core/ports/chat-adapter';
import type { ChannelTarget } from '../../src/core/ports/platform';
import { DeliveryError } from '../../src/core/ports/delivery-error';
import type { TeamsPoster } from './post';
import { asTeamsReference } from './reference';

/** The roster is asked of the connector at most this often per channel. */
const TTL_MS = 5 * 60_000;
const MAX_CACHED = 500;

/**
 * Who may see a Teams channel's shares (ChatAdapter.channelAudience): its tenant, and the
 * channel's roster from the connector (the team's members for a standard channel, the channel's
 * own for a private one), matched on the Entra object id. Never open to a whole tenant. The
 * person's Teams id on the roster is an alias, so `admins` may name an organizer by either.
 */
export function teamsAudience(poster: () => TeamsPoster, nowMs: () => number) {
  // Each channel's roster: Entra object id → the Teams id (`29:…`) it has there.
  const cache = new Map<string, { members: Map<string, string>; until: number }>();
  return async (target: ChannelTarget, userId: string): Promise<ChannelAudience> => {
    const ref = asTeamsReference(target.reference);
    if (!ref) throw new DeliveryError('permanent', 'no_reference', { message: `no Teams reference for ${target.channelId}` });
    let k = cache.get(target.channelId);
    if (!k || k.until <= nowMs()) {
      const roster = await poster().conversationMembers(ref, target.channelId);
      k = { members: new Map(roster.flatMap((m) => (m.aadObjectId === null ? [] : [[m.aadObjectId, m.id] as const]))), until: nowMs() + TTL_MS };
      cache.set(target.channelId, k);
      if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
    }
    const teamsId = k.members.get(userId);
    return { workspaceId: target.workspaceId ?? ref.tenantId, open: false, member: teamsId !== undefined, aliases: teamsId ? [teamsId] : [] };
  };
}
