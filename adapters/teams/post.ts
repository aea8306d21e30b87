import type { Activity, ConversationParameters } from 'botbuilder';
import type { AdminNotice, AnnouncementMessage, ChannelTarget, Clock, DigestMessage, GroupMessage, Logger, PromptMessage, ThreadRef } from '../../src/core/ports';
import { DeliveryError } from '../../src/core/ports';
import { fitsTeams, promptActivity, type TeamsMessage } from './card';
import { summaryActivity } from './summary-card';
import { toDeliveryError, TOO_BIG_REASON, type Connectors } from './connector';
import { sendFitting } from '../../src/core/ports/fit-summary';
import type { SummaryMessage } from '../../src/core/ports/summary';
import { PER_CONVERSATION, PER_TENANT, type Pacer } from './pacer';
import { asTeamsReference, threadConversationId, type TeamsReference } from './reference';

/** A summary as Teams takes it: the first form within its body limit, and a shorter one once after a 413. */
const TEAMS_FIT = {
  render: (m: SummaryMessage) => summaryActivity(m),
  fits: fitsTeams,
  tooLong: (err: unknown) => err instanceof DeliveryError && err.reason === TOO_BIG_REASON,
};

/** Outbound messages: every send is paced, bounded in time, and fails as a DeliveryError. */
export class TeamsPoster {
  constructor(
    private readonly connectors: Connectors,
    private readonly pacer: Pacer,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Opens a new thread in the channel with the day's card. TeamsInfo.sendMessageToTeamsChannel is
   * not used: under CloudAdapter without an app id it calls a method CloudAdapter lacks, it omits
   * the tenant, and it reports the conversation id where the activity id belongs.
   */
  async postPrompt(target: ChannelTarget, prompt: PromptMessage): Promise<ThreadRef> {
    const activity = promptActivity(prompt);
    // Measured before sending: a card Teams would refuse (413) fails for good here, with the reason.
    if (!fitsTeams(activity)) throw new DeliveryError('permanent', TOO_BIG_REASON, { message: `day ${prompt.day} is larger than a Teams message holds: shorten its text` });
    return this.openThread(target, activity);
  }

  /** A kick-off or wrap-up opens a thread of its own in the channel. */
  async postAnnouncement(target: ChannelTarget, message: AnnouncementMessage): Promise<ThreadRef> {
    return sendFitting(message, TEAMS_FIT, (activity) => this.openThread(target, activity));
  }

  private async openThread(target: ChannelTarget, activity: TeamsMessage): Promise<ThreadRef> {
    const ref = requireReference(target);
    const params = newThreadParameters(target.channelId, ref, activity);
    const res = await this.send(ref, target.channelId, async (client) => client.conversations.createConversation(params, { timeout: this.timeoutMs }));
    // Teams answers with the thread's conversation id (`…;messageid=<root>`); build it if a
    // connector only gives the activity id.
    let id = res.id ?? '';
    if (!id.includes(';messageid=') && res.activityId) id = threadConversationId(target.channelId, res.activityId);
    if (!id) throw new DeliveryError('uncertain', 'teams_no_conversation_id');
    return { platform: 'teams', channelId: target.channelId, id };
  }

  /** The digest is a reply in the day's thread; its activity id lets `forget me` edit it later. */
  async postDigest(thread: ThreadRef, target: ChannelTarget, digest: DigestMessage): Promise<string | void> {
    const ref = requireReference(target);
    return sendFitting(digest, TEAMS_FIT, (activity) => this.sendTo(ref, thread.id, activity));
  }

  /**
   * Bots cannot start a group chat on Teams: each person gets a 1:1 chat with the bot (created
   * with them as the only member, in their tenant) carrying the message, which names the others.
   * Returns the chats' ids, comma-separated.
   */
  async openGroup(target: ChannelTarget, userIds: string[], message: GroupMessage): Promise<string> {
    const ref = requireReference(target);
    const ids: string[] = [];
    for (const user of userIds) {
      const params = personalChatParameters(ref, user);
      const res = await this.send(ref, `personal:${user}`, async (client) => client.conversations.createConversation(params, { timeout: this.timeoutMs }));
      if (!res.id) throw new DeliveryError('uncertain', 'teams_no_conversation_id');
      await this.sendTo(ref, res.id, summaryActivity(message));
      ids.push(res.id);
    }
    return ids.join(',');
  }

  /**
   * Rewrites a digest or wrap-up in place (`PUT /v3/conversations/{id}/activities/{activityId}`).
   * A wrap-up is its own thread's root: its activity id is the thread's `;messageid=`.
   */
  async updateSummary(target: ChannelTarget, thread: ThreadRef, messageId: string, message: DigestMessage | AnnouncementMessage): Promise<void> {
    const ref = requireReference(target);
    const activityId = messageId === thread.id ? (thread.id.split(';messageid=')[1] ?? messageId) : messageId;
    await sendFitting(message, TEAMS_FIT, (activity) => this.send(ref, thread.id, (client) => client.conversations.updateActivity(thread.id, activityId, { ...activity, id: activityId }, { timeout: this.timeoutMs })));
  }

  /**
   * Each organizer privately, in a 1:1 chat the bot opens with them (bots can start one with a
   * user of the tenant they know; never a channel, where everyone would read it). Best effort: one
   * organizer we cannot reach does not stop the others.
   */
  async notifyAdmins(notice: AdminNotice): Promise<void> {
    const ref = asTeamsReference(notice.target.reference);
    if (!ref) {
      this.logger.warn({ channelId: notice.target.channelId }, 'no Teams reference to tell the admins');
      return;
    }
    for (const admin of notice.admins) {
      try {
        const chat = await this.personalChat(ref, admin);
        await this.sendTo(ref, chat, { type: 'message', text: notice.text, textFormat: 'plain' });
      } catch (err) {
        this.logger.warn({ err, admin }, 'could not tell a Teams organizer');
      }
    }
  }

  /** The 1:1 conversation between the bot and `user` (Teams gives the existing one when there is one). */
  private async personalChat(ref: TeamsReference, user: string): Promise<string> {
    const params = {
      isGroup: false,
      members: [{ id: user }],
      tenantId: ref.tenantId ?? undefined,
      channelData: { tenant: { id: ref.tenantId ?? undefined } },
      bot: ref.botId ? { id: ref.botId, name: ref.botName ?? '' } : undefined,
    } as ConversationParameters;
    const res = await this.send(ref, `personal:${user}`, async (client) => client.conversations.createConversation(params, { timeout: this.timeoutMs }));
    if (!res.id) throw new DeliveryError('permanent', 'teams_no_conversation_id');
    return res.id;
  }

  /**
   * The team's channels (`GET /v3/teams/{teamId}/conversations`). Teams lists the General channel
   * with the team's id and no name. Fails as a DeliveryError (403 once the bot left the team).
   */
  async teamChannels(ref: TeamsReference, teamId: string): Promise<{ id: string; name: string | null }[]> {
    await this.pacer.take([[`tenant:${ref.tenantId ?? ref.serviceUrl}`, PER_TENANT]]);
    let teams;
    try {
      teams = await this.connectors.teams(ref.serviceUrl);
    } catch (err) {
      throw new DeliveryError('transient', 'teams_client_failed', { message: String((err as Error)?.message ?? err) });
    }
    try {
      const list = await teams.teams.fetchChannelList(teamId, { timeout: this.timeoutMs });
      return (list.conversations ?? [])
        .filter((c): c is typeof c & { id: string } => typeof c.id === 'string' && c.id.length > 0)
        .map((c) => ({ id: c.id, name: c.name ?? null }));
    } catch (err) {
      throw toDeliveryError(err, this.clock.now().getTime());
    }
  }

  /**
   * Who is in a conversation (`GET /v3/conversations/{id}/members`): for a team's channel, the
   * people who can open it. Each with their Entra object id, as sign-in names them.
   */
  async conversationMembers(ref: TeamsReference, conversationId: string): Promise<{ id: string; aadObjectId: string | null }[]> {
    const members = await this.send(ref, conversationId, (client) => client.conversations.getConversationMembers(conversationId, { timeout: this.timeoutMs }));
    return members.map((m) => ({ id: m.id, aadObjectId: m.aadObjectId ?? null }));
  }

  /** A message into a conversation (channel, thread or chat). */
  async sendTo(ref: TeamsReference, conversationId: string, activity: TeamsMessage): Promise<string | undefined> {
    const res = await this.send(ref, conversationId, (client) =>
      client.conversations.sendToConversation(conversationId, activity, { timeout: this.timeoutMs }),
    );
    return res.id;
  }

  private async send<T>(ref: TeamsReference, conversationId: string, call: (c: Awaited<ReturnType<Connectors['get']>>) => Promise<T>): Promise<T> {
    await this.pacer.take([
      [`conv:${conversationId}`, PER_CONVERSATION],
      [`tenant:${ref.tenantId ?? ref.serviceUrl}`, PER_TENANT],
    ]);
    let client;
    try {
      client = await this.connectors.get(ref.serviceUrl);
    } catch (err) {
      throw new DeliveryError('transient', 'teams_client_failed', { message: String((err as Error)?.message ?? err) });
    }
    try {
      return await call(client);
    } catch (err) {
      const de = toDeliveryError(err, this.clock.now().getTime());
      this.logger.warn({ kind: de.kind, reason: de.reason, conversationId }, 'Teams send failed');
      throw de;
    }
  }
}

/**
 * A new thread in a channel, as TeamsInfo.sendMessageToTeamsChannel builds it: botbuilder types
 * `activity` as a whole received Activity and `bot` as required, while the Bot Connector takes an
 * outgoing message's few fields and no `bot` (a reference saved without one); so, as botbuilder
 * itself does there, the parameters are asserted to its type rather than padded with fields.
 */
function newThreadParameters(channelId: string, ref: TeamsReference, activity: Partial<Activity>): ConversationParameters {
  return {
    isGroup: true,
    channelData: { channel: { id: channelId }, tenant: { id: ref.tenantId ?? undefined } },
    tenantId: ref.tenantId ?? undefined,
    bot: ref.botId ? { id: ref.botId, name: ref.botName ?? '' } : undefined,
    activity,
    members: [],
  } as ConversationParameters;
}

/** A 1:1 chat of the bot with one person of the tenant (createConversation, isGroup false). */
function personalChatParameters(ref: TeamsReference, user: string): ConversationParameters {
  return {
    isGroup: false,
    members: [{ id: user, name: '' }],
    tenantId: ref.tenantId ?? undefined,
    channelData: { tenant: { id: ref.tenantId ?? undefined } },
    bot: ref.botId ? { id: ref.botId, name: ref.botName ?? '' } : undefined,
  } as ConversationParameters;
}

function requireReference(target: ChannelTarget): TeamsReference {
  const ref = asTeamsReference(target.reference);
  // A configured channel the bot has never seen: nothing to post with until the bot is added there.
  if (!ref) throw new DeliveryError('permanent', 'teams_no_reference', { message: `no Teams reference for ${target.channelId}: add the bot to the team first` });
  return ref;
}
