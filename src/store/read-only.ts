import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Pool } from 'pg';
import type { Store } from '../core/ports/store';
import { KyselyStore } from './kysely-store';
import { migrationProvider } from './migrations';
import { describePostgresUrl } from './postgres';
import type { Database as Schema } from './schema';

/** A store opened only to read, or why there is none to read. */
export type ReadOnlyStore = { store: Store } | { store: null; note: string };

/**
 * Opens the store named by a DATABASE_URL for reading only (`wolbot check`): never creates a
 * file or a folder, never migrates, never writes. A SQLite file that does not exist, or a store
 * whose schema is older than this code, gives a note instead of a store.
 */
export async function openStoreReadOnly(url: string, cwd: string): Promise<ReadOnlyStore> {
  if (url.startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length);
    if (!rest || rest === ':memory:') return { store: null, note: 'the store is in memory: nothing to read' };
    const file = path.resolve(cwd, rest);
    if (!fs.existsSync(file)) return { store: null, note: `no store yet at ${file} (check does not create one)` };
    const raw = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
    return ready(new Kysely<Schema>({ dialect: new SqliteDialect({ database: raw }) }), 'sqlite', `sqlite:${file}`);
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new Pool({ connectionString: url, max: 2 });
    pool.on('error', () => undefined);
    // Every statement of this connection is refused if it would write.
    pool.on('connect', (c) => void c.query('set default_transaction_read_only = on').catch(() => undefined));
    return ready(new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) }), 'postgres', describePostgresUrl(url));
  }
  return { store: null, note: 'unsupported DATABASE_URL scheme' };
}

async function ready(db: Kysely<Schema>, kind: 'sqlite' | 'postgres', description: string): Promise<ReadOnlyStore> {
  try {
    const applied = new Set(
      (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name),
    );
    const wanted = Object.keys(await migrationProvider().getMigrations());
    const missing = wanted.filter((m) => !applied.has(m));
    if (missing.length) {
      await db.destroy();
      return { store: null, note: `the store at ${description} is older than this wolbot (migrations ${missing.join(', ')} not applied yet; the server or any other command applies them)` };
    }
    return { store: new KyselyStore(db, kind, description) };
  } catch (err) {
    await db.destroy().catch(() => undefined);
    return { store: null, note: `cannot read the store at ${description}: ${(err as Error).message.split('\n')[0]}` };
  }
}
