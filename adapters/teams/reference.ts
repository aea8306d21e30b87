import { z } from 'zod';
import type { InboundActivity } from './validate';

/**
 * What we keep to reach a Teams channel later (ChannelTarget.reference). Plain JSON: the core
 * stores it opaquely, and nothing of botbuilder leaks into it.
 */
export interface TeamsReference {
  serviceUrl: string;
  tenantId: string | null;
  teamId: string | null;
  /** The channel (`channelData.channel.id`), or the chat's conversation id outside teams. */
  channelId: string;
  channelName?: string | null;
  teamName?: string | null;
  botId: string | null;
  botName: string | null;
  /** personal / groupChat / channel */
  conversationType?: string | null;
}

const MESSAGE_ID = ';messageid=';

/** `19:x@thread.tacv2;messageid=123` → `123`; null when the id names no thread. */
export function threadRootId(conversationId: string): string | null {
  const i = conversationId.toLowerCase().indexOf(MESSAGE_ID);
  return i < 0 ? null : conversationId.slice(i + MESSAGE_ID.length) || null;
}

/** The conversation id of the channel thread whose root message is `rootId`. */
export function threadConversationId(channelId: string, rootId: string): string {
  return `${channelId}${MESSAGE_ID}${rootId}`;
}

/** Teams' channelData (tenant, team, channel), as validate.ts typed it. */
export type TeamsChannelData = NonNullable<InboundActivity['channelData']>;

export function channelData(a: InboundActivity): TeamsChannelData {
  return a.channelData ?? {};
}

export function tenantOf(a: InboundActivity): string | null {
  return channelData(a).tenant?.id ?? a.conversation?.tenantId ?? null;
}

/** The channel an activity belongs to: the channel itself, never the thread a message started. */
export function channelOf(a: InboundActivity): string {
  const cd = channelData(a);
  if (cd.channel?.id) return cd.channel.id;
  const conv = a.conversation?.id ?? '';
  const i = conv.toLowerCase().indexOf(MESSAGE_ID);
  return i < 0 ? conv : conv.slice(0, i);
}

export function referenceFor(a: InboundActivity, channelId = channelOf(a), channelName?: string | null): TeamsReference {
  const cd = channelData(a);
  return {
    serviceUrl: a.serviceUrl ?? '',
    tenantId: tenantOf(a),
    teamId: cd.team?.id ?? null,
    channelId,
    // the activity's channel name belongs to the activity's channel only (a channelCreated event
    // also refreshes the team's other channels, which must not take the new channel's name)
    channelName: channelName ?? (cd.channel?.id === channelId ? cd.channel?.name : null) ?? null,
    teamName: cd.team?.name ?? null,
    botId: a.recipient?.id ?? null,
    botName: a.recipient?.name ?? null,
    conversationType: a.conversation?.conversationType ?? (cd.team?.id ? 'channel' : null),
  };
}

/** A stored reference as referenceFor wrote it; the optional parts of an older one read as null. */
const orNull = z.string().nullable().catch(null);
const storedReference = z.object({
  serviceUrl: z.string().min(1),
  channelId: z.string().min(1),
  tenantId: orNull,
  teamId: orNull,
  channelName: orNull,
  teamName: orNull,
  botId: orNull,
  botName: orNull,
  conversationType: orNull,
}) satisfies z.ZodType<TeamsReference>;

/** Narrow an opaque stored reference back to ours; null when it is not usable. */
export function asTeamsReference(ref: unknown): TeamsReference | null {
  const r = storedReference.safeParse(ref);
  return r.success ? r.data : null;
}
