import type { ChannelTarget, Platform, ThreadRef } from './platform';

/**
 * Events adapters hand to the core. Every method resolves only after the event is durably
 * stored (or recognised as a duplicate / not ours), so an adapter may acknowledge the platform
 * afterwards; a rejection means "not stored: make the platform retry" (answer 5xx).
 *
 * `eventKey` is the platform's unique id of the delivery *including the kind of event*
 * (Slack `event_id`; Teams `activity.id + ':' + kind`), used for dedupe across restarts.
 */
export interface InboundBase {
  eventKey: string;
  platform: Platform;
  channelId: string;
}

/**
 * A person addressed in a message, as the adapter read its platform's markup (each adapter knows
 * its own: Slack's user tokens, Teams' mention entities, the sandbox's `@name`): the core reads
 * only this list, never the markup.
 */
export interface Mention {
  /** The platform's id of the person addressed ('' when the platform gave none). */
  userId: string;
  /** The name the message carried for them (a label, the mention's text); '' when none. */
  name: string;
  /** Where the mention reads in the plain text: [start, end) in UTF-16 units (e.g. the span of "@Ana"). */
  start: number;
  end: number;
}

/**
 * What the core reads of a message: its words as plain text (no markup: links as their text,
 * entities decoded, channel-wide pings as `@here`) and the people it mentions.
 */
export interface PlainText {
  plainText: string;
  mentions: Mention[];
}

export interface ReplyEvent extends InboundBase, Partial<PlainText> {
  /** The thread id as in ThreadRef.id (Slack thread_ts, Teams conversation id with ;messageid=). */
  threadId: string;
  /** The reply's own message id (Slack ts, Teams activity id). */
  messageId: string;
  user: string;
  /** The writer's display name when the event carries it (Teams `from.name`, the sandbox). */
  userName?: string;
  /**
   * Exactly as written, without the bot's @mention (what exports show). The core reads `plainText`
   * and `mentions` instead; absent, the text has no markup and mentions nobody.
   */
  text: string;
  at: Date;
  files?: string[];
  links?: string[];
  /** Written by someone from another organisation (Slack Connect). */
  external?: boolean;
}

/** An edit: the new text as written, and (as for a reply) what the core reads of it. */
export interface ReplyEditedEvent extends InboundBase, Partial<PlainText> {
  threadId?: string;
  messageId: string;
  text: string;
  at: Date;
}

export interface ReplyDeletedEvent extends InboundBase {
  messageId: string;
  at: Date;
}

export interface ReactionEvent extends InboundBase {
  /** The message reacted to: a prompt's ThreadRef.id or a reply's messageId. */
  itemId: string;
  user: string;
  emoji: string;
  at: Date;
}

export type ReplyOutcome = 'stored' | 'duplicate' | 'ignored';

export interface CommandRequest {
  platform: Platform;
  channelId: string;
  userId: string;
  /** Other ids of the same person matched against `admins` (Teams: aadObjectId as well as from.id). */
  altUserIds?: string[];
  /** The words after `/wol` or after the bot's @mention. */
  text: string;
  /** Everything the adapter needs to reach this channel later (saved by `subscribe`). */
  target: ChannelTarget;
  /** Display name of the channel, if known. */
  channelName?: string;
  /** How people address the bot here, as help and hints write it (e.g. a renamed `/wolweek `). */
  prefix?: string;
  /** false in a personal or group chat: words that act on "this channel" are declined there. */
  inChannel?: boolean;
}

/** Later messages for the person who gave a command (Slack response_url, a Teams reply). */
export type FollowUp = (text: string) => Promise<void>;

export interface CommandAnswer {
  /** Shown privately (ephemeral on Slack) right away. */
  text: string;
  /** Resolves when any background work the command started (a fan-out) has finished. */
  done: Promise<void>;
}

export interface ChannelLifecycleEvent {
  platform: Platform;
  channelId: string;
  kind: 'deactivated' | 'renamed' | 'workspace_gone' | 'group_gone';
  reason: string;
  /** For renamed: the new channel id. */
  newChannelId?: string;
  workspaceId?: string;
  /** group_gone: the group (Teams team) whose channels all stop. */
  groupId?: string;
  /**
   * workspace_gone: also the platform's channels stored without a workspace (a single-token
   * install has one workspace, and channels from the config do not name it).
   */
  includeUnassigned?: boolean;
}

export interface RecentThread extends ThreadRef {
  workspaceId: string | null;
}

/** Words only an adapter knows when to say; the core renders them in the programme's language. */
export type ChatPhrase =
  | 'chat.working'
  | 'chat.failedNow'
  | 'chat.failedLater'
  | 'chat.otherCommand'
  | 'chat.notMember'
  | 'chat.thisChannel'
  | 'chat.greeting'
  | 'chat.channelOnly';

export interface InboundPort {
  /** The bot's words for `phrase`, ready to post (adapters know no languages). */
  phrase(phrase: ChatPhrase, values?: Record<string, string | number>): string;
  reply(e: ReplyEvent): Promise<ReplyOutcome>;
  replyEdited(e: ReplyEditedEvent): Promise<ReplyOutcome>;
  replyDeleted(e: ReplyDeletedEvent): Promise<ReplyOutcome>;
  reactionAdded(e: ReactionEvent): Promise<ReplyOutcome>;
  reactionRemoved(e: ReactionEvent): Promise<ReplyOutcome>;
  command(req: CommandRequest, followUp: FollowUp): Promise<CommandAnswer>;
  /** Channel archived, bot removed, channel id changed, app uninstalled. */
  channelLifecycle(e: ChannelLifecycleEvent): Promise<void>;
  /** Is this thread one of our prompts? (adapters use it to ignore unrelated threads cheaply) */
  isPromptThread(platform: Platform, channelId: string, threadId: string): Promise<boolean>;
  /** Message ids of the replies stored (not deleted) under a thread: catch-up spots deletions made while down. */
  storedReplyIds(platform: Platform, channelId: string, threadId: string): Promise<string[]>;
  /** Threads of prompts sent since `since` (adapters catch up missed replies at start), with the channel's workspace. */
  recentThreads(platform: Platform, since: Date): Promise<RecentThread[]>;
  /**
   * Save a reference to reach a channel/team later without subscribing it (Teams install).
   * Resolves true when the channel was not known before (e.g. greet a team once, across restarts).
   */
  rememberReference(target: ChannelTarget): Promise<boolean>;
}
