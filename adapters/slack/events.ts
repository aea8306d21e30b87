import type { InboundPort } from '../../src/core/ports/inbound';
import type { Logger } from '../../src/core/ports/logger';
import { slackPlainText } from './plain-text';
import { decodeSlackText, extractLinks, tsToDate } from './text';

/** Who "we" are in a workspace: our bot's user id and bot id (messages from either are ours). */
export interface SelfIds {
  botUserId?: string;
  botId?: string;
}

export interface EventContext {
  inbound: InboundPort;
  log: Logger;
  /** Our ids in the event's workspace (single-workspace: from auth.test). */
  self(teamId: string | undefined, body?: SlackObject): SelfIds;
  /** The workspace uninstalled us or revoked our token (oauth mode drops the installation). */
  workspaceGone?(teamId: string, reason: string): Promise<void>;
  /** One workspace from .env (HTTP, Socket Mode): losing it ends every Slack channel. */
  singleWorkspace?: boolean;
  /**
   * Whether a channel event from this workspace may change our channels: single-workspace mode,
   * only the bot token's own (from auth.test). Absent: any (multi-workspace; the core then checks
   * the channel's stored workspace).
   */
  ownsWorkspace?(teamId: string | undefined): boolean;
}

/** Message subtypes that are people writing in a thread; everything else (joins, topics, bots) is not. */
const REPLY_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share', 'me_message']);

/** A JSON object from Slack, read field by field through `str` and `isObj`: nothing in it is trusted. */
export type SlackObject = Record<string, unknown>;

export const isObj = (v: unknown): v is SlackObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function fileRefs(files: unknown): string[] | undefined {
  if (!Array.isArray(files) || files.length === 0) return undefined;
  return files
    .filter(isObj)
    .map((f) => str(f.permalink) ?? str(f.url_private) ?? str(f.name) ?? str(f.id))
    .filter((f): f is string => !!f);
}

function fromUs(m: SlackObject, self: SelfIds): boolean {
  if (m.bot_id || m.subtype === 'bot_message' || m.bot_profile) return true;
  return !!self.botUserId && m.user === self.botUserId;
}

/**
 * A posted message (live event or fetched by catch-up). Stores it as a reply when it is a person's
 * message in the thread of one of our prompts. `eventKey` dedupes the delivery; the store also
 * treats a message id it already holds as a duplicate (catch-up after a live event).
 */
export async function ingestMessage(
  m: SlackObject,
  meta: { eventKey: string; channelId: string; teamId?: string; self: SelfIds },
  ctx: EventContext,
): Promise<'stored' | 'duplicate' | 'ignored'> {
  if (!REPLY_SUBTYPES.has(str(m.subtype)) || fromUs(m, meta.self)) return 'ignored';
  const ts = str(m.ts);
  const threadTs = str(m.thread_ts);
  const user = str(m.user);
  if (!ts || !threadTs || threadTs === ts || !user) return 'ignored'; // top-level chatter
  if (!(await ctx.inbound.isPromptThread('slack', meta.channelId, threadTs))) return 'ignored';
  const raw = typeof m.text === 'string' ? m.text : '';
  const links = extractLinks(raw);
  const external = !!(str(m.user_team) && meta.teamId && m.user_team !== meta.teamId);
  return ctx.inbound.reply({
    eventKey: meta.eventKey,
    platform: 'slack',
    channelId: meta.channelId,
    threadId: threadTs,
    messageId: ts,
    user,
    text: decodeSlackText(raw),
    ...slackPlainText(raw),
    at: tsToDate(ts),
    files: fileRefs(m.files),
    links: links.length ? links : undefined,
    external: external || undefined,
  });
}

async function onMessage(ev: SlackObject, eventKey: string, teamId: string | undefined, body: SlackObject, ctx: EventContext) {
  const channelId = str(ev.channel);
  if (!channelId) return;
  const self = ctx.self(teamId, body);
  if (ev.subtype === 'message_changed') {
    const m = ev.message;
    if (!isObj(m) || fromUs(m, self)) return;
    const ts = str(m.ts);
    const threadTs = str(m.thread_ts);
    if (!ts || !threadTs || threadTs === ts) return; // the parent changed (reply count, our prompt)
    const prev = isObj(ev.previous_message) ? ev.previous_message : undefined;
    if (prev && prev.text === m.text) return; // an unfurl or a reaction summary, not an edit
    const raw = typeof m.text === 'string' ? m.text : '';
    await ctx.inbound.replyEdited({
      eventKey,
      platform: 'slack',
      channelId,
      threadId: threadTs,
      messageId: ts,
      text: decodeSlackText(raw),
      ...slackPlainText(raw),
      at: tsToDate((isObj(m.edited) ? str(m.edited.ts) : undefined) ?? str(ev.event_ts) ?? str(ev.ts) ?? ts),
    });
    return;
  }
  if (ev.subtype === 'message_deleted') {
    const ts = str(ev.deleted_ts);
    if (!ts) return;
    const prev = isObj(ev.previous_message) ? ev.previous_message : undefined;
    if (prev && prev.thread_ts === ts) return; // a thread parent (maybe our prompt), not a reply
    await ctx.inbound.replyDeleted({
      eventKey,
      platform: 'slack',
      channelId,
      messageId: ts,
      at: tsToDate(str(ev.event_ts) ?? str(ev.ts) ?? ts),
    });
    return;
  }
  await ingestMessage(ev, { eventKey, channelId, teamId, self }, ctx);
}

