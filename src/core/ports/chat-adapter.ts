import type { ChannelTarget, Platform, ThreadRef } from './platform';
import type { AdminNotice, AnnouncementMessage, DigestMessage, GroupMessage, PromptMessage } from './messages';

/** A channel's audience as its platform tells it (see ChatAdapter.channelAudience). */
export interface ChannelAudience {
  workspaceId: string | null;
  open: boolean;
  member: boolean;
  /** Other ids the platform knows this person by here (Teams: the roster's `29:…`): `admins` may name any. */
  aliases?: string[];
}

/** How a platform's connection stands (shown by /healthz; never fails the check). */
export type ConnectionState = 'connected' | 'retrying' | 'refused';

/**
 * The one port every platform implements. Outbound calls come from the core; inbound events go the
 * other way through the InboundPort the adapter was given at construction.
 * Failures are thrown as DeliveryError (see delivery-error.ts).
 */
export interface ChatAdapter {
  readonly platform: Platform;
  /** How a chat command starts there (`/wol `, `@wolbot `, nothing in the sandbox): the kick-off says the exact words. */
  readonly commandPrefix?: string;
  /** Resolves once serving; an unreachable platform is no failure: the adapter keeps trying on its own. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Omitted by platforms with nothing to connect to (always `connected`). */
  connection?(): ConnectionState;
  postPrompt(target: ChannelTarget, prompt: PromptMessage): Promise<ThreadRef>;
  /** Posts the digest in the day's thread; returns the digest's own message id when the platform gives one (for `updateSummary`). */
  postDigest(thread: ThreadRef, target: ChannelTarget, digest: DigestMessage): Promise<string | void>;
  /**
   * A post of its own in the channel — the kick-off, the wrap-up — never a day's prompt (no
   * `wol_prompt` metadata on Slack; its own thread on Teams). Returns where it landed.
   */
  postAnnouncement(target: ChannelTarget, message: AnnouncementMessage): Promise<ThreadRef>;
  /**
   * Crash recovery: find a post of this delivery made around `around` (the previous attempt).
   * Return null when surely not posted; throw DeliveryError('uncertain') when the platform
   * offers no way to know (Teams). Adapters that cannot look return `undefined` via omission.
   */
  findPostedPrompt?(target: ChannelTarget, deliveryId: string, around: Date): Promise<ThreadRef | null>;
  /**
   * A person's display name as the platform shows it (Slack `users.info`), or null when it has none.
   * Called after replies are stored and before digests post; never while an event is being acknowledged.
   */
  lookUpName?(target: ChannelTarget, userId: string): Promise<string | null>;
  /** A link people can open to one reply in a thread (Slack permalink, Teams deep link), or null. */
  messageLink?(target: ChannelTarget, thread: ThreadRef, messageId: string): Promise<string | null>;
  /**
   * Rewrite a digest or wrap-up already posted (after `forget me`): `thread` is where it was posted
   * (the day's thread for a digest, its own for a wrap-up), `messageId` the post itself.
   */
  updateSummary?(target: ChannelTarget, thread: ThreadRef, messageId: string, message: DigestMessage | AnnouncementMessage): Promise<void>;
  /**
   * Who may see a channel's shares on the page (sign-in, issue 23): the workspace or tenant it
   * belongs to, whether everyone there may open it (a public Slack channel), and whether this
   * user is in it (Slack `conversations.members`, the Teams roster). Omitted: only organizers and
   * the operator see the platform's channels.
   */
  channelAudience?(target: ChannelTarget, userId: string): Promise<ChannelAudience>;
  /**
   * A conversation of these people with the bot, and the message in it (an introduction, a new
   * circle's welcome); `target` is a channel of their workspace (how to reach it). Slack: a group
   * DM (conversations.open with every user); Teams, where bots cannot start group chats: a 1:1 to
   * each naming the others; the sandbox: a message on the page. Returns the conversation's id.
   * Failures are thrown as DeliveryError; it is never retried by the core (no one gets it twice).
   */
  openGroup?(target: ChannelTarget, userIds: string[], message: GroupMessage): Promise<string>;
  /** A person's IANA time zone as the platform knows it (Slack `users.info` tz), or null. */
  lookUpZone?(target: ChannelTarget, userId: string): Promise<string | null>;
  /** Tell the organizers something privately (best effort). */
  notifyAdmins?(notice: AdminNotice): Promise<void>;
}
