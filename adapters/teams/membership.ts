import type { InboundPort, Logger } from '../../src/core/ports';
import { channelData, channelOf, referenceFor, tenantOf } from './reference';
import type { InboundActivity } from './validate';

/**
 * Install, channel and removal events. The reference saved here (serviceUrl, tenant, team,
 * channel, bot) is what later proactive posts use; the channel is always `channelData.channel.id`.
 */
export interface MembershipDeps {
  inbound: InboundPort;
  logger: Logger;
  /** Greets a newly joined team or chat once; failures are logged, not retried. */
  greet(a: InboundActivity): Promise<void>;
}

function botIn(members: { id: string }[] | undefined, a: InboundActivity): boolean {
  const bot = a.recipient?.id;
  return !!bot && !!members?.some((m) => m.id === bot);
}

async function remember(a: InboundActivity, d: MembershipDeps, channelId = channelOf(a), name?: string | null): Promise<void> {
  await d.inbound.rememberReference({
    platform: 'teams',
    channelId,
    workspaceId: tenantOf(a),
    reference: referenceFor(a, channelId, name),
  });
}

async function installed(a: InboundActivity, d: MembershipDeps): Promise<void> {
  await remember(a, d);
  await d.greet(a);
}

async function removed(a: InboundActivity, d: MembershipDeps, reason: string): Promise<void> {
  // Teams says which team, not which of its channels we post in: the team's General channel
  // (same id as the team) is deactivated now; other channels of the team fail with 403 on their
  // next post, which deactivates them too.
  const cd = channelData(a);
  const channelId = cd.team?.id ?? channelOf(a);
  await d.inbound.channelLifecycle({ platform: 'teams', channelId, kind: 'deactivated', reason, workspaceId: tenantOf(a) ?? undefined });
}

export async function onConversationUpdate(a: InboundActivity, d: MembershipDeps): Promise<void> {
  const cd = channelData(a);
  switch (cd.eventType) {
    case 'channelCreated':
    case 'channelRenamed':
    case 'channelRestored':
      // Teams channel ids survive a rename: just refresh the saved reference (and its name).
      if (cd.channel?.id) await remember(a, d, cd.channel.id, cd.channel.name ?? null);
      return;
    case 'channelDeleted':
      if (cd.channel?.id) {
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
  const action = String((a as { action?: string }).action ?? '');
  if (action.startsWith('add')) return installed(a, d);
  if (action.startsWith('remove')) return removed(a, d, 'app_uninstalled');
  d.logger.debug({ action }, 'installationUpdate ignored');
}
