import { createHash } from 'node:crypto';
import type { Clock, InboundPort, Logger } from '../../src/core/ports';
import { stripBotMention } from './mention';
import { teamsPlainText } from './plain-text';
import { channelData, channelOf, threadConversationId, threadRootId } from './reference';
import type { InboundActivity } from './validate';

/**
 * Replies, edits, deletions and reactions in our prompt threads → the core. Every call is awaited:
 * a rejection (store failure) propagates so the endpoint answers 500 and Teams redelivers.
 * Dedupe keys are `activity.id + ':' + kind`, because edits and deletes reuse the message's id.
 */
export interface EventDeps {
  inbound: InboundPort;
  logger: Logger;
  clock: Clock;
}

export function userOf(a: InboundActivity): string {
  return a.from?.aadObjectId ?? a.from?.id ?? 'unknown';
}

export function timeOf(a: InboundActivity, clock: Clock): Date {
  const t = a.timestamp ? new Date(a.timestamp) : null;
  return t && !Number.isNaN(t.getTime()) ? t : clock.now();
}

/** Files people attached (Teams repeats the message body as a text/html attachment: skip it). */
export function filesOf(a: InboundActivity): string[] {
  const out: string[] = [];
  for (const att of a.attachments ?? []) {
    if (att.contentType === 'text/html' || att.contentType?.startsWith('application/vnd.microsoft.card')) continue;
    const f = att.contentUrl ?? downloadUrlOf(att.content) ?? att.name;
    if (f) out.push(f);
  }
  return out;
}

/** A file attachment's `content.downloadUrl` (Teams file download info); content may be anything. */
function downloadUrlOf(content: unknown): string | undefined {
  if (typeof content !== 'object' || content === null || !('downloadUrl' in content)) return undefined;
  return typeof content.downloadUrl === 'string' ? content.downloadUrl : undefined;
}

/** A message activity's id: validate.ts requires one on every message type, so none reaches here without. */
function messageIdOf(a: InboundActivity): string {
  if (!a.id) throw new Error(`a ${a.type} activity without an id got past validation`);
  return a.id;
}

/** Is this message in one of our prompt threads? Returns the thread id when it is. */
export async function promptThreadOf(a: InboundActivity, inbound: InboundPort): Promise<string | null> {
  const conv = a.conversation?.id ?? '';
  if (!threadRootId(conv)) return null;
  return (await inbound.isPromptThread('teams', channelOf(a), conv)) ? conv : null;
}

export async function onReply(a: InboundActivity, threadId: string, text: string, d: EventDeps): Promise<void> {
  const outcome = await d.inbound.reply({
    eventKey: `${a.id}:reply`,
    platform: 'teams',
    channelId: channelOf(a),
    threadId,
    messageId: messageIdOf(a),
    user: userOf(a),
    userName: a.from?.name,
    text,
    ...teamsPlainText(text, a.entities),
    at: timeOf(a, d.clock),
    files: filesOf(a),
  });
  d.logger.debug({ messageId: a.id, outcome }, 'reply');
}

export async function onEdit(a: InboundActivity, d: EventDeps): Promise<void> {
  const eventType = channelData(a).eventType;
  if (eventType && eventType !== 'editMessage') return; // undeleteMessage and others: nothing to do
  const { text } = stripBotMention(a.text ?? '', a.entities, a.recipient?.id);
  // Several edits of one message share its id: the text (and time) tell them apart.
  const version = createHash('sha256').update(`${a.timestamp ?? ''}\n${text}`).digest('hex').slice(0, 16);
  const conv = a.conversation?.id ?? '';
  await d.inbound.replyEdited({
    eventKey: `${a.id}:edit:${version}`,
    platform: 'teams',
    channelId: channelOf(a),
    threadId: threadRootId(conv) ? conv : undefined,
    messageId: messageIdOf(a),
    text,
    ...teamsPlainText(text, a.entities),
    at: timeOf(a, d.clock),
  });
}

export async function onDelete(a: InboundActivity, d: EventDeps): Promise<void> {
  const eventType = channelData(a).eventType;
  if (eventType && eventType !== 'softDeleteMessage') return;
  await d.inbound.replyDeleted({
    eventKey: `${a.id}:delete`,
    platform: 'teams',
    channelId: channelOf(a),
    messageId: messageIdOf(a),
    at: timeOf(a, d.clock),
  });
}

/**
 * Teams reports reactions only on the bot's own messages (prompts, digests). A reaction on a prompt
 * counts against its ThreadRef.id, which is the thread conversation id `…;messageid=<replyToId>`.
 */
export async function onReaction(a: InboundActivity, d: EventDeps): Promise<void> {
  const reacted = a.replyToId;
  if (!reacted) return;
  const channelId = channelOf(a);
  const conv = a.conversation?.id ?? '';
  const candidate = threadRootId(conv) === reacted ? conv : threadConversationId(channelId, reacted);
  const itemId = (await d.inbound.isPromptThread('teams', channelId, candidate)) ? candidate : reacted;
  const user = userOf(a);
  const at = timeOf(a, d.clock);
  for (const r of a.reactionsAdded ?? []) {
    await d.inbound.reactionAdded({ eventKey: `${a.id ?? reacted}:reactionAdded:${user}:${r.type}:${a.timestamp ?? ''}`, platform: 'teams', channelId, itemId, user, emoji: r.type, at });
  }
  for (const r of a.reactionsRemoved ?? []) {
    await d.inbound.reactionRemoved({ eventKey: `${a.id ?? reacted}:reactionRemoved:${user}:${r.type}:${a.timestamp ?? ''}`, platform: 'teams', channelId, itemId, user, emoji: r.type, at });
  }
}
