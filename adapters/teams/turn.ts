import type { Clock, CommandRequest, InboundPort, Logger } from '../../src/core/ports';
import { onDelete, onEdit, onReaction, onReply, promptThreadOf } from './inbound-events';
import { knownName, onConversationUpdate, onInstallationUpdate, type MembershipDeps } from './membership';
import { stripBotMention } from './mention';
import type { TeamsPoster } from './post';
import { channelData, channelOf, referenceFor, tenantOf, type TeamsReference } from './reference';
import type { InboundActivity } from './validate';
import { teamsPlatform } from './platform';

export interface TurnDeps {
  inbound: InboundPort;
  logger: Logger;
  clock: Clock;
  poster: TeamsPoster;
}

/**
 * The bot's logic for one inbound activity, free of botbuilder types (CloudAdapter only
 * authenticates and hands the activity over), so it survives a move to the successor SDK.
 * Throws when the core could not store something: the endpoint then answers 500.
 */
export function createTurnHandler(d: TurnDeps): (a: InboundActivity) => Promise<void> {
  const membership: MembershipDeps = {
    inbound: d.inbound,
    logger: d.logger,
    greet: (a) => greet(a, d),
    teamChannels: (ref, teamId) => d.poster.teamChannels(ref, teamId),
    knownChannels: new Map(),
    serialize: keyedQueue(),
  };
  return async (a) => {
    switch (a.type) {
      case 'message':
        return onMessage(a, d, membership);
      case 'messageUpdate':
        return onEdit(a, d);
      case 'messageDelete':
        return onDelete(a, d);
      case 'messageReaction':
        return onReaction(a, d);
      case 'conversationUpdate':
        return onConversationUpdate(a, membership);
      case 'installationUpdate':
        return onInstallationUpdate(a, membership);
      default:
        d.logger.debug({ type: a.type }, 'activity ignored');
    }
  };
}

/** Whether to greet is decided by membership.ts (only when the core did not know the team). */
async function greet(a: InboundActivity, d: TurnDeps): Promise<void> {
  const where = channelData(a).team?.id ?? a.conversation?.id ?? channelOf(a);
  try {
    await d.poster.sendTo(referenceFor(a), where, { type: 'message', text: d.inbound.phrase('chat.greeting') });
  } catch (err) {
    d.logger.warn({ err, conversationId: where }, 'could not greet the new team');
  }
}

/** A reply in a prompt's thread, or a command: said to the bot by @mention, or anything in a personal chat. */
async function onMessage(a: InboundActivity, d: TurnDeps, membership: MembershipDeps): Promise<void> {
  if (a.from?.id && a.from.id === a.recipient?.id) return; // our own echo
  const { text, mentioned } = stripBotMention(a.text ?? '', a.entities, a.recipient?.id);
  const thread = await promptThreadOf(a, d.inbound);
  if (thread) return onReply(a, thread, text, d);
  const convType = a.conversation?.conversationType;
  if (mentioned || convType === 'personal') return onCommand(a, text.trim(), d, membership);
}

async function onCommand(a: InboundActivity, text: string, d: TurnDeps, membership: MembershipDeps): Promise<void> {
  const channelId = channelOf(a);
  const conv = a.conversation?.id ?? channelId;
  const ref = referenceFor(a, channelId, knownName(membership.knownChannels, channelData(a).team?.id, channelId));
  const say = async (t: string) => {
    await d.poster.sendTo(ref, conv, { type: 'message', text: t });
  };
  const answer = await d.inbound.command(commandRequest(a, text, channelId, ref), say);
  // The command has taken effect: a failed answer is logged, not turned into a redelivery
  // (which would run the command again).
  await say(answer.text).catch((err: unknown) => d.logger.warn({ err, channelId }, 'could not answer a command'));
  answer.done.catch((err: unknown) => d.logger.error({ err, channelId }, 'command background work failed'));
}

/** What the core needs to run a command said here, and to reach this channel later. */
function commandRequest(a: InboundActivity, text: string, channelId: string, ref: TeamsReference): CommandRequest {
  return {
    platform: 'teams',
    prefix: teamsPlatform.commandPrefix,
    // A personal or group chat cannot hold prompt threads: the core declines channel-only words there.
    inChannel: isTeamChannel(a),
    channelId,
    userId: a.from?.id ?? 'unknown',
    altUserIds: a.from?.aadObjectId ? [a.from.aadObjectId] : [],
    text,
    target: { platform: 'teams', channelId, workspaceId: tenantOf(a), groupId: channelData(a).team?.id ?? null, reference: ref },
    channelName: ref.channelName ?? undefined,
  };
}

/** A team channel (or a thread in one), as opposed to a personal or group chat. */
function isTeamChannel(a: InboundActivity): boolean {
  const convType = a.conversation?.conversationType;
  return convType === 'channel' || !!channelData(a).channel?.id;
}

/** Runs tasks with the same key one after another (in this process). */
function keyedQueue(): <T>(key: string, f: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, f: () => Promise<T>): Promise<T> => {
    const prev = tails.get(key) ?? Promise.resolve();
    const run = prev.then(f, f);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
