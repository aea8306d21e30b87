import type { WebClient } from '@slack/web-api';
import type { AdminNotice } from '../../src/core/ports/messages';
import type { Logger } from '../../src/core/ports/logger';
import { escapeSlack } from './text';
import { platformError } from './web';

/** Is our bot in the channel? false when Slack says it is not (or cannot see a private channel). */
export async function isMember(client: WebClient, channelId: string): Promise<boolean | undefined> {
  try {
    const res = await client.conversations.info({ channel: channelId });
    return typeof res.channel?.is_member === 'boolean' ? res.channel.is_member : undefined;
  } catch (err) {
    const reason = platformError(err);
    if (reason === 'channel_not_found' || reason === 'not_in_channel') return false;
    return undefined;
  }
}

/** Ephemeral follow-up through a slash command's response_url. */
export async function postToResponseUrl(url: string, text: string, timeoutMs = 10_000): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}

/** DM each admin (best effort: one admin we cannot reach does not stop the others). */
export async function notifyAdmins(client: WebClient, notice: AdminNotice, log: Logger): Promise<void> {
  for (const admin of notice.admins) {
    try {
      const open = await client.conversations.open({ users: admin });
      const channel = open.channel?.id;
      if (!channel) continue;
      await client.chat.postMessage({ channel, text: escapeSlack(notice.text), unfurl_links: false });
    } catch (err) {
      log.warn({ err: platformError(err) ?? String(err), admin }, 'could not notify a Slack admin');
    }
  }
}
