import type { ConversationsRepliesResponse, WebClient } from '@slack/web-api';
import type { Clock } from '../../src/core/ports/clock';
import type { RecentThread, ReplyOutcome } from '../../src/core/ports/inbound';
import type { ThreadRef } from '../../src/core/ports/platform';
import { ingestMessage, type EventContext, type SelfIds, type SlackObject } from './events';
import { slackPlainText } from './plain-text';
import { decodeSlackText, tsToDate } from './text';
import { toDeliveryError } from './web';

/** Replies are gathered for this long after a prompt; older threads are not re-read at start. */
export const CATCH_UP_DAYS = 3;
/** Pages of conversations.replies read per thread at most (200 messages each). */
export const CATCH_UP_MAX_PAGES = 20;
/** Stored replies newer than this before the read may have arrived live meanwhile: never tombstoned. */
const LIVE_MARGIN_SEC = 60;

/** What the catch-up reads, with which client, and how it stores. */
export interface CatchUpOptions {
  threads: RecentThread[];
  clientFor(thread: RecentThread): Promise<ThreadClient | null>;
  ctx: EventContext;
  clock: Clock;
  stopped(): boolean;
  /**
   * Message ids of the replies the store holds (not deleted) for a thread. When given, a stored
   * reply that a completely read thread no longer has was deleted while we were down: tombstone it.
   */
  storedReplies?(thread: RecentThread): Promise<string[]>;
  pageLimit?: number;
}

/** A client in the thread's workspace, with that workspace's id and our ids there. */
export interface ThreadClient {
  client: WebClient;
  teamId?: string;
  self: SelfIds;
}

export interface CatchUpCounts {
  threads: number;
  stored: number;
  deleted: number;
  failed: number;
}

/**
 * Replies written while the bot was down (Slack gives up redelivering after ~5 minutes): read the
 * current prompt threads with conversations.replies and feed each message through the same
 * normaliser. Keys are per message (`catchup:<channel>:<ts>`); a reply already stored from its live
 * event is a duplicate by message id in the store.
 */
export async function catchUpReplies(opts: CatchUpOptions): Promise<CatchUpCounts> {
  const out = { threads: 0, stored: 0, deleted: 0, failed: 0 };
  for (const thread of opts.threads) {
    if (opts.stopped()) break;
    try {
      const c = await opts.clientFor(thread);
      if (!c) continue;
      // A reply that arrives live while we read was not "deleted": only older stored replies count.
      const readFromSec = opts.clock.now().getTime() / 1000 - LIVE_MARGIN_SEC;
      const { seen, complete } = await readThread(thread, c, opts, out);
      // Deletions only from a thread read to its end without error: a missing page is not a deletion.
      if (complete) await tombstoneMissing(thread, seen, readFromSec, opts, out);
      out.threads++;
    } catch (err) {
      out.failed++;
      opts.ctx.log.warn({ err: toDeliveryError(err), channel: thread.channelId, thread: thread.id }, 'could not catch up a Slack thread');
    }
  }
  return out;
}

/** Every page of one thread through the normaliser; `complete` when Slack said there was no more. */
async function readThread(thread: RecentThread, c: ThreadClient, opts: CatchUpOptions, out: CatchUpCounts): Promise<{ seen: Set<string>; complete: boolean }> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < CATCH_UP_MAX_PAGES; page++) {
    const res = await fetchReplies(c.client, thread, cursor, opts.clock, opts.pageLimit);
    if (!Array.isArray(res?.messages)) break; // not a readable answer: incomplete
    for (const m of res.messages) {
      if (!m || !m.ts || m.ts === thread.id) continue;
      // Slack's reply type does not list `subtype`; a deleted parent shows as a tombstone.
      if (!('subtype' in m) || m.subtype !== 'tombstone') seen.add(m.ts);
      if ((await ingestReply(m, m.ts, thread, c, opts.ctx)) === 'stored') out.stored++;
    }
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!res.has_more || !cursor) return { seen, complete: !res.has_more };
  }
  return { seen, complete: false };
}

type ReplyMessage = NonNullable<ConversationsRepliesResponse['messages']>[number];

/** One message of the thread, as its live event would have been; an edit made while down is applied. */
async function ingestReply(m: ReplyMessage, ts: string, thread: RecentThread, c: ThreadClient, ctx: EventContext): Promise<ReplyOutcome> {
  const meta = { eventKey: `catchup:${thread.channelId}:${ts}`, channelId: thread.channelId, teamId: c.teamId, self: c.self };
  // Only widens (Slack's interface has no index signature): ingestMessage reads each field as unknown.
  const r = await ingestMessage(m as SlackObject, meta, ctx);
  // Ignored by the store when the text is the same reply.
  if (r === 'duplicate' && m.edited?.ts && typeof m.text === 'string') {
    await ctx.inbound.replyEdited({
      eventKey: `catchup-edit:${thread.channelId}:${ts}:${m.edited.ts}`,
      platform: 'slack',
      channelId: thread.channelId,
      threadId: thread.id,
      messageId: ts,
      text: decodeSlackText(m.text),
      ...slackPlainText(m.text),
      at: tsToDate(m.edited.ts),
    });
  }
  return r;
}

/** Stored replies the completely read thread no longer has (and older than the read): deleted meanwhile. */
async function tombstoneMissing(thread: RecentThread, seen: Set<string>, readFromSec: number, opts: CatchUpOptions, out: CatchUpCounts): Promise<void> {
  if (!opts.storedReplies) return;
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
