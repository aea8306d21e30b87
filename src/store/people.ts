import type { Platform } from '../core/ports/platform';
import type { PersonName } from '../core/ports/store';
import type { StoreContext } from './context';
import { iso, n } from './rows';
import { writeTransaction } from './tx';

/**
 * "forget me": every reply text (and its files and links) by this user id becomes NULL on every
 * platform, their reactions and their sandbox replies go. Returns rows touched; 0 when called again.
 */
export function forgetUser(ctx: StoreContext, userId: string): Promise<number> {
  return writeTransaction(ctx.db, ctx.kind, async (trx) => {
    const replies = await trx
      .updateTable('replies')
      .set({ text: null, files: '[]', links: '[]' })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('text', 'is not', null), eb('files', '<>', '[]'), eb('links', '<>', '[]')]))
      .executeTakeFirst();
    const reactions = await trx.deleteFrom('reactions').where('user_id', '=', userId).executeTakeFirst();
    const local = await trx.deleteFrom('local_messages').where('user_id', '=', userId).where('kind', '=', 'reply').executeTakeFirst();
    const names = await trx.deleteFrom('people_names').where('user_id', '=', userId).executeTakeFirst();
    return n(replies.numUpdatedRows) + n(reactions.numDeletedRows) + n(local.numDeletedRows) + n(names.numDeletedRows);
  });
}

/** Retention: replies written before `olderThan` go, with the reactions on them. Returns replies deleted. */
export function pruneReplies(ctx: StoreContext, olderThan: Date): Promise<number> {
  const t = iso(olderThan);
  return writeTransaction(ctx.db, ctx.kind, async (trx) => {
    await trx
      .deleteFrom('reactions')
      .where(({ exists, selectFrom }) => exists(selectFrom('replies as r').select('r.message_id')
        .whereRef('r.platform', '=', 'reactions.platform')
        .whereRef('r.channel_id', '=', 'reactions.channel_id')
        .whereRef('r.message_id', '=', 'reactions.item_id')
        .where('r.at', '<', t)))
      .execute();
    // The sandbox keeps its own copy of what people wrote: retention covers it too.
    await trx.deleteFrom('local_messages').where('kind', '=', 'reply').where('at', '<', t).execute();
    const r = await trx.deleteFrom('replies').where('at', '<', t).executeTakeFirst();
    // A name is kept for the words it credits: once none are left, it goes too.
    await trx
      .deleteFrom('people_names')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('replies as r').select('r.message_id')
        .whereRef('r.platform', '=', 'people_names.platform')
        .whereRef('r.user_id', '=', 'people_names.user_id'))))
      .execute();
    return n(r.numDeletedRows);
  });
}

/** Insert or refresh a person's display name. */
export async function saveName({ db }: StoreContext, platform: Platform, userId: string, name: string, now: Date): Promise<void> {
  await db
    .insertInto('people_names')
    .values({ platform, user_id: userId, name, updated_at: iso(now) })
    .onConflict((oc) => oc.columns(['platform', 'user_id']).doUpdateSet({ name, updated_at: iso(now) }))
    .execute();
}

/** Stored names of these people on one platform (all of the platform's when `userIds` is omitted). */
export async function getNames({ db }: StoreContext, platform: Platform, userIds?: string[]): Promise<Map<string, PersonName>> {
  const out = new Map<string, PersonName>();
  if (userIds && userIds.length === 0) return out;
  let q = db.selectFrom('people_names').select(['user_id', 'name', 'updated_at']).where('platform', '=', platform);
  if (userIds) q = q.where('user_id', 'in', [...new Set(userIds)]);
  for (const r of await q.execute()) out.set(r.user_id, { name: r.name, updatedAt: new Date(r.updated_at) });
  return out;
}
