import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../src/core/ports/clock';
import type { ThreadRef } from '../../src/core/ports/platform';
import { ingestMessage, type EventContext, type SelfIds } from './events';
import { decodeSlackText, tsToDate } from './text';
import { toDeliveryError } from './web';

/** Replies are gathered for this long after a prompt; older threads are not re-read at start. */
export const CATCH_UP_DAYS = 3;

/**
 * Replies written while the bot was down (Slack gives up redelivering after ~5 minutes): read the
 * current prompt threads with conversations.replies and feed each message through the same
 * normaliser. Keys are per message (`catchup:<channel>:<ts>`); a reply already stored from its live
 * event is a duplicate by message id in the store.
 */
export async function catchUpReplies(opts: {
  threads: ThreadRef[];
  clientFor(thread: ThreadRef): Promise<{ client: WebClient; teamId?: string; self: SelfIds } | null>;
  ctx: EventContext;
  clock: Clock;
  stopped(): boolean;
}): Promise<{ threads: number; stored: number; failed: number }> {
  const out = { threads: 0, stored: 0, failed: 0 };
  for (const thread of opts.threads) {
    if (opts.stopped()) break;
    const c = await opts.clientFor(thread);
    if (!c) continue;
    let cursor: string | undefined;
    try {
      for (let page = 0; page < 20; page++) {
        const res: any = await fetchReplies(c.client, thread, cursor, opts.clock);
        for (const m of (res.messages ?? []) as any[]) {
          if (!m || m.ts === thread.id) continue;
          const meta = { eventKey: `catchup:${thread.channelId}:${m.ts}`, channelId: thread.channelId, teamId: c.teamId, self: c.self };
          const r = await ingestMessage(m, meta, opts.ctx);
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
        if (!res.has_more || !cursor) break;
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
async function fetchReplies(client: WebClient, thread: ThreadRef, cursor: string | undefined, clock: Clock): Promise<unknown> {
  const call = () => client.conversations.replies({ channel: thread.channelId, ts: thread.id, limit: 200, cursor });
  try {
    return await call();
  } catch (err) {
    const de = toDeliveryError(err);
    if (de.reason !== 'ratelimited') throw err;
    await clock.sleep(de.retryAfterMs ?? 1000);
    return call();
  }
}
