import type { Clock, InboundPort, Logger } from '../../src/core/ports';
import { onDelete, onEdit, onReaction, onReply, promptThreadOf } from './inbound-events';
import { onConversationUpdate, onInstallationUpdate } from './membership';
import { stripBotMention } from './mention';
import type { TeamsPoster } from './post';
import { channelData, channelOf, referenceFor, tenantOf } from './reference';
import type { InboundActivity } from './validate';

export interface TurnDeps {
  inbound: InboundPort;
  logger: Logger;
  clock: Clock;
  poster: TeamsPoster;
}

export const GREETING =
  "Hello, I'm wolbot: I run Working Out Loud programmes here. Each day I post the day's theme and a small challenge, " +
  'and the replies under it become the week\'s shared work in progress. An organizer starts it in a channel with ' +
  '**@wolbot subscribe** (or **@wolbot subscribe Europe/Berlin** for another timezone); **@wolbot help** lists every command.';

/**
 * The bot's logic for one inbound activity, free of botbuilder types (CloudAdapter only
 * authenticates and hands the activity over), so it survives a move to the successor SDK.
 * Throws when the core could not store something: the endpoint then answers 500.
 */
export function createTurnHandler(d: TurnDeps): (a: InboundActivity) => Promise<void> {
  const greeted = new Set<string>();
  const log = d.logger;

  async function greet(a: InboundActivity): Promise<void> {
    const key = channelData(a).team?.id ?? a.conversation?.id ?? '';
    // Teams sends both conversationUpdate and installationUpdate for one install: greet once.
    if (!key || greeted.has(key)) return;
    greeted.add(key);
    const where = channelData(a).team?.id ?? a.conversation?.id ?? channelOf(a);
    try {
      await d.poster.sendTo(referenceFor(a), where, { type: 'message', text: GREETING });
    } catch (err) {
      log.warn({ err, conversationId: where }, 'could not greet the new team');
    }
  }

  async function onMessage(a: InboundActivity): Promise<void> {
    if (a.from?.id && a.from.id === a.recipient?.id) return; // our own echo
    const { text, mentioned } = stripBotMention(a.text ?? '', a.entities, a.recipient?.id);
    const thread = await promptThreadOf(a, d.inbound);
    if (thread) return onReply(a, thread, text, d);
    const convType = (a.conversation as { conversationType?: string } | undefined)?.conversationType;
    if (mentioned || convType === 'personal') return onCommand(a, text.trim());
  }

  async function onCommand(a: InboundActivity, text: string): Promise<void> {
    const channelId = channelOf(a);
    const conv = a.conversation?.id ?? channelId;
    const ref = referenceFor(a, channelId);
    const say = async (t: string) => {
      await d.poster.sendTo(ref, conv, { type: 'message', text: t });
    };
    const answer = await d.inbound.command(
      {
        platform: 'teams',
        channelId,
        userId: a.from?.id ?? 'unknown',
        altUserIds: a.from?.aadObjectId ? [a.from.aadObjectId] : [],
        text,
        target: { platform: 'teams', channelId, workspaceId: tenantOf(a), reference: ref },
        channelName: ref.channelName ?? undefined,
      },
      say,
    );
    // The command has taken effect: a failed answer is logged, not turned into a redelivery
    // (which would run the command again).
    await say(answer.text).catch((err) => log.warn({ err, channelId }, 'could not answer a command'));
    answer.done.catch((err) => log.error({ err, channelId }, 'command background work failed'));
  }

  return async (a) => {
    switch (a.type) {
      case 'message':
        return onMessage(a);
      case 'messageUpdate':
        return onEdit(a, d);
      case 'messageDelete':
        return onDelete(a, d);
      case 'messageReaction':
        return onReaction(a, d);
      case 'conversationUpdate':
        return onConversationUpdate(a, { inbound: d.inbound, logger: log, greet });
      case 'installationUpdate':
        return onInstallationUpdate(a, { inbound: d.inbound, logger: log, greet });
      default:
        log.debug({ type: a.type }, 'activity ignored');
    }
  };
}
