/** Migration 002 (runs and kinds) on a ledger written by 001, on SQLite and PostgreSQL. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool } from 'pg';
import { openStore } from '../src/store';
import { migrationProvider } from '../src/store/migrations';
import { databases, describePg } from './helpers/pg';

const T = '2026-11-01T00:00:00.000Z';
const row = (id: string, over: Record<string, unknown>) => ({
  id, programme: 'wol-week', day: 1, platform: 'slack', channel_id: 'C1', round: 0, state: 'sent', trigger: 'schedule',
  scheduled_at: '2026-11-16T09:00:00.000Z', owner: null, lease_until: null, attempts: 1, last_attempt_at: null, next_attempt_at: null,
  reason: null, thread_id: `ts-${id}`, posted_at: '2026-11-16T09:00:01.000Z', digest_posted_at: null, admins_notified: 0,
  created_at: T, updated_at: T, ...over,
});

/** A 001 ledger: two runs of WOL Week in London (start moved before the upgrade), one Tokyo channel, one digest already posted. */
async function seedLegacy(db: Kysely<any>): Promise<void> {
  const r = await new Migrator({ db, provider: migrationProvider() }).migrateTo('001-initial');
  if (r.error) throw r.error instanceof Error ? r.error : new Error(String(r.error as string));
  const ch = (id: string, timezone: string | null) => ({ platform: 'slack', channel_id: id, timezone, active: 1, paused: 0, source: 'config', created_at: T, updated_at: T });
  await db.insertInto('channels').values([ch('C1', null), ch('CTOKYO', 'Asia/Tokyo')]).execute();
  await db.insertInto('deliveries').values([
    // start 2026-11-16 (London): day 1 and day 3, the digest of day 1 posted
    row('a1', { digest_posted_at: '2026-11-16T17:00:00.000Z' }),
    row('a3', { day: 3, scheduled_at: '2026-11-18T09:00:00.000Z' }),
    // start moved to 2026-12-07 before the upgrade: its day 2 belongs to a new run
    row('b2', { day: 2, scheduled_at: '2026-12-08T09:00:00.000Z' }),
    // Tokyo 08:00 local on 2026-11-16 is 23:00 UTC on the 15th: the channel's zone decides
    row('t1', { channel_id: 'CTOKYO', scheduled_at: '2026-11-15T23:00:00.000Z' }),
    // a channel the store no longer knows: the programme's zone from the config (New York)
    row('n2', { channel_id: 'CGONE', day: 2, scheduled_at: '2026-11-17T14:00:00.000Z' }),
  ]).execute();
}

async function expectMigrated(store: Awaited<ReturnType<typeof openStore>>): Promise<void> {
  const runOf = async (id: string) => (await store.getDelivery(id))?.run;
  expect(await runOf('a1')).toBe('wol-week@2026-11-16');
  expect(await runOf('a3')).toBe('wol-week@2026-11-16');
  expect(await runOf('b2')).toBe('wol-week@2026-12-07');
  expect(await runOf('t1')).toBe('wol-week@2026-11-16');
  expect(await runOf('n2')).toBe('wol-week@2026-11-16');
  const all = await store.listDeliveries({});
  expect(all.filter((r) => r.kind === 'prompt').map((r) => r.id).sort()).toEqual(['a1', 'a3', 'b2', 'n2', 't1']);
  // The digest already posted is a sent digest row in the same thread: it is never posted again.
  expect(all.filter((r) => r.kind === 'digest')).toEqual([
    expect.objectContaining({ run: 'wol-week@2026-11-16', day: 1, channelId: 'C1', state: 'sent', threadId: 'ts-a1', postedAt: new Date('2026-11-16T17:00:00.000Z') }),
  ]);
  // The new run's day 1 is free; the old run's day 1 is not.
  const claim = (run: string, id: string) => store.claimDelivery({
    id, run, kind: 'prompt', programme: 'wol-week', day: 1, platform: 'slack', channelId: 'C1', round: 0, state: 'claimed', trigger: 'schedule',
    scheduledAt: new Date(), owner: 'x', leaseUntil: new Date(), now: new Date(),
  });
  expect(await claim('wol-week@2026-11-16', 'again')).toBeNull();
  expect(await claim('wol-week@2026-12-07', 'moved-start')).toMatchObject({ run: 'wol-week@2026-12-07' });
  expect(await store.findDeliveryByThread('slack', 'C1', 'ts-a1')).toMatchObject({ id: 'a1', kind: 'prompt' });
}

const timezoneFor = (p: string) => (p === 'wol-week' ? 'America/New_York' : undefined);

describe('migration 002 on SQLite', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-mig-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('each existing post joins the run its own date implies; a posted digest becomes a digest row', async () => {
    const file = path.join(tmp, 'legacy.db');
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(file) }) });
    await seedLegacy(db);
    await db.destroy();
    const store = await openStore(`sqlite:${file}`, { cwd: tmp, migration: { timezoneFor } });
    try {
      await expectMigrated(store);
    } finally {
      await store.close();
    }
  });
});

describePg('migration 002 on PostgreSQL', () => {
  const dbs = databases();
  afterAll(() => dbs.dropAll());

  test('each existing post joins the run its own date implies; a posted digest becomes a digest row', async () => {
    const { url } = await dbs.fresh();
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: url }) }) });
    await seedLegacy(db);
    await db.destroy();
    const store = await openStore(url, { cwd: process.cwd(), migration: { timezoneFor } });
    try {
      await expectMigrated(store);
    } finally {
      await store.close();
    }
  });
});
