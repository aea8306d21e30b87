import { sql, type Selectable } from 'kysely';
import type { Platform } from '../core/ports/platform';
import type {
  CircleRecord, Connections, ForgetScope, IntroductionRecord, NewCircle, NewIntroduction, OptIn, OptInKind,
} from '../core/ports/store';
import type { StoreContext } from './context';
import { connectionState, optInKind } from './enums';
import type { RoleQueries } from './role';
import { date, iso, n } from './rows';
import type { CirclesTable, IntroductionsTable, OptInsTable } from './schema';
import { writeTransaction, type Db } from './tx';

/** Claims of introductions and circles take this lock on PostgreSQL (SQLite's BEGIN IMMEDIATE serialises already). */
const CLAIM_LOCK = 25_2026;

/** The stored ChannelTarget (written by setOptIn); the reference inside stays the adapter's opaque value. */
function targetOf(text: string): OptIn['target'] {
  const v: unknown = JSON.parse(text);
  if (typeof v === 'object' && v !== null && 'platform' in v && 'channelId' in v && typeof v.platform === 'string' && typeof v.channelId === 'string') {
    return { ...v, platform: v.platform, channelId: v.channelId };
  }
  throw new Error(`opt_ins.target holds ${text.slice(0, 80)}, not a channel target`);
}

function toOptIn(r: Selectable<OptInsTable>): OptIn {
  return { run: r.run, platform: r.platform, userId: r.user_id, kind: optInKind(r.kind), workspaceId: r.workspace_id, target: targetOf(r.target), at: date(r.at) };
}

function toIntroduction(r: Selectable<IntroductionsTable>): IntroductionRecord {
  return {
    id: r.id, run: r.run, platform: r.platform, workspaceId: r.workspace_id, users: [r.user_a, r.user_b], localDate: r.local_date,
    state: connectionState(r.state), conversation: r.conversation, reason: r.reason, createdAt: date(r.created_at),
  };
}

function toCircle(r: Selectable<CirclesTable>, users: string[]): CircleRecord {
  return {
    id: r.id, run: r.run, platform: r.platform, workspaceId: r.workspace_id, zone: r.zone, language: r.language, users,
    state: connectionState(r.state), conversation: r.conversation, reason: r.reason, createdAt: date(r.created_at),
  };
}

