import { sql } from 'kysely';
import type { Platform } from '../core/ports/platform';
import type { ReplyTally } from '../core/ports/store';
import type { StoreContext } from './context';
import { n } from './rows';

/** Bound parameters per IN list: SQLite allows 32,766 in one statement, PostgreSQL 65,535. */
const IN_CHUNK = 5000;

/**
 * Each person's live replies (neither deleted nor forgotten) under each of these prompt threads,
 * counted in the database: the figures of a run of 100,000 replies without reading one of them.
 * With `firstEver`, each row says whether it holds the person's first live reply anywhere, first
 * in the order listReplies gives (time, platform, channel, message) — a sort of every live reply,
 * so only when asked.
 */
export async function replyTallies({ db }: StoreContext, deliveryIds: string[], opts: { firstEver?: boolean } = {}): Promise<ReplyTally[]> {
  const tallies: ReplyTally[] = [];
  for (let i = 0; i < deliveryIds.length; i += IN_CHUNK) {
    const ids = deliveryIds.slice(i, i + IN_CHUNK);
    const rows = await db
      .selectFrom('replies')
      .select(['delivery_id', 'platform', 'user_id', 'external', (eb) => eb.fn.countAll().as('c')])
      .where('delivery_id', 'in', ids)
      .where('text', 'is not', null)
      .where('deleted_at', 'is', null)
      .groupBy(['delivery_id', 'platform', 'user_id', 'external'])
      .execute();
    if (rows.length === 0) continue;
    if (!opts.firstEver) {
      tallies.push(...rows.map((r) => ({ deliveryId: r.delivery_id, platform: r.platform as Platform, user: r.user_id, external: Boolean(r.external), replies: n(r.c) })));
      continue;
    }
    // Whose first live reply ever is in these threads, and which one it is.
    const firsts = await sql<{ delivery_id: string; platform: string; user_id: string; external: number | boolean }>`
      select delivery_id, platform, user_id, external from (
        select delivery_id, platform, user_id, external,
          row_number() over (partition by platform, user_id order by at, platform, channel_id, message_id) as n
        from replies
        where text is not null and deleted_at is null
      ) ordered
      where n = 1 and delivery_id in (${sql.join(ids)})`.execute(db);
    const first = new Set(firsts.rows.map((r) => key(r.delivery_id, r.platform, r.user_id, Boolean(r.external))));
    for (const r of rows) {
      const external = Boolean(r.external);
      tallies.push({
        deliveryId: r.delivery_id,
        platform: r.platform as Platform,
        user: r.user_id,
        external,
        replies: n(r.c),
        firstEver: first.has(key(r.delivery_id, r.platform, r.user_id, external)),
      });
    }
  }
  return tallies;
}

const key = (deliveryId: string, platform: string, user: string, external: boolean) => JSON.stringify([deliveryId, platform, user, external]);
