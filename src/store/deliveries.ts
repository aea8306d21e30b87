import { sql, type UpdateObject } from 'kysely';
import type { Platform } from '../core/ports/platform';
import type { DeliveryFilter, DeliveryKey, DeliveryRecord, DeliveryState, Ledger, NewDelivery } from '../core/ports/store';
import type { StoreContext } from './context';
import type { RoleQueries } from './role';
import { iso, n, toDelivery } from './rows';
import type { Database } from './schema';

/** States that hold a lease; an expired lease makes the row reclaimable. */
const LEASED: readonly DeliveryState[] = ['claimed', 'sending', 'recovering'];
/** States an owner may still move forward (mark*). */
const OWNED: readonly DeliveryState[] = ['claimed', 'sending', 'recovering'];

/** One statement: the caller owns the key only if its row went in (INSERT … ON CONFLICT DO NOTHING RETURNING). */
export async function claimDelivery({ db }: StoreContext, d: NewDelivery): Promise<DeliveryRecord | null> {
  const row = await db
    .insertInto('deliveries')
    .values({
      id: d.id,
      run: d.run,
      kind: d.kind,
      programme: d.programme,
      day: d.day,
      platform: d.platform,
      channel_id: d.channelId,
      round: d.round,
      state: d.state,
      trigger: d.trigger,
      scheduled_at: iso(d.scheduledAt),
      owner: d.owner,
      lease_until: d.leaseUntil ? iso(d.leaseUntil) : null,
      attempts: 0,
      last_attempt_at: null,
      next_attempt_at: null,
      reason: d.reason ?? null,
      thread_id: null,
      posted_at: null,
      admins_notified: 0,
      created_at: iso(d.now),
      updated_at: iso(d.now),
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? toDelivery(row) : null;
}

/** One guarded UPDATE … RETURNING: whoever's UPDATE matches first owns the row. */
export async function reclaimDelivery({ db }: StoreContext, id: string, owner: string, now: Date, leaseUntil: Date): Promise<DeliveryRecord | null> {
  const t = iso(now);
  const row = await db
    .updateTable('deliveries')
    .set({
      state: sql<DeliveryState>`case when state in ('sending', 'recovering') then 'recovering' else 'claimed' end`,
      owner,
      lease_until: iso(leaseUntil),
      updated_at: t,
    })
    .where('id', '=', id)
    .where((eb) => eb.or([
      eb.and([eb('state', '=', 'retry'), eb('next_attempt_at', '<=', t)]),
      eb.and([eb('state', 'in', LEASED), eb('lease_until', '<', t)]),
    ]))
    .returningAll()
    .executeTakeFirst();
  return row ? toDelivery(row) : null;
}

export async function listReclaimable({ db }: StoreContext, now: Date, limit: number): Promise<DeliveryRecord[]> {
  const t = iso(now);
  const rows = await db
    .selectFrom('deliveries')
    .selectAll()
    .where((eb) => eb.or([
      eb.and([eb('state', '=', 'retry'), eb('next_attempt_at', '<=', t)]),
      eb.and([eb('state', 'in', LEASED), eb('lease_until', '<', t)]),
    ]))
    .orderBy('scheduled_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toDelivery);
}

/** Heartbeat: push the lease of the rows `owner` still holds; returns the ids it still holds. */
export async function renewLeases({ db }: StoreContext, ids: string[], owner: string, now: Date, leaseUntil: Date): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('deliveries')
    .set({ lease_until: iso(leaseUntil), updated_at: iso(now) })
    .where('id', 'in', ids)
    .where('owner', '=', owner)
    .where('state', 'in', LEASED)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Owners that hold a lease right now (live or not). */
export async function listLeaseOwners({ db }: StoreContext): Promise<string[]> {
  const rows = await db.selectFrom('deliveries').select('owner').distinct()
    .where('state', 'in', LEASED).where('owner', 'is not', null).execute();
  return rows.map((r) => r.owner!).sort();
}

/** A dead owner's leases end now (1 ms ago), so the next reclaim takes them over — looking first when sending. */
export async function expireLeases({ db }: StoreContext, owner: string, now: Date): Promise<number> {
  const r = await db.updateTable('deliveries')
    .set({ lease_until: iso(new Date(now.getTime() - 1)), updated_at: iso(now) })
    .where('owner', '=', owner).where('state', 'in', LEASED).executeTakeFirst();
  return n(r.numUpdatedRows);
}

async function ownedUpdate(
  { db }: StoreContext, id: string, owner: string, states: readonly DeliveryState[], set: UpdateObject<Database, 'deliveries'>,
): Promise<boolean> {
  const r = await db
    .updateTable('deliveries')
    .set(set)
    .where('id', '=', id)
    .where('owner', '=', owner)
    .where('state', 'in', states)
    .executeTakeFirst();
  return n(r.numUpdatedRows) > 0;
}

export function markSending(ctx: StoreContext, id: string, owner: string, now: Date): Promise<boolean> {
  return ownedUpdate(ctx, id, owner, ['claimed', 'recovering'], {
    state: 'sending', attempts: sql`attempts + 1`, last_attempt_at: iso(now), updated_at: iso(now),
  });
}

export function markSent(ctx: StoreContext, id: string, owner: string, threadId: string, postedAt: Date, now: Date): Promise<boolean> {
  return ownedUpdate(ctx, id, owner, OWNED, {
    state: 'sent', thread_id: threadId, posted_at: iso(postedAt), lease_until: null, next_attempt_at: null, reason: null, updated_at: iso(now),
  });
}

export function markRetry(ctx: StoreContext, id: string, owner: string, reason: string, nextAttemptAt: Date, now: Date): Promise<boolean> {
  return ownedUpdate(ctx, id, owner, OWNED, {
    state: 'retry', reason, next_attempt_at: iso(nextAttemptAt), lease_until: null, updated_at: iso(now),
  });
}

export function markFailed(ctx: StoreContext, id: string, owner: string, reason: string, now: Date): Promise<boolean> {
  return ownedUpdate(ctx, id, owner, OWNED, { state: 'failed', reason, lease_until: null, next_attempt_at: null, updated_at: iso(now) });
}

export function markUncertain(ctx: StoreContext, id: string, owner: string, reason: string, now: Date): Promise<boolean> {
  return ownedUpdate(ctx, id, owner, OWNED, { state: 'uncertain', reason, lease_until: null, next_attempt_at: null, updated_at: iso(now) });
}

/**
 * Graceful shutdown. A `claimed` row (nothing sent yet) becomes `retry`, due now. A `sending` or
 * `recovering` row may already be on the platform: it keeps its state and its lease ends now, so
 * the next reclaim makes it `recovering` (look before re-sending) instead of re-sending blindly.
 */
export function releaseClaim(ctx: StoreContext, id: string, owner: string, now: Date): Promise<boolean> {
  const t = iso(now);
  return ownedUpdate(ctx, id, owner, OWNED, {
    state: sql<DeliveryState>`case when state = 'claimed' then 'retry' else state end`,
    next_attempt_at: sql`case when state = 'claimed' then ${t} else next_attempt_at end`,
    lease_until: sql`case when state = 'claimed' then null else ${t} end`,
    updated_at: t,
  });
}

export async function markAdminsNotified({ db }: StoreContext, id: string, now: Date): Promise<boolean> {
  const r = await db.updateTable('deliveries').set({ admins_notified: 1, updated_at: iso(now) })
    .where('id', '=', id).where('admins_notified', '=', 0).executeTakeFirst();
  return n(r.numUpdatedRows) > 0;
}

export async function getDelivery({ db }: StoreContext, id: string): Promise<DeliveryRecord | null> {
  const row = await db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toDelivery(row) : null;
}

export async function listDeliveries({ db }: StoreContext, f: DeliveryFilter = {}): Promise<DeliveryRecord[]> {
  let q = db.selectFrom('deliveries').selectAll();
  if (f.run !== undefined) q = q.where('run', '=', f.run);
  if (f.kinds) {
    if (f.kinds.length === 0) return [];
    q = q.where('kind', 'in', f.kinds);
  }
  if (f.programme !== undefined) q = q.where('programme', '=', f.programme);
  if (f.day !== undefined) q = q.where('day', '=', f.day);
  if (f.platform !== undefined) q = q.where('platform', '=', f.platform);
  if (f.channelId !== undefined) q = q.where('channel_id', '=', f.channelId);
  if (f.states) {
    if (f.states.length === 0) return [];
    q = q.where('state', 'in', f.states);
  }
  const rows = await q
    .orderBy('scheduled_at').orderBy('run').orderBy('kind').orderBy('day').orderBy('platform').orderBy('channel_id').orderBy('round')
    .execute();
  return rows.map(toDelivery);
}

export async function maxRound({ db }: StoreContext, key: Omit<DeliveryKey, 'round'>): Promise<number> {
  const row = await db
    .selectFrom('deliveries')
    .select((eb) => eb.fn.max('round').as('m'))
    .where('run', '=', key.run)
    .where('kind', '=', key.kind)
    .where('day', '=', key.day)
    .where('platform', '=', key.platform)
    .where('channel_id', '=', key.channelId)
    .executeTakeFirst();
  return row?.m === null || row?.m === undefined ? -1 : Number(row.m);
}

export async function findDeliveryByThread({ db }: StoreContext, platform: Platform, channelId: string, threadId: string): Promise<DeliveryRecord | null> {
  const row = await db
    .selectFrom('deliveries')
    .selectAll()
    .where('platform', '=', platform)
    .where('channel_id', '=', channelId)
    .where('thread_id', '=', threadId)
    .where('kind', '=', 'prompt')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row ? toDelivery(row) : null;
}

export async function listRuns({ db }: StoreContext): Promise<{ run: string; programme: string; firstAt: Date }[]> {
  const rows = await db
    .selectFrom('deliveries')
    .select((eb) => ['run', 'programme', eb.fn.min('scheduled_at').as('first')])
    .groupBy(['run', 'programme'])
    .execute();
  return rows
    .map((r) => ({ run: r.run, programme: r.programme, firstAt: new Date(String(r.first)) }))
    .sort((a, b) => a.firstAt.getTime() - b.firstAt.getTime() || a.run.localeCompare(b.run));
}

export const ledgerRole: RoleQueries<Ledger> = {
  claimDelivery, reclaimDelivery, listReclaimable, renewLeases, listLeaseOwners, expireLeases,
  markSending, markSent, markRetry, markFailed, markUncertain, releaseClaim, markAdminsNotified,
  getDelivery, listDeliveries, listRuns, maxRound, findDeliveryByThread,
};
