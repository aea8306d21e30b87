/** Migration 004 (plain text and mentions beside the written text) on replies stored before it, on SQLite and PostgreSQL. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool } from 'pg';
import { openStore } from '../src/store';
import { readWritten } from '../src/platforms';
import { migrationProvider } from '../src/store/migrations';
import { databases, describePg } from './helpers/pg';

const AT = '2026-11-16T10:00:00.000Z';

/** Past one page of the backfill: every row is read. */
const MANY = 620;

/** A store at 003: a reply as Slack wrote it, one deleted, one from Teams, one plain, and many more. */
async function seedBefore004(db: Kysely<any>): Promise<void> {
  const r = await new Migrator({ db, provider: migrationProvider() }).migrateTo('003-people-names');
  if (r.error) throw r.error instanceof Error ? r.error : new Error('migration to 003 failed');
  const row = (id: string, text: string | null, platform = 'slack') => ({
    platform, channel_id: 'C1', message_id: id, thread_id: 'T1', delivery_id: 'd1', user_id: 'U1', text, at: AT,
    edited_at: null, deleted_at: text === null ? AT : null, files: '[]', links: '[]', external: 0,
  });
  await db.insertInto('replies').values([row('m1', '<@U0ANA> thanks'), row('m2', null), row('m3', '<at>Ana</at> see this', 'teams'), row('m4', 'no markup')]).execute();
  const many = Array.from({ length: MANY }, (_, i) => row(`n${String(i).padStart(4, '0')}`, `<@U0BEN|ben> #${i}`));
  for (let i = 0; i < many.length; i += 100) await db.insertInto('replies').values(many.slice(i, i + 100)).execute();
}

/** With the adapters' reading: old rows read as a live reply would (best effort from the written text). */
async function expectRead(store: Awaited<ReturnType<typeof openStore>>): Promise<void> {
  expect(await store.getReply('slack', 'C1', 'm1')).toMatchObject({ text: '<@U0ANA> thanks', plainText: '@U0ANA thanks', mentions: [{ userId: 'U0ANA', name: '', start: 0, end: 6 }] });
  expect(await store.getReply('slack', 'C1', 'm2')).toMatchObject({ text: null, plainText: null, mentions: [] });
  expect(await store.getReply('teams', 'C1', 'm3')).toMatchObject({ text: '<at>Ana</at> see this', plainText: '@Ana see this', mentions: [{ userId: '', name: 'Ana', start: 0, end: 4 }] });
  expect(await store.getReply('slack', 'C1', 'm4')).toMatchObject({ text: 'no markup', plainText: 'no markup', mentions: [] });
  const all = await store.listReplies({});
  expect(all.filter((r) => r.plainText?.startsWith('@ben #'))).toHaveLength(MANY);
}

/** Without the adapters (a store opened on its own): old rows read as what was written, mentioning nobody; new rows keep both. */
async function expectMigrated(store: Awaited<ReturnType<typeof openStore>>): Promise<void> {
  expect(await store.getReply('slack', 'C1', 'm1')).toMatchObject({ text: '<@U0ANA> thanks', plainText: '<@U0ANA> thanks', mentions: [] });
  expect(await store.getReply('slack', 'C1', 'm2')).toMatchObject({ text: null, plainText: null, mentions: [] });
  const mention = { userId: 'U0ANA', name: '', start: 0, end: 6 };
  await store.addReply('e3', { platform: 'slack', channelId: 'C1', messageId: 'm3', threadId: 'T1', deliveryId: 'd1', user: 'U2', text: '<@U0ANA> yes', plainText: '@U0ANA yes', mentions: [mention], at: new Date(AT), files: [], links: [], external: false }, new Date(AT));
  expect(await store.getReply('slack', 'C1', 'm3')).toMatchObject({ text: '<@U0ANA> yes', plainText: '@U0ANA yes', mentions: [mention] });
}

describe('migration 004 on SQLite', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-mig4-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('replies stored before it are read by their platform\'s adapter, the written text untouched', async () => {
    const file = path.join(tmp, 'read.db');
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(file) }) });
    await seedBefore004(db);
    await db.destroy();
    const store = await openStore(`sqlite:${file}`, { cwd: tmp, migration: { readWritten } });
    try {
      await expectRead(store);
    } finally {
      await store.close();
    }
  });

  test('without the adapters, replies stored before it read as written, mentioning nobody', async () => {
    const file = path.join(tmp, 'before.db');
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(file) }) });
    await seedBefore004(db);
    await db.destroy();
    const store = await openStore(`sqlite:${file}`, { cwd: tmp });
    try {
      await expectMigrated(store);
    } finally {
      await store.close();
    }
  });
});

describePg('migration 004 on PostgreSQL', () => {
  const dbs = databases();
  afterAll(() => dbs.dropAll());

  test('replies stored before it are read by their platform\'s adapter, the written text untouched', async () => {
    const { url } = await dbs.fresh();
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: url }) }) });
    await seedBefore004(db);
    await db.destroy();
    const store = await openStore(url, { cwd: process.cwd(), migration: { readWritten } });
    try {
      await expectRead(store);
    } finally {
      await store.close();
    }
  });

  test('without the adapters, replies stored before it read as written, mentioning nobody', async () => {
    const { url } = await dbs.fresh();
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: url }) }) });
    await seedBefore004(db);
    await db.destroy();
    const store = await openStore(url, { cwd: process.cwd() });
    try {
      await expectMigrated(store);
    } finally {
      await store.close();
    }
  });
});
