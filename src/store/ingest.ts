import type { Platform } from '../core/ports/platform';
import { sql } from 'kysely';
import type { PlainText } from '../core/ports/inbound';
import type { IngestResult, NewReply, ReactionRecord, ReplyFilter, ReplyRecord } from '../core/ports/store';
import { runCompiled } from './compiled';
import type { StoreContext } from './context';
import { postgresReplies, type ReplyRow } from './reply-batch';
import { bool, iso, n, toReply } from './rows';
import type { Db } from './tx';

/**
 * Each ingest call records its event key and applies its effect in one write transaction, so a
 * platform's retry of the same event is stored once, and a crash leaves neither half behind.
 * Concurrent events share a transaction (group commit); each call resolves once it is committed.
 */
async function ingest(ctx: StoreContext, eventKey: string, now: Date, effect: (trx: Db) => Promise<IngestResult>): Promise<IngestResult> {
  return ctx.commits.run(async (trx) => {
    const at = iso(now);
    const [first] = await runCompiled(ctx, trx, 'event-key', [eventKey, at], (db) => db
      .insertInto('processed_events')
      .values({ event_key: eventKey, at })
      .onConflict((oc) => oc.doNothing())
      .returning('event_key'));
    if (!first) return 'duplicate';
    return effect(trx);
  });
}

/** 'duplicate' also when the same message arrived before under another event key (first one kept). */
export function addReply(ctx: StoreContext, eventKey: string, r: NewReply, now: Date): Promise<IngestResult> {
  // PostgreSQL: the batch's replies share one statement (see reply-batch.ts).
  if (ctx.kind === 'postgres') return ctx.commits.merge(postgresReplies, { eventKey, eventAt: iso(now), values: replyValues(r) });
  return ingest(ctx, eventKey, now, async (trx) => {
    const v = replyValues(r);
    const [row] = await runCompiled(ctx, trx, 'reply-insert', Object.values(v), (db) => db
      .insertInto('replies')
      .values(v)
      .onConflict((oc) => oc.doNothing())
      .returning('message_id'));
    return row ? 'stored' : 'duplicate';
  });
}

function replyValues(r: NewReply): ReplyRow['values'] {
  return {
    platform: r.platform,
    channel_id: r.channelId,
    message_id: r.messageId,
    thread_id: r.threadId,
    delivery_id: r.deliveryId,
    user_id: r.user,
    text: r.text,
    plain_text: r.plainText ?? r.text,
    mentions: JSON.stringify(r.mentions ?? []),
    at: iso(r.at),
    files: JSON.stringify(r.files ?? []),
    links: JSON.stringify(r.links ?? []),
    external: bool(r.external),
  };
}

