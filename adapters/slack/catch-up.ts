import type { ConversationsRepliesResponse, WebClient } from '@slack/web-api';
import type { Clock } from '../../src/core/ports/clock';
import type { RecentThread } from '../../src/core/ports/inbound';
import type { ThreadRef } from '../../src/core/ports/platform';
import { ingestMessage, type EventContext, type SelfIds, type SlackObject } from './events';
import { decodeSlackText, tsToDate } from './text';
import { toDeliveryError } from './web';

/** Replies are gathered for this long after a prompt; older threads are not re-read at start. */
export const CATCH_UP_DAYS = 3;
/** Pages of conversations.replies read per thread at most (200 messages each). */
export const CATCH_UP_MAX_PAGES = 20;
/** Stored replies newer than this before the read may have arrived live meanwhile: never tombstoned. */
const LIVE_MARGIN_SEC = 60;

/**
 * Replies written while the bot was down (Slack gives up redelivering after ~5 minutes): read the
 * current prompt threads with conversations.replies and feed each message through the same
 * normaliser. Keys are per message (`catchup:<channel>:<ts>`); a reply already stored from its live
 * event is a duplicate by message id in the store.
 */
export async function catchUpReplies(opts: {
  threads: RecentThread[];
  clientFor(thread: RecentThread): Promise<{ client: WebClient; teamId?: string; self: SelfIds } | null>;
  ctx: EventContext;
  clock: Clock;
  stopped(): boolean;
  /**
   * Message ids of the replies the store holds (not deleted) for a thread. When given, a stored
   * reply that a completely read thread no longer has was deleted while we were down: tombstone it.
   */
  storedReplies?(thread: RecentThread): Promise<string[]>;
  pageLimit?: number;
}): Promise<{ threads: number; stored: number; deleted: number; failed: number }> {
  const out = { threads: 0, stored: 0, deleted: 0, failed: 0 };
  for (const thread of opts.threads) {
    if (opts.stopped()) break;
    let cursor: string | undefined;
    try {
      const c = await opts.clientFor(thread);
      if (!c) continue;
      const seen = new Set<string>();
      let complete = false;
      // A reply that arrives live while we read was not "deleted": only older stored replies count.
      const readFromSec = opts.clock.now().getTime() / 1000 - LIVE_MARGIN_SEC;
      for (let page = 0; page < CATCH_UP_MAX_PAGES; page++) {
        const res = await fetchReplies(c.client, thread, cursor, opts.clock, opts.pageLimit);
        if (!Array.isArray(res?.messages)) break; // not a readable answer: incomplete
        for (const m of res.messages) {
          if (!m || !m.ts || m.ts === thread.id) continue;
          // Slack's reply type does not list `subtype`; a deleted parent shows as a tombstone.
          if ((m as SlackObject).subtype !== 'tombstone') seen.add(m.ts);
          const meta = { eventKey: `catchup:${thread.channelId}:${m.ts}`, channelId: thread.channelId, teamId: c.teamId, self: c.self };
          const r = await ingestMessage(m as SlackObject, meta, opts.ctx);
          if (r === 'stored') out.stored++;
          // An edit made while we were down: apply it (ignored by the store when the text is the same reply).
          if (r === 'duplicate' && m.edited?.ts && typeof m.text === 'string') {
            await opts.ctx.inbound.replyEdited({
              eventKey: `catchup-edit:${thread.channelId}:${m.ts}:${m.edited.ts}`,
              platform: 'slack',
              channelId: thread.channelId,
              threadId: thread.id,
              messageId: m.ts,
              text: decodeSlackText(m.text),
              at: tsToDate(m.edited.ts),
            });
          }
        }
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!res.has_more || !cursor) {
          complete = !res.has_more;
          break;
        }
      }
      // Deletions only from a thread read to its end without error: a missing page is not a deletion.
      if (complete && opts.storedReplies) {
        for (const ts of await opts.storedReplies(thread)) {
          if (seen.has(ts) || ts === thread.id || !(Number(ts) < readFromSec) || opts.stopped()) continue;
          const r = await opts.ctx.inbound.replyDeleted({
            eventKey: `catchup-delete:${thread.channelId}:${ts}`,
            platform: 'slack',
            channelId: thread.channelId,
            messageId: ts,
            at: opts.clock.now(),
          });
          if (r === 'stored') out.deleted++;
        }
      }
      out.threads++;
    } catch (err) {
      out.failed++;
      opts.ctx.log.warn({ err: toDeliveryError(err), channel: thread.channelId, thread: thread.id }, 'could not catch up a Slack thread');
    }
  }
  return out;
}

/** One page of a thread; waits out one 429 (Retry-After) before giving up on the thread. */
async function fetchReplies(client: WebClient, thread: ThreadRef, cursor: string | undefined, clock: Clock, limit = 200): Promise<ConversationsRepliesResponse | undefined> {
  const call = () => client.conversations.replies({ channel: thread.channelId, ts: thread.id, limit, cursor });
  try {
    return await call();
  } catch (err) {
    const de = toDeliveryError(err);
    if (de.reason !== 'ratelimited') throw err;
    await clock.sleep(de.retryAfterMs ?? 1000);
    return call();
  }
}