async function setOptIn({ db }: StoreContext, o: Omit<OptIn, 'at'>, now: Date): Promise<boolean> {
  const row = await db
    .insertInto('opt_ins')
    .values({ run: o.run, platform: o.platform, user_id: o.userId, kind: o.kind, workspace_id: o.workspaceId, channel_id: o.target.channelId, target: JSON.stringify(o.target), at: iso(now) })
    .onConflict((oc) => oc.columns(['run', 'platform', 'user_id', 'kind']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

async function removeOptIn({ db }: StoreContext, run: string, platform: Platform, userId: string, kind: OptInKind): Promise<boolean> {
  const r = await db.deleteFrom('opt_ins').where('run', '=', run).where('platform', '=', platform).where('user_id', '=', userId).where('kind', '=', kind).executeTakeFirst();
  return n(r.numDeletedRows) > 0;
}

async function listOptIns({ db }: StoreContext, run: string, kind: OptInKind): Promise<OptIn[]> {
  const rows = await db.selectFrom('opt_ins').selectAll().where('run', '=', run).where('kind', '=', kind).orderBy('at').orderBy('user_id').execute();
  return rows.map(toOptIn);
}

async function forgetOptIns({ db }: StoreContext, userId: string, scope: ForgetScope): Promise<number> {
  let q = db.deleteFrom('opt_ins').where('user_id', '=', userId).where('platform', '=', scope.platform);
  if (scope.workspaceId) q = q.where((eb) => eb.or([eb('workspace_id', '=', scope.workspaceId!), eb('workspace_id', 'is', null)]));
  return n((await q.executeTakeFirst()).numDeletedRows);
}

/** Inside a claim: serialise claims across processes (PostgreSQL; SQLite holds its write lock already). */
async function lockClaims(ctx: StoreContext, trx: Db): Promise<void> {
  if (ctx.kind === 'postgres') await sql`select pg_advisory_xact_lock(${CLAIM_LOCK})`.execute(trx);
}

/**
 * One INSERT … SELECT … WHERE NOT EXISTS: the pair and the day's check and the claim are one
 * statement (SQLite runs it under its write lock); PostgreSQL runs it under an advisory lock, so
 * two replicas cannot each pass the day's check for the same person.
 */
async function claimIntroduction(ctx: StoreContext, i: NewIntroduction, now: Date): Promise<IntroductionRecord | null> {
  const [a, b] = [...i.users].sort() as [string, string];
  const claim = async (db: Db) => {
    const row = await db
      .insertInto('introductions')
      .columns(['id', 'run', 'platform', 'workspace_id', 'user_a', 'user_b', 'local_date', 'state', 'owner', 'conversation', 'reason', 'created_at', 'updated_at'])
      .expression(db
        .selectNoFrom([
          sql.val(i.id).as('id'), sql.val(i.run).as('run'), sql.val(i.platform).as('platform'), sql.val(i.workspaceId).as('workspace_id'),
          sql.val(a).as('user_a'), sql.val(b).as('user_b'), sql.val(i.localDate).as('local_date'), sql.val('claimed').as('state'),
          sql.val(i.owner).as('owner'), sql.val(null).as('conversation'), sql.val(null).as('reason'), sql.val(iso(now)).as('created_at'), sql.val(iso(now)).as('updated_at'),
        ])
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('introductions as x').select('x.id')
          .where('x.run', '=', i.run)
          .where('x.platform', '=', i.platform)
          .where((w) => w.or([
            w.and([w('x.user_a', '=', a), w('x.user_b', '=', b)]),
            w.and([w('x.local_date', '=', i.localDate), w.or([w('x.user_a', 'in', [a, b]), w('x.user_b', 'in', [a, b])])]),
          ]))))))
      .onConflict((oc) => oc.columns(['run', 'platform', 'user_a', 'user_b']).doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? toIntroduction(row) : null;
  };
  if (ctx.kind !== 'postgres') return claim(ctx.db);
  return writeTransaction(ctx.db, ctx.kind, async (trx) => {
    await lockClaims(ctx, trx);
    return claim(trx);
  });
}

async function finishIntroduction({ db }: StoreContext, id: string, state: 'sent' | 'failed', conversation: string | null, reason: string | null, now: Date): Promise<boolean> {
  const r = await db.updateTable('introductions').set({ state, conversation, reason, updated_at: iso(now) }).where('id', '=', id).where('state', '=', 'claimed').executeTakeFirst();
  return n(r.numUpdatedRows) > 0;
}

async function listIntroductions({ db }: StoreContext, run?: string): Promise<IntroductionRecord[]> {
  let q = db.selectFrom('introductions').selectAll().orderBy('created_at').orderBy('id');
  if (run) q = q.where('run', '=', run);
  return (await q.execute()).map(toIntroduction);
}

async function claimCircle(ctx: StoreContext, c: NewCircle, now: Date): Promise<CircleRecord | null> {
  try {
    return await writeTransaction(ctx.db, ctx.kind, async (trx) => {
      await lockClaims(ctx, trx);
      const row = await trx
        .insertInto('circles')
        .values({
          id: c.id, run: c.run, platform: c.platform, workspace_id: c.workspaceId, zone: c.zone, language: c.language,
          state: 'claimed', owner: c.owner, conversation: null, reason: null, created_at: iso(now), updated_at: iso(now),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const members = await trx
        .insertInto('circle_members')
        .values(c.users.map((u) => ({ run: c.run, platform: c.platform, user_id: u, circle_id: c.id })))
        .onConflict((oc) => oc.columns(['run', 'platform', 'user_id']).doNothing())
        .returning('user_id')
        .execute();
      // Someone is in a circle of this run already: nothing of this one stays.
      if (members.length !== new Set(c.users).size) throw new TakenError();
      return toCircle(row, [...c.users]);
    });
  } catch (err) {
    if (err instanceof TakenError) return null;
    throw err;
  }
}

class TakenError extends Error {}

async function finishCircle({ db }: StoreContext, id: string, state: 'sent' | 'failed', conversation: string | null, reason: string | null, now: Date): Promise<boolean> {
  const r = await db.updateTable('circles').set({ state, conversation, reason, updated_at: iso(now) }).where('id', '=', id).where('state', '=', 'claimed').executeTakeFirst();
  return n(r.numUpdatedRows) > 0;
}

async function listCircles({ db }: StoreContext, run?: string): Promise<CircleRecord[]> {
  let q = db.selectFrom('circles').selectAll().orderBy('created_at').orderBy('id');
  if (run) q = q.where('run', '=', run);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const members = await db.selectFrom('circle_members').select(['circle_id', 'user_id']).where('circle_id', 'in', rows.map((r) => r.id)).orderBy('user_id').execute();
  const byCircle = new Map<string, string[]>();
  for (const m of members) byCircle.set(m.circle_id, [...(byCircle.get(m.circle_id) ?? []), m.user_id]);
  return rows.map((r) => toCircle(r, byCircle.get(r.id) ?? []));
}

export const connectionsRole: RoleQueries<Connections> = {
  setOptIn, removeOptIn, listOptIns, forgetOptIns, claimIntroduction, finishIntroduction, listIntroductions, claimCircle, finishCircle, listCircles,
};
