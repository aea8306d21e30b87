import type { Platform } from '../core/ports/platform';
import type { LocalMessage } from '../core/ports/store';
import type { StoreContext } from './context';
import { iso, toLocalMessage } from './rows';
import { SANDBOX } from '../platforms';

// sandbox messages, installations, meta: small tables with plain reads and upserts

export async function addLocalMessage({ db }: StoreContext, m: LocalMessage): Promise<void> {
  await db
    .insertInto('local_messages')
    .values({
      id: m.id, channel_id: m.channelId, thread_id: m.threadId, user_id: m.user, kind: m.kind,
      body: JSON.stringify(m.body ?? null), at: iso(m.at),
    })
    .execute();
}

export async function listLocalMessages({ db }: StoreContext, channelId?: string): Promise<LocalMessage[]> {
  let q = db.selectFrom('local_messages').selectAll();
  if (channelId !== undefined) q = q.where('channel_id', '=', channelId);
  const rows = await q.orderBy('at').orderBy('id').execute();
  return rows.map(toLocalMessage);
}

export async function saveInstallation({ db }: StoreContext, platform: Platform, workspaceId: string, data: string, now: Date): Promise<void> {
  await db
    .insertInto('installations')
    .values({ platform, workspace_id: workspaceId, data, updated_at: iso(now) })
    .onConflict((oc) => oc.columns(['platform', 'workspace_id']).doUpdateSet({ data, updated_at: iso(now) }))
    .execute();
}

export async function getInstallation({ db }: StoreContext, platform: Platform, workspaceId: string): Promise<string | null> {
  const row = await db.selectFrom('installations').select('data').where('platform', '=', platform).where('workspace_id', '=', workspaceId).executeTakeFirst();
  return row ? row.data : null;
}

export async function deleteInstallation({ db }: StoreContext, platform: Platform, workspaceId: string): Promise<void> {
  await db.deleteFrom('installations').where('platform', '=', platform).where('workspace_id', '=', workspaceId).execute();
}

export async function getMeta({ db }: StoreContext, key: string): Promise<string | null> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row ? row.value : null;
}

/** First writer wins: the insert is a no-op when the key exists, then the stored value is read. */
export async function setMetaIfAbsent(ctx: StoreContext, key: string, value: string): Promise<string> {
  await ctx.db.insertInto('meta').values({ key, value }).onConflict((oc) => oc.doNothing()).execute();
  const stored = await getMeta(ctx, key);
  if (stored === null) throw new Error(`meta ${key} vanished right after it was set`);
  return stored;
}

/** Does anything in the store come from outside the sandbox? (the page then needs WEB_TOKEN) */
export async function holdsPlatformData({ db }: StoreContext): Promise<boolean> {
  for (const table of ['channels', 'deliveries', 'replies', 'reactions', 'installations'] as const) {
    const row = await db.selectFrom(table).select('platform').where('platform', '<>', SANDBOX).limit(1).executeTakeFirst();
    if (row) return true;
  }
  return false;
}
