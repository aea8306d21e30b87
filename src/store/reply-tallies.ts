import { sql } from 'kysely';
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
export async function replyTallies(ctx: StoreContext, deliveryIds: string[], opts: { firstEver?: boolean } = {}): Promise<ReplyTally[]> {
  const tallies: ReplyTally[] = [];
  for (let i = 0; i < deliveryIds.length; i += IN_CHUNK) {
    const ids = deliveryIds.slice(i, i + IN_CHUNK);
    const rows = opts.firstEver ? await withFirsts(ctx, ids) : await counted(ctx, ids);
    for (const r of rows) {
      tallies.push({
        deliveryId: r.delivery_id,
        platform: r.platform,
        user: r.user_id,
        external: Boolean(r.external),
        replies: n(r.c),
        ...(opts.firstEver ? { firstEver: n(r.first) === 1 } : {}),
      });
    }
  }
  return tallies;
}

type TallyRow = { delivery_id: string; platform: string; user_id: string; external: number | boolean; c: number | string | bigint; first?: number | string };

function counted({ db }: StoreContext, ids: string[]): Promise<TallyRow[]> {
  return db
    .selectFrom('replies')
    .select(['delivery_id', 'platform', 'user_id', 'external', (eb) => eb.fn.countAll<number>().as('c')])
    .where('delivery_id', 'in', ids)
    .where('text', 'is not', null)
    .where('deleted_at', 'is', null)
    .groupBy(['delivery_id', 'platform', 'user_id', 'external'])
    .execute();
}

/** The counts with each person's live replies numbered in listReplies order (one sort, one statement). */
async function withFirsts({ db }: StoreContext, ids: string[]): Promise<TallyRow[]> {
  const { rows } = await sql<TallyRow>`
    select delivery_id, platform, user_id, external, count(*) as c, max(case when n = 1 then 1 else 0 end) as first
    from (
      select delivery_id, platform, user_id, external,
        row_number() over (partition by platform, user_id order by at, platform, channel_id, message_id) as n
      from replies
      where text is not null and deleted_at is null
    ) numbered
    where delivery_id in (${sql.join(ids)})
    group by delivery_id, platform, user_id, external`.execute(db);
  return rows;
}
