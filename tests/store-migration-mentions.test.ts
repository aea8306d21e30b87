/** Migration 004 (plain text and mentions beside the written text) on replies stored before it, on SQLite and PostgreSQL. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool } from 'pg';
import { openStore } from '../src/store';
import { migrationProvider } from '../src/store/migrations';
import { databases, describePg } from './helpers/pg';

const AT = '2026-11-16T10:00:00.000Z';

/** A store at 003 with one reply as Slack wrote it, and one deleted. */
async function seedBefore004(db: Kysely<any>): Promise<void> {
  const r = await new Migrator({ db, provider: migrationProvider() }).migrateTo('003-people-names');
  if (r.error) throw r.error;
  const row = (id: string, text: string | null) => ({
    platform: 'slack', channel_id: 'C1', message_id: id, thread_id: 'T1', delivery_id: 'd1', user_id: 'U1', text, at: AT,
    edited_at: null, deleted_at: text === null ? AT : null, files: '[]', links: '[]', external: 0,
  });
  await db.insertInto('replies').values([row('m1', '<@U0ANA> thanks'), row('m2', null)]).execute();
}

/** Old rows read as what was written, mentioning nobody; new rows keep both; the export text is untouched. */
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

  test('replies stored before it read as written, mentioning nobody', async () => {
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

  test('replies stored before it read as written, mentioning nobody', async () => {
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
