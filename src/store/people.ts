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
    return n(replies.numUpdatedRows) + n(reactions.numDeletedRows) + n(local.numDeletedRows);
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
    return n(r.numDeletedRows);
  });
}
