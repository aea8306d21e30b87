import type { Selectable } from 'kysely';
import type { LocalMessage, SandboxMessages } from '../../adapters/local/sandbox-messages';
import type { StoreContext } from './context';
import type { RoleQueries } from './role';
import { localMessageKind } from './enums';
import { date, iso } from './rows';
import type { LocalMessagesTable } from './schema';

// The sandbox's own messages (the `local_messages` table): the port adapters/local owns.

async function addLocalMessage({ db }: StoreContext, m: LocalMessage): Promise<void> {
  await db
    .insertInto('local_messages')
    .values({
      id: m.id, channel_id: m.channelId, thread_id: m.threadId, user_id: m.user, kind: m.kind,
      body: JSON.stringify(m.body ?? null), at: iso(m.at),
    })
    .execute();
}

async function updateLocalMessage({ db }: StoreContext, id: string, body: unknown): Promise<boolean> {
  const r = await db.updateTable('local_messages').set({ body: JSON.stringify(body ?? null) }).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

async function listLocalMessages({ db }: StoreContext, channelId?: string): Promise<LocalMessage[]> {
  let q = db.selectFrom('local_messages').selectAll();
  if (channelId !== undefined) q = q.where('channel_id', '=', channelId);
  const rows = await q.orderBy('at').orderBy('id').execute();
  return rows.map(toLocalMessage);
}

async function pageLocalMessages({ db }: StoreContext, q: { channelId?: string; after?: { at: Date; id: string }; limit: number }): Promise<LocalMessage[]> {
  let sel = db.selectFrom('local_messages').selectAll();
  if (q.channelId !== undefined) sel = sel.where('channel_id', '=', q.channelId);
  const after = q.after;
  if (after) {
    const at = iso(after.at);
    sel = sel.where((eb) => eb.or([eb('at', '>', at), eb.and([eb('at', '=', at), eb('id', '>', after.id)])]));
  }
  const rows = await sel.orderBy('at').orderBy('id').limit(q.limit).execute();
  return rows.map(toLocalMessage);
}

async function localMessageChars({ db }: StoreContext, channelId: string): Promise<number> {
  const row = await db
    .selectFrom('local_messages')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>(eb.fn('length', ['body'])), eb.lit(0)).as('chars'))
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
  return Number(row?.chars ?? 0);
}

function toLocalMessage(r: Selectable<LocalMessagesTable>): LocalMessage {
  return {
    id: r.id,
    channelId: r.channel_id,
    threadId: r.thread_id,
    user: r.user_id,
    kind: localMessageKind(r.kind),
    body: JSON.parse(r.body),
    at: date(r.at),
  };
}

export const sandboxMessagesRole: RoleQueries<SandboxMessages> = { addLocalMessage, updateLocalMessage, listLocalMessages, pageLocalMessages, localMessageChars };