async function onReaction(ev: SlackObject, eventKey: string, teamId: string | undefined, body: SlackObject, ctx: EventContext) {
  const item = ev.item;
  if (!isObj(item) || item.type !== 'message') return;
  const channelId = str(item.channel);
  const itemId = str(item.ts);
  const user = str(ev.user);
  const emoji = str(ev.reaction);
  if (!channelId || !itemId || !user || !emoji) return;
  const self = ctx.self(teamId, body);
  if (self.botUserId && user === self.botUserId) return;
  const e = { eventKey, platform: 'slack' as const, channelId, itemId, user, emoji, at: tsToDate(str(ev.event_ts) ?? '0') };
  if (ev.type === 'reaction_added') await ctx.inbound.reactionAdded(e);
  else await ctx.inbound.reactionRemoved(e);
}

/**
 * One Events API envelope (`event_callback`) → the InboundPort calls it means. Resolves when every
 * effect is stored; rejects when the store failed (the caller answers 5xx so Slack retries).
 */
export async function handleEventCallback(body: SlackObject, ctx: EventContext): Promise<void> {
  const ev = isObj(body.event) ? body.event : {};
  const eventKey = str(body.event_id) ?? '';
  const teamId = str(body.team_id) ?? str(ev.team);
  const type = str(ev.type);
  switch (type) {
    case 'message':
      return onMessage(ev, eventKey, teamId, body, ctx);
    case 'reaction_added':
    case 'reaction_removed':
      return onReaction(ev, eventKey, teamId, body, ctx);
    case 'app_uninstalled':
      if (teamId) await workspaceGone(teamId, 'app_uninstalled', ctx);
      return;
    case 'tokens_revoked': {
      // Only our bot token matters; a user revoking a user token changes nothing for us.
      const bots: unknown = isObj(ev.tokens) ? ev.tokens.bot : undefined;
      if (teamId && Array.isArray(bots) && bots.length > 0) await workspaceGone(teamId, 'tokens_revoked', ctx);
      return;
    }
    case 'channel_archive':
    case 'group_archive':
    case 'channel_deleted':
    case 'group_deleted':
    case 'member_left_channel':
    case 'channel_id_changed':
      return onChannelEvent(type, ev, teamId, body, ctx);
    default:
      ctx.log.debug({ type }, 'slack event not used');
  }
}

/** Archive, delete, the bot removed, a new id: applied only when the event's workspace owns the channel. */
async function onChannelEvent(type: string, ev: SlackObject, teamId: string | undefined, body: SlackObject, ctx: EventContext): Promise<void> {
  if (ctx.ownsWorkspace && !ctx.ownsWorkspace(teamId)) {
    ctx.log.warn({ type, team: teamId }, 'ignored a channel event from another workspace');
    return;
  }
  const channelId = str(ev.channel);
  if (type === 'member_left_channel') {
    const self = ctx.self(teamId, body);
    if (channelId && self.botUserId && ev.user === self.botUserId) {
      await ctx.inbound.channelLifecycle({ platform: 'slack', channelId, kind: 'deactivated', reason: 'bot_removed', workspaceId: teamId });
    }
  } else if (type === 'channel_id_changed') {
    const oldId = str(ev.old_channel_id);
    const newId = str(ev.new_channel_id);
    if (oldId && newId && oldId !== newId) {
      await ctx.inbound.channelLifecycle({ platform: 'slack', channelId: oldId, kind: 'renamed', reason: 'channel_id_changed', newChannelId: newId, workspaceId: teamId });
    }
  } else if (channelId) {
    const reason = type.endsWith('archive') ? 'channel_archived' : 'channel_deleted';
    await ctx.inbound.channelLifecycle({ platform: 'slack', channelId, kind: 'deactivated', reason, workspaceId: teamId });
  }
}

async function workspaceGone(teamId: string, reason: string, ctx: EventContext) {
  await ctx.inbound.channelLifecycle({ platform: 'slack', channelId: '', kind: 'workspace_gone', reason, workspaceId: teamId, includeUnassigned: ctx.singleWorkspace === true });
  if (ctx.workspaceGone) await ctx.workspaceGone(teamId, reason);
}

/** Shape check of a signed Events API body: 400 when it is not something we can read. */
export function validateEventsBody(body: unknown): string | null {
  if (!isObj(body)) return 'body is not a JSON object';
  if (typeof body.type !== 'string') return 'missing type';
  if (body.type === 'url_verification') return typeof body.challenge === 'string' ? null : 'missing challenge';
  if (body.type !== 'event_callback') return null; // app_rate_limited and friends: acknowledged, unused
  if (!isObj(body.event)) return 'missing event';
  if (typeof body.event.type !== 'string') return 'missing event.type';
  if (typeof body.event_id !== 'string' || body.event_id === '') return 'missing event_id';
  return null;
}
