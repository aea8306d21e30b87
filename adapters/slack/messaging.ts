import type { ChatPostMessageArguments, ChatPostMessageResponse, WebClient } from '@slack/web-api';
import type { ChatAdapter } from '../../src/core/ports/chat-adapter';
import { DeliveryError } from '../../src/core/ports/delivery-error';
import type { Logger } from '../../src/core/ports/logger';
import type { AdminNotice, AnnouncementMessage, DigestMessage, GroupMessage, PromptMessage } from '../../src/core/ports/messages';
import type { ChannelTarget, ThreadRef } from '../../src/core/ports/platform';
import { channelAudience } from './audience';
import { promptMessage } from './blocks';
import type { Pacer } from './pacer';
import { findPostedPrompt } from './recovery';
import { fitsSlack, summaryMessage, type SlackSummary } from './summary-blocks';
import { sendFitting } from '../../src/core/ports/fit-summary';
import type { SummaryMessage } from '../../src/core/ports/summary';
import { TOO_LONG } from './limits';
import { notifyAdmins } from './web-tools';
import { toDeliveryError } from './web';
import type { WorkspaceOf } from './workspaces';

/** One chat.postMessage under the pacer; a 429 slows that channel, a post without ts is uncertain. */
async function pacedPost(pacer: Pacer, key: string, client: WebClient, args: ChatPostMessageArguments): Promise<string> {
  await pacer.acquire(key, args.channel);
  let res: ChatPostMessageResponse;
  try {
    res = await client.chat.postMessage(args);
  } catch (err) {
    const de = toDeliveryError(err);
    if (de.reason === 'ratelimited') pacer.channelLimited(key, args.channel, de.retryAfterMs);
    throw de;
  }
  pacer.succeeded(key, args.channel);
  if (!res?.ts) throw new DeliveryError('uncertain', 'no_ts', { message: 'Slack accepted the post but returned no ts' });
  return String(res.ts);
}

/** A summary as Slack takes it: the first form within its limits, and a shorter one once if Slack still says it is too long. */
const SLACK_FIT = { render: summaryMessage, fits: fitsSlack, tooLong: (err: unknown) => err instanceof DeliveryError && TOO_LONG.has(err.reason) };

function postSummary(m: SummaryMessage, send: (body: SlackSummary) => Promise<string>): Promise<string> {
  return sendFitting(m, SLACK_FIT, send);
}

export type SlackMessaging = Omit<ChatAdapter, 'platform' | 'start' | 'stop' | 'connection'>;

/** What the adapter sends and looks up, each in the target's own workspace; posts go through the pacer. */
export function messaging(workspace: WorkspaceOf, pacer: Pacer, log: Logger): SlackMessaging {
  const post = (key: string, client: WebClient, args: ChatPostMessageArguments) => pacedPost(pacer, key, client, args);
  return {
    async postPrompt(target: ChannelTarget, prompt: PromptMessage): Promise<ThreadRef> {
      const { client, key } = await workspace(target);
      const ts = await post(key, client, { channel: target.channelId, ...promptMessage(prompt) });
      return { platform: 'slack', channelId: target.channelId, id: ts };
    },

    async postDigest(thread: ThreadRef, target: ChannelTarget, digest: DigestMessage): Promise<string> {
      const { client, key } = await workspace(target);
      return postSummary(digest, (body) => post(key, client, { channel: thread.channelId, thread_ts: thread.id, ...body }));
    },

    async updateSummary(target: ChannelTarget, _thread: ThreadRef, messageId: string, message: DigestMessage | AnnouncementMessage): Promise<void> {
      const { client, key } = await workspace(target);
      await pacer.acquire(key, target.channelId);
      try {
        await sendFitting(message, SLACK_FIT, async (body) => void (await client.chat.update({ channel: target.channelId, ts: messageId, ...body })));
      } catch (err) {
        throw toDeliveryError(err);
      }
    },

    async postAnnouncement(target: ChannelTarget, message: AnnouncementMessage): Promise<ThreadRef> {
      const { client, key } = await workspace(target);
      // No metadata: a kick-off or wrap-up is not a day's prompt (recovery never mistakes it for one).
      const ts = await postSummary(message, (body) => post(key, client, { channel: target.channelId, ...body }));
      return { platform: 'slack', channelId: target.channelId, id: ts };
    },

    async openGroup(target: ChannelTarget, userIds: string[], message: GroupMessage): Promise<string> {
      const { client, key } = await workspace(target);
      // A group DM of these people with the bot (mpim:write); Slack gives the same one back for the same people.
      let channel: string | undefined;
      try {
        channel = (await client.conversations.open({ users: userIds.join(',') })).channel?.id;
      } catch (err) {
        throw toDeliveryError(err);
      }
      if (!channel) throw new DeliveryError('permanent', 'no_channel', { message: 'conversations.open gave no channel' });
      await post(key, client, { channel, ...summaryMessage(message) });
      return channel;
    },

    ...lookUps(workspace, log),
    channelAudience: channelAudience(workspace),
  };
}

/** What the adapter reads from Slack (and the admins' notice, which never fails the caller). */
function lookUps(workspace: WorkspaceOf, log: Logger): Pick<SlackMessaging, 'findPostedPrompt' | 'messageLink' | 'lookUpName' | 'lookUpZone' | 'notifyAdmins'> {
  return {
    async findPostedPrompt(target: ChannelTarget, deliveryId: string, around: Date): Promise<ThreadRef | null> {
      const { client } = await workspace(target);
      return findPostedPrompt(client, target.channelId, deliveryId, around);
    },

    async messageLink(target: ChannelTarget, _thread: ThreadRef, messageId: string): Promise<string | null> {
      // chat.getPermalink needs no scope beyond the bot's; Slack builds the thread-aware URL.
      const { client } = await workspace(target);
      const res = await client.chat.getPermalink({ channel: target.channelId, message_ts: messageId });
      return typeof res?.permalink === 'string' ? res.permalink : null;
    },

    async lookUpName(target: ChannelTarget, userId: string): Promise<string | null> {
      const { client } = await workspace(target);
      const res = await client.users.info({ user: userId });
      const u = res?.user ?? {};
      // What Slack itself shows: the display name, else the full name, else the handle.
      return u.profile?.display_name || u.profile?.real_name || u.real_name || u.name || null;
    },

    async lookUpZone(target: ChannelTarget, userId: string): Promise<string | null> {
      const { client } = await workspace(target);
      const res = await client.users.info({ user: userId });
      return typeof res?.user?.tz === 'string' && res.user.tz ? res.user.tz : null;
    },

    async notifyAdmins(notice: AdminNotice): Promise<void> {
      try {
        const { client } = await workspace(notice.target);
        await notifyAdmins(client, notice, log);
      } catch (err) {
        log.warn({ err }, 'could not notify Slack admins');
      }
    },
  };
}
