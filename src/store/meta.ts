import { sql } from 'kysely';
import type { StoreMeta } from '../core/ports/store';
import { SANDBOX } from '../platforms';
import type { StoreContext } from './context';
import type { RoleQueries } from './role';

// The store itself: whether it answers, closing it, and the small `meta` table of values that survive restarts.

async function ping({ db }: StoreContext): Promise<void> {
  await sql`select 1`.execute(db);
}

/** Inbound events still waiting in a group commit are written first. */
async function close({ db, commits }: StoreContext): Promise<void> {
  await commits.flush();
  await db.destroy();
}

async function getMeta({ db }: StoreContext, key: string): Promise<string | null> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row ? row.value : null;
}

/** First writer wins: the insert is a no-op when the key exists, then the stored value is read. */
async function setMetaIfAbsent(ctx: StoreContext, key: string, value: string): Promise<string> {
  await ctx.db.insertInto('meta').values({ key, value }).onConflict((oc) => oc.doNothing()).execute();
  const stored = await getMeta(ctx, key);
  if (stored === null) throw new Error(`meta ${key} vanished right after it was set`);
  return stored;
}

/** Last writer wins (replicas loading the same file write the same value). */
async function setMeta({ db }: StoreContext, key: string, value: string): Promise<void> {
  await db.insertInto('meta').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

/** Does anything in the store come from outside the sandbox? (the page then needs WEB_TOKEN) */
async function holdsPlatformData({ db }: StoreContext): Promise<boolean> {
  for (const table of ['channels', 'deliveries', 'replies', 'reactions', 'installations'] as const) {
    const row = await db.selectFrom(table).select('platform').where('platform', '<>', SANDBOX).limit(1).executeTakeFirst();
    if (row) return true;
  }
  return false;
}

/** StoreMeta but its description, which the opener gives. */
export const metaRole: RoleQueries<Omit<StoreMeta, 'description'>> = { ping, close, holdsPlatformData, getMeta, setMetaIfAbsent, setMeta };
