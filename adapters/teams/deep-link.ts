import type { ChannelTarget, ThreadRef } from '../../src/core/ports';
import { asTeamsReference, threadRootId } from './reference';

/**
 * A Teams deep link to one message in a channel thread (built, no API call):
 * https://teams.microsoft.com/l/message/<channel>/<message>?tenantId=…&parentMessageId=<root>&…
 */
export function messageDeepLink(target: ChannelTarget, thread: ThreadRef, messageId: string): string | null {
  const root = threadRootId(thread.id);
  if (!root) return null;
  const ref = asTeamsReference(target.reference);
  const q = new URLSearchParams();
  const tenant = ref?.tenantId ?? target.workspaceId;
  if (tenant) q.set('tenantId', tenant);
  q.set('parentMessageId', root);
  if (ref?.teamName) q.set('teamName', ref.teamName);
  if (ref?.channelName) q.set('channelName', ref.channelName);
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(target.channelId)}/${encodeURIComponent(messageId)}?${q.toString()}`;
}
