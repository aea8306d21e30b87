import { CompiledQuery } from 'kysely';
import type { IngestResult } from '../core/ports/store';
import type { ManyAtOnce } from './group-commit';
import type { RepliesTable } from './schema';
import type { Db } from './tx';

/** One reply to store under its event key, as the columns hold it. */
export interface ReplyRow {
  eventKey: string;
  /** When the event was recorded (processed_events.at). */
  eventAt: string;
  /** A new reply is neither edited nor deleted yet. */
  values: Omit<RepliesTable, 'edited_at' | 'deleted_at'>;
}

const COLUMNS = ['platform', 'channel_id', 'message_id', 'thread_id', 'delivery_id', 'user_id', 'text', 'plain_text', 'mentions', 'at', 'files', 'links', 'external'] as const;

/**
 * PostgreSQL, a whole batch of replies in one statement (one round trip and, outside a larger
 * transaction, one commit): the rows arrive as one array per column (the same SQL text for any
 * batch size), the event keys go in first, and a reply goes in only when its key was new. Both
 * inserts skip conflicts row by row; of two copies of one message the first in the batch wins,
 * exactly as if the events had been stored one after the other. Rows go in key order, so two
 * such statements running at once (overlapping batches, or two replicas) wait for each other
 * without deadlocking.
 */
const PG_SQL = `with input as (
  select * from unnest($1::text[], $2::text[], ${COLUMNS.map((c, i) => `$${i + 3}::${c === 'external' ? 'int' : 'text'}[]`).join(', ')}) with ordinality
    as t(event_key, event_at, ${COLUMNS.join(', ')}, ord)
), e as (
  insert into processed_events (event_key, at) select event_key, event_at from input order by event_key
  on conflict do nothing returning event_key
), r as (
  insert into replies (${COLUMNS.join(', ')})
  select ${COLUMNS.join(', ')} from input where event_key in (select event_key from e) order by platform, channel_id, message_id, ord
  on conflict do nothing returning platform, channel_id, message_id
)
select 'e' as kind, event_key as a, null as b, null as c from e
union all select 'r', platform, channel_id, message_id from r`;

const messageKey = (v: { platform: string; channel_id: string; message_id: string }) => `${v.platform}\u0000${v.channel_id}\u0000${v.message_id}`;

async function runPostgres(trx: Db, rows: readonly ReplyRow[]): Promise<IngestResult[]> {
  // A key twice in one batch: only its first copy is sent (the others are duplicates by definition).
  const firstOfKey = new Set<string>();
  const sent = rows.filter((r) => !firstOfKey.has(r.eventKey) && firstOfKey.add(r.eventKey));
  const params: unknown[] = [sent.map((r) => r.eventKey), sent.map((r) => r.eventAt), ...COLUMNS.map((c) => sent.map((r) => r.values[c]))];
  const result = await trx.executeQuery<{ kind: 'e' | 'r'; a: string; b: string | null; c: string | null }>(CompiledQuery.raw(PG_SQL, params));
  const newKeys = new Set<string>();
  const stored = new Set<string>();
  for (const row of result.rows) {
    if (row.kind === 'e') newKeys.add(row.a);
    else stored.add(messageKey({ platform: row.a, channel_id: row.b!, message_id: row.c! }));
  }
  return rows.map((r) => {
    // Each new key and each stored message is credited to its first row; later copies are duplicates.
    if (!newKeys.delete(r.eventKey)) return 'duplicate';
    return stored.delete(messageKey(r.values)) ? 'stored' : 'duplicate';
  });
}

export const postgresReplies: ManyAtOnce<ReplyRow, IngestResult> = { run: runPostgres, oneStatement: true, independent: true };