/** Apply `set` to a reply that exists and is not deleted; 'ignored' otherwise (the event is still recorded). */
function updateLiveReply(
  ctx: StoreContext, eventKey: string, platform: Platform, channelId: string, messageId: string, now: Date,
  set: { text: string | null; plain_text: string | null; mentions: string | null; edited_at?: string; files?: string; links?: string; deleted_at?: string },
): Promise<IngestResult> {
  return ingest(ctx, eventKey, now, async (trx) => {
    const r = await trx
      .updateTable('replies')
      .set(set)
      .where('platform', '=', platform)
      .where('channel_id', '=', channelId)
      .where('message_id', '=', messageId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return n(r.numUpdatedRows) > 0 ? 'stored' : 'ignored';
  });
}

export function editReply(
  ctx: StoreContext, eventKey: string, platform: Platform, channelId: string, messageId: string, text: string, at: Date, now: Date, plain?: PlainText,
): Promise<IngestResult> {
  const read = { plain_text: plain?.plainText ?? text, mentions: JSON.stringify(plain?.mentions ?? []) };
  return updateLiveReply(ctx, eventKey, platform, channelId, messageId, now, { text, ...read, edited_at: iso(at) });
}

/** Tombstone: the text and attachments go, the row stays (counts and dedupe stay right). */
export function deleteReply(
  ctx: StoreContext, eventKey: string, platform: Platform, channelId: string, messageId: string, at: Date, now: Date,
): Promise<IngestResult> {
  return updateLiveReply(ctx, eventKey, platform, channelId, messageId, now, { text: null, plain_text: null, mentions: null, files: '[]', links: '[]', deleted_at: iso(at) });
}

/** Idempotent per (item, user, emoji): a second add of the same reaction keeps the first. */
export function addReaction(ctx: StoreContext, eventKey: string, r: ReactionRecord, now: Date): Promise<IngestResult> {
  return ingest(ctx, eventKey, now, async (trx) => {
    await trx
      .insertInto('reactions')
      .values({ platform: r.platform, channel_id: r.channelId, item_id: r.itemId, user_id: r.user, emoji: r.emoji, at: iso(r.at) })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return 'stored';
  });
}

export function removeReaction(ctx: StoreContext, eventKey: string, r: Omit<ReactionRecord, 'at'>, now: Date): Promise<IngestResult> {
  return ingest(ctx, eventKey, now, async (trx) => {
    const res = await trx
      .deleteFrom('reactions')
      .where('platform', '=', r.platform)
      .where('channel_id', '=', r.channelId)
      .where('item_id', '=', r.itemId)
      .where('user_id', '=', r.user)
      .where('emoji', '=', r.emoji)
      .executeTakeFirst();
    return n(res.numDeletedRows) > 0 ? 'stored' : 'ignored';
  });
}

/** Records a key with no other effect; true only for the first caller (e.g. a request signature). */
export async function recordEvent({ db }: StoreContext, eventKey: string, now: Date): Promise<boolean> {
  const first = await db.insertInto('processed_events').values({ event_key: eventKey, at: iso(now) }).onConflict((oc) => oc.doNothing()).returning('event_key').executeTakeFirst();
  return first !== undefined;
}

export async function hasEvent({ db }: StoreContext, eventKey: string): Promise<boolean> {
  const row = await db.selectFrom('processed_events').select('event_key').where('event_key', '=', eventKey).executeTakeFirst();
  return row !== undefined;
}

export async function pruneEvents({ db }: StoreContext, olderThan: Date): Promise<number> {
  const r = await db.deleteFrom('processed_events').where('at', '<', iso(olderThan)).executeTakeFirst();
  return n(r.numDeletedRows);
}

/** One reply by its platform ids, tombstones included (text null). */
export async function getReply({ db }: StoreContext, platform: Platform, channelId: string, messageId: string): Promise<ReplyRecord | null> {
  const row = await db.selectFrom('replies').selectAll()
    .where('platform', '=', platform).where('channel_id', '=', channelId).where('message_id', '=', messageId)
    .executeTakeFirst();
  return row ? toReply(row) : null;
}

export async function listReplies({ db }: StoreContext, f: ReplyFilter): Promise<ReplyRecord[]> {
  let q = db.selectFrom('replies').selectAll();
  if (f.deliveryIds) {
    if (f.deliveryIds.length === 0) return [];
    q = q.where('delivery_id', 'in', f.deliveryIds);
  }
  if (!f.includeDeleted) q = q.where('deleted_at', 'is', null);
  const a = f.after;
  // Row-value comparison (SQLite ≥ 3.15 and PostgreSQL): the next page starts right after the last row.
  if (a) q = q.where(sql<boolean>`(at, platform, channel_id, message_id) > (${iso(a.at)}, ${a.platform}, ${a.channelId}, ${a.messageId})`);
  q = q.orderBy('at').orderBy('platform').orderBy('channel_id').orderBy('message_id');
  if (f.limit !== undefined) q = q.limit(f.limit);
  const rows = await q.execute();
  return rows.map(toReply);
}

/** Bound parameters per IN list: SQLite allows 32,766 in one statement, PostgreSQL 65,535. */
const IN_CHUNK = 5000;

/** Reactions per item; a thread of any size (the ids go in chunks of IN_CHUNK). */
export async function reactionCounts({ db }: StoreContext, platform: Platform, channelId: string, itemIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < itemIds.length; i += IN_CHUNK) {
    const rows = await db
      .selectFrom('reactions')
      .select(['item_id', (eb) => eb.fn.countAll().as('c')])
      .where('platform', '=', platform)
      .where('channel_id', '=', channelId)
      .where('item_id', 'in', itemIds.slice(i, i + IN_CHUNK))
      .groupBy('item_id')
      .execute();
    for (const r of rows) counts.set(r.item_id, Number(r.c));
  }
  return counts;
}
