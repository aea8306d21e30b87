import type { ConversationsHistoryResponse, WebClient } from '@slack/web-api';
import { DeliveryError } from '../../src/core/ports/delivery-error';
import type { ThreadRef } from '../../src/core/ports/platform';
import { PROMPT_EVENT_TYPE } from './blocks';
import { toDeliveryError } from './web';

/** How far around the previous attempt we look: posts land within seconds of the request. */
const WINDOW_MS = 5 * 60_000;
const PAGE = 50;
const MAX_PAGES = 3;

/**
 * Crash recovery: did an earlier attempt of this delivery reach the channel? Looks only at the
 * minutes around the attempt (conversations.history is tightly rate-limited for apps outside the
 * Marketplace) for a message whose metadata carries the delivery id.
 * null = surely not there; throws DeliveryError('uncertain') when Slack cannot tell us.
 */
export async function findPostedPrompt(
  client: WebClient,
  channelId: string,
  deliveryId: string,
  around: Date,
): Promise<ThreadRef | null> {
  const t = around.getTime();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let res: ConversationsHistoryResponse;
    try {
      res = await client.conversations.history({
        channel: channelId,
        oldest: ((t - WINDOW_MS) / 1000).toFixed(6),
        latest: ((t + WINDOW_MS) / 1000).toFixed(6),
        inclusive: true,
        limit: PAGE,
        include_all_metadata: true,
        cursor,
      });
    } catch (err) {
      const de = toDeliveryError(err);
      // A channel we can no longer read will not take the post either: let the ledger fail it.
      if (de.kind === 'permanent') throw de;
      throw new DeliveryError('uncertain', `recovery_${de.reason}`, {
        message: `could not check Slack history for delivery ${deliveryId}: ${de.reason}`,
      });
    }
    for (const m of res.messages ?? []) {
      const md = m.metadata;
      // Slack types event_payload as {}: it holds what we put there (blocks.ts), its fields read as unknown.
      const payload = md?.event_payload;
      const id = payload && 'delivery_id' in payload ? payload.delivery_id : undefined;
      if (md?.event_type === PROMPT_EVENT_TYPE && id === deliveryId && m.ts) {
        return { platform: 'slack', channelId, id: String(m.ts) };
      }
    }
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!res.has_more || !cursor) return null;
  }
  throw new DeliveryError('uncertain', 'recovery_too_many_messages');
}
