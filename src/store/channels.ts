import type { Platform } from '../core/ports/platform';
import type { ChannelRecord, Channels } from '../core/ports/store';
import type { StoreContext } from './context';
import type { RoleQueries } from './role';
import { bool, iso, n, referenceToText, toChannel } from './rows';
import { writeTransaction } from './tx';

export async function getChannel({ db }: StoreContext, platform: Platform, channelId: string): Promise<ChannelRecord | null> {
  const row = await db.selectFrom('channels').selectAll().where('platform', '=', platform).where('channel_id', '=', channelId).executeTakeFirst();
  return row ? toChannel(row) : null;
}

export async function listChannels({ db }: StoreContext, opts?: { activeOnly?: boolean }): Promise<ChannelRecord[]> {
  let q = db.selectFrom('channels').selectAll();
  if (opts?.activeOnly) q = q.where('active', '=', 1);
  const rows = await q.orderBy('platform').orderBy('channel_id').execute();
  return rows.map(toChannel);
}

export async function saveChannel({ db }: StoreContext, rec: Omit<ChannelRecord, 'createdAt' | 'updatedAt'>, now: Date): Promise<void> {
  const values = {
    workspace_id: rec.workspaceId ?? null,
    group_id: rec.groupId ?? null,
    name: rec.name,
    timezone: rec.timezone,
    time: rec.time,
    active: bool(rec.active),
    paused: bool(rec.paused),
    source: rec.source,
    reference: referenceToText(rec.reference),
    inactive_reason: rec.inactiveReason,
    updated_at: iso(now),
  };
  await db
    .insertInto('channels')
    .values({ platform: rec.platform, channel_id: rec.channelId, created_at: iso(now), ...values })
    .onConflict((oc) => oc.columns(['platform', 'channel_id']).doUpdateSet(values))
    .execute();
}

export async function setChannelActive(
  { db }: StoreContext, platform: Platform, channelId: string, active: boolean, reason: string | null, now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('channels')
    .set({ active: bool(active), inactive_reason: active ? null : reason, updated_at: iso(now) })
    .where('platform', '=', platform)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
  return n(r.numUpdatedRows) > 0;
}

export async function setChannelPaused({ db }: StoreContext, platform: Platform, channelId: string, paused: boolean, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('channels')
    .set({ paused: bool(paused), updated_at: iso(now) })
    .where('platform', '=', platform)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
  return n(r.numUpdatedRows) > 0;
}

/**
 * Moves a channel and its history to a new id. Where both ids already hold the same reply,
 * reaction or delivery key, the row already at the new id wins (the old duplicate is dropped for
 * replies/reactions; a colliding delivery stays under the old id so the ledger never loses a row).
 */
export async function renameChannel(ctx: StoreContext, platform: Platform, oldId: string, newId: string, now: Date): Promise<void> {
  if (oldId === newId) return;
  await writeTransaction(ctx.db, ctx.kind, async (trx) => {
    const old = await trx.selectFrom('channels').select('channel_id').where('platform', '=', platform).where('channel_id', '=', oldId).executeTakeFirst();
    if (old) {
      // The old row carries the organizer's settings: it replaces a row known under the new id.
      await trx.deleteFrom('channels').where('platform', '=', platform).where('channel_id', '=', newId).execute();
      await trx.updateTable('channels').set({ channel_id: newId, updated_at: iso(now) })
        .where('platform', '=', platform).where('channel_id', '=', oldId).execute();
    }
    await trx.deleteFrom('replies').where('platform', '=', platform).where('channel_id', '=', oldId)
      .where('message_id', 'in', (eb) => eb.selectFrom('replies as r2').select('r2.message_id')
        .where('r2.platform', '=', platform).where('r2.channel_id', '=', newId))
      .execute();
    await trx.updateTable('replies').set({ channel_id: newId }).where('platform', '=', platform).where('channel_id', '=', oldId).execute();
    await trx.deleteFrom('reactions').where('platform', '=', platform).where('channel_id', '=', oldId)
      .where(({ exists, selectFrom }) => exists(selectFrom('reactions as x').select('x.item_id')
        .where('x.platform', '=', platform).where('x.channel_id', '=', newId)
        .whereRef('x.item_id', '=', 'reactions.item_id').whereRef('x.user_id', '=', 'reactions.user_id')
        .whereRef('x.emoji', '=', 'reactions.emoji')))
      .execute();
    await trx.updateTable('reactions').set({ channel_id: newId }).where('platform', '=', platform).where('channel_id', '=', oldId).execute();
    await trx.updateTable('deliveries').set({ channel_id: newId, updated_at: iso(now) })
      .where('platform', '=', platform).where('channel_id', '=', oldId)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('deliveries as d2').select('d2.id')
        .where('d2.platform', '=', platform).where('d2.channel_id', '=', newId)
        .whereRef('d2.run', '=', 'deliveries.run').whereRef('d2.kind', '=', 'deliveries.kind').whereRef('d2.day', '=', 'deliveries.day')
        .whereRef('d2.round', '=', 'deliveries.round'))))
      .execute();
  });
}

/** Deactivates every active channel of a workspace or of a group (Teams team) in one statement. */
async function deactivateScope(
  { db }: StoreContext, platform: Platform, column: 'workspace_id' | 'group_id', id: string, reason: string, now: Date,
): Promise<number> {
  const r = await db
    .updateTable('channels')
    .set({ active: 0, inactive_reason: reason, updated_at: iso(now) })
    .where('platform', '=', platform)
    .where(column, '=', id)
    .where('active', '=', 1)
    .executeTakeFirst();
  return n(r.numUpdatedRows);
}

export async function deleteChannel({ db }: StoreContext, platform: Platform, channelId: string): Promise<boolean> {
  const r = await db.deleteFrom('channels').where('platform', '=', platform).where('channel_id', '=', channelId).executeTakeFirst();
  return n(r.numDeletedRows) > 0;
}

export const channelsRole: RoleQueries<Channels> = {
  getChannel, listChannels, saveChannel, setChannelActive, setChannelPaused, deleteChannel, renameChannel,
  deactivateWorkspace: (ctx, platform, workspaceId, reason, now) => deactivateScope(ctx, platform, 'workspace_id', workspaceId, reason, now),
  deactivateGroup: (ctx, platform, groupId, reason, now) => deactivateScope(ctx, platform, 'group_id', groupId, reason, now),
};
