import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Pool } from 'pg';
import type { Store } from '../core/ports/store';
import { kyselyStore } from './kysely-store';
import { migrationProvider } from './migrations';
import { describePostgresUrl } from './postgres';
import type { StoreKind } from './opened-store';
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
    return ready(new Kysely<Schema>({ dialect: new SqliteDialect({ database: readOnlySqlite(file) }) }), 'sqlite', `sqlite:${file}`);
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

/**
 * SQLite read-only without touching the folder: even a read-only connection to a WAL database
 * creates its -wal and -shm files. When they exist (a server has it open) the file is opened
 * read-only in place, so its latest writes are seen; otherwise the file is read into memory and
 * opened there (its header's WAL mark set to rollback in the copy, which SQLite needs in memory).
 */
function readOnlySqlite(file: string): Database.Database {
  if (fs.existsSync(`${file}-wal`) && fs.existsSync(`${file}-shm`)) return new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  const copy = fs.readFileSync(file);
  if (copy.length >= 20 && copy[18] === 2 && copy[19] === 2) {
    copy[18] = 1;
    copy[19] = 1;
  }
  return new Database(copy, { readonly: true });
}

async function ready(db: Kysely<Schema>, kind: StoreKind, description: string): Promise<ReadOnlyStore> {
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
    return { store: kyselyStore(db, kind, description) };
  } catch (err) {
    await db.destroy().catch(() => undefined);
    return { store: null, note: `cannot read the store at ${description}: ${(err as Error).message.split('\n')[0]}` };
  }
}
