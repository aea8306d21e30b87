import type { Platform } from '../core/ports/platform';
import type { ExpressionBuilder } from 'kysely';
import type { ForgetScope, People, PersonName } from '../core/ports/store';
import type { Database } from './schema';
import type { StoreContext } from './context';
import type { RoleQueries } from './role';
import { iso, n } from './rows';
import { writeTransaction } from './tx';
import { SANDBOX } from '../platforms';

/**
 * "forget me": every reply text (and its files and links) by this user id becomes NULL, their
 * reactions, sandbox replies and display name go — on every platform, or only within `scope` (the
 * platform and workspace the person spoke from). Returns rows touched; 0 when called again.
 */
export function forgetUser(ctx: StoreContext, userId: string, scope?: ForgetScope): Promise<number> {
  return writeTransaction(ctx.db, ctx.kind, async (trx) => {
    // Channels of the scope's workspace (those stored without a workspace belong to the only one).
    const inWorkspace = (eb: ExpressionBuilder<Database, 'replies' | 'reactions'>, table: 'replies' | 'reactions') =>
      eb(`${table}.channel_id`, 'in', eb.selectFrom('channels').select('channels.channel_id')
        .where('channels.platform', '=', scope!.platform)
        .where((w) => w.or([w('channels.workspace_id', '=', scope!.workspaceId!), w('channels.workspace_id', 'is', null)])));
    let replies = trx
      .updateTable('replies')
      .set({ text: null, plain_text: null, mentions: null, files: '[]', links: '[]' })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('text', 'is not', null), eb('files', '<>', '[]'), eb('links', '<>', '[]')]));
    let reactions = trx.deleteFrom('reactions').where('user_id', '=', userId);
    let names = trx.deleteFrom('people_names').where('user_id', '=', userId);
    if (scope) {
      replies = replies.where('platform', '=', scope.platform);
      reactions = reactions.where('platform', '=', scope.platform);
      names = names.where('platform', '=', scope.platform);
      if (scope.workspaceId) {
        replies = replies.where((eb) => inWorkspace(eb, 'replies'));
        reactions = reactions.where((eb) => inWorkspace(eb, 'reactions'));
      }
    }
    const r = await replies.executeTakeFirst();
    const x = await reactions.executeTakeFirst();
    const local = !scope || scope.platform === SANDBOX ? await trx.deleteFrom('local_messages').where('user_id', '=', userId).where('kind', '=', 'reply').executeTakeFirst() : { numDeletedRows: 0n };
    const nm = await names.executeTakeFirst();
    return n(r.numUpdatedRows) + n(x.numDeletedRows) + n(local.numDeletedRows) + n(nm.numDeletedRows);
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

export const peopleRole: RoleQueries<People> = { forgetUser, pruneReplies, saveName, getNames };
