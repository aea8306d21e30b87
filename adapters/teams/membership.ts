import type { InboundPort, Logger } from '../../src/core/ports';
import { channelData, channelOf, referenceFor, tenantOf, type TeamsReference } from './reference';
import type { InboundActivity } from './validate';

/**
 * Install, channel and removal events. The reference saved here (serviceUrl, tenant, team,
 * channel, bot) is what later proactive posts use; the channel is always `channelData.channel.id`.
 */
export interface MembershipDeps {
  inbound: InboundPort;
  logger: Logger;
  /** Greets a newly joined team or chat; failures are logged, not retried. */
  greet(a: InboundActivity): Promise<void>;
  /** The team's channels from the connector (`GET /v3/teams/{id}/conversations`); throws on failure. */
  teamChannels(ref: TeamsReference, teamId: string): Promise<{ id: string; name: string | null }[]>;
  /**
   * Channels (id → name) seen per team in this process: a fallback when the list cannot be fetched
   * at removal, and the channel's name for commands (Teams messages do not carry it).
   */
  knownChannels: Map<string, Map<string, string | null>>;
  /** Runs install handling for one team/chat at a time (Teams sends two events for one install). */
  serialize<T>(key: string, f: () => Promise<T>): Promise<T>;
}

function botIn(members: { id: string }[] | undefined, a: InboundActivity): boolean {
  const bot = a.recipient?.id;
  return !!bot && !!members?.some((m) => m.id === bot);
}

/** Saves how to reach a channel; true when the core did not know the channel before. */
async function remember(a: InboundActivity, d: MembershipDeps, channelId = channelOf(a), name?: string | null): Promise<boolean> {
  const teamId = channelData(a).team?.id;
  const team = teamId ? known(d, teamId) : null;
  const reference = referenceFor(a, channelId, name ?? team?.get(channelId));
  team?.set(channelId, reference.channelName ?? null);
  return d.inbound.rememberReference({ platform: 'teams', channelId, workspaceId: tenantOf(a), groupId: teamId ?? null, reference });
}

function known(d: MembershipDeps, teamId: string): Map<string, string | null> {
  let m = d.knownChannels.get(teamId);
  if (!m) d.knownChannels.set(teamId, (m = new Map([[teamId, null]])));
  return m;
}

/** The channel's name as last seen in this process (Teams messages do not carry it). */
export function knownName(knownChannels: MembershipDeps['knownChannels'], teamId: string | null | undefined, channelId: string): string | null {
  return (teamId && knownChannels.get(teamId)?.get(channelId)) || null;
}

/**
 * Saves a reference for every channel of the team, so channels named in the config (and channels
 * nobody has said `subscribe` in yet) can be posted to. Best effort: a failed list is logged.
 */
async function learnTeamChannels(a: InboundActivity, d: MembershipDeps): Promise<void> {
  const teamId = channelData(a).team?.id;
  if (!teamId) return;
  let channels;
  try {
    channels = await d.teamChannels(referenceFor(a), teamId);
  } catch (err) {
    d.logger.warn({ err, teamId }, "could not list the team's channels: configured channels there get a reference when the bot hears from them");
    return;
  }
  for (const ch of channels) await remember(a, d, ch.id, ch.name);
  d.logger.info({ teamId, channels: channels.length }, "kept references to the team's channels");
}

async function installed(a: InboundActivity, d: MembershipDeps): Promise<void> {
  const key = channelData(a).team?.id ?? a.conversation?.id ?? channelOf(a);
  await d.serialize(key, async () => {
    // Greet only when the core did not know this team (or chat) yet: a restart or the second
    // install event of the pair does not greet again.
    const isNew = await remember(a, d);
    await learnTeamChannels(a, d);
    if (isNew) await d.greet(a);
  });
}

/**
 * The bot left the team (or the team was deleted or archived): every channel of the team is
 * deactivated. The store knows each channel's team (group id) from install and subscribe, so this
 * holds after a restart too; the team's channel list (if the connector still answers, which Teams
 * may refuse once the bot is gone) and the channels seen by this process cover channels stored
 * before their team was known.
 */
async function removed(a: InboundActivity, d: MembershipDeps, reason: string): Promise<void> {
  const teamId = channelData(a).team?.id;
  const workspaceId = tenantOf(a) ?? undefined;
  const ids = new Set<string>(teamId ? known(d, teamId).keys() : [channelOf(a)]);
  if (teamId) {
    try {
      for (const ch of await d.teamChannels(referenceFor(a), teamId)) ids.add(ch.id);
    } catch (err) {
      d.logger.info({ err, teamId }, "could not list the removed team's channels: deactivating the ones known");
    }
    d.knownChannels.delete(teamId);
  }
  if (teamId) await d.inbound.channelLifecycle({ platform: 'teams', channelId: teamId, kind: 'group_gone', groupId: teamId, reason, workspaceId });
  for (const channelId of ids) {
    await d.inbound.channelLifecycle({ platform: 'teams', channelId, kind: 'deactivated', reason, workspaceId });
  }
}

export async function onConversationUpdate(a: InboundActivity, d: MembershipDeps): Promise<void> {
  const cd = channelData(a);
  switch (cd.eventType) {
    case 'channelCreated':
      if (cd.channel?.id) await remember(a, d, cd.channel.id, cd.channel.name ?? null);
      // refresh the whole list too: channels created while we were down, configured ones
      await learnTeamChannels(a, d);
      return;
    case 'channelRenamed':
    case 'channelRestored':
      // Teams channel ids survive a rename: just refresh the saved reference (and its name).
      if (cd.channel?.id) await remember(a, d, cd.channel.id, cd.channel.name ?? null);
      return;
    case 'channelDeleted':
      if (cd.channel?.id) {
        if (cd.team?.id) d.knownChannels.get(cd.team.id)?.delete(cd.channel.id);
        await d.inbound.channelLifecycle({ platform: 'teams', channelId: cd.channel.id, kind: 'deactivated', reason: 'channel_deleted', workspaceId: tenantOf(a) ?? undefined });
      }
      return;
    case 'teamDeleted':
    case 'teamHardDeleted':
      return removed(a, d, 'team_deleted');
    case 'teamArchived':
      return removed(a, d, 'team_archived');
    default:
      break;
  }
  // teamMemberAdded (or a chat's conversationUpdate without eventType)
  if (botIn(a.membersAdded, a)) return installed(a, d);
  if (botIn(a.membersRemoved, a)) return removed(a, d, 'bot_removed');
}

export async function onInstallationUpdate(a: InboundActivity, d: MembershipDeps): Promise<void> {
  const action = a.action ?? '';
  if (action.startsWith('add')) return installed(a, d);
  if (action.startsWith('remove')) return removed(a, d, 'app_uninstalled');
  d.logger.debug({ action }, 'installationUpdate ignored');
}
