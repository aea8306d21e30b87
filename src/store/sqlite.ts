import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import type { Logger } from '../core/ports/logger';
import { kyselyStore } from './kysely-store';
import { migrateToLatest } from './migrate';
import type { MigrationOptions } from './migrations';
import type { OpenedStore } from './opened-store';
import type { Database as Schema } from './schema';

/** SQLite adds a consistent online copy (VACUUM INTO) to the shared store. */
async function backup(db: Kysely<Schema>, file: string): Promise<void> {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  // VACUUM INTO accepts an empty file: create it owner-only first, so the copy never is readable by others.
  createPrivate(target);
  await sql`vacuum into ${target}`.execute(db);
  fs.chmodSync(target, 0o600);
}

const isBusy = (err: unknown) => /^SQLITE_BUSY/.test((err as { code?: string }).code ?? '');

/**
 * People's words live in this file: a new one is created readable by its owner only (0600).
 * SQLite gives the -wal and -shm files the main file's permissions.
 */
function createPrivate(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

async function openFile(file: string): Promise<Database.Database> {
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    createPrivate(file);
  }
  // better-sqlite3's `timeout` is SQLite's busy_timeout: wait for another process's write lock.
  const raw = new Database(file, { timeout: 5000 });
  try {
    raw.pragma('busy_timeout = 5000');
    // Switching a fresh file to WAL needs an exclusive lock and can answer SQLITE_BUSY without
    // waiting (busy_timeout does not cover it) while another process opens the same fresh file.
    for (let attempt = 1; file !== ':memory:'; attempt++) {
      try {
        raw.pragma('journal_mode = WAL');
        break;
      } catch (err) {
        if (!isBusy(err) || attempt >= 50) throw err;
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
      }
    }
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    return raw;
  } catch (err) {
    raw.close();
    throw err;
  }
}

const STATEMENT_CACHE = 500;

/**
 * Kysely prepares every query afresh; a prepared statement per distinct SQL text is kept instead
 * (the hot ones, ingest and the delivery look-up, then skip SQLite's parser). A statement still
 * iterating (a streamed read) is busy: the caller then gets a fresh one.
 */
function withStatementCache(raw: Database.Database): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => raw.close(),
    prepare(text: string) {
      const hit = cache.get(text);
      if (hit && !hit.busy) return hit;
      const stmt = raw.prepare(text);
      if (!hit) {
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
        cache.set(text, stmt);
      }
      return stmt;
    },
  };
}

/**
 * Opens (creating it and its folder if needed) and migrates a SQLite file. The migrator takes no
 * lock on SQLite, so it runs inside BEGIN IMMEDIATE on the very connection Kysely uses: a second
 * process opening the same fresh file waits (busy_timeout) and then finds the schema done.
 */
export async function openSqliteStore(file: string, logger: Logger, migration: MigrationOptions = {}): Promise<OpenedStore> {
  let raw: Database.Database;
  try {
    raw = await openFile(file);
  } catch (err) {
    throw new Error(`cannot open SQLite database ${file}: ${(err as Error).message}`, { cause: err });
  }
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  try {
    await migrateLocked(raw, db, logger, migration);
  } catch (err) {
    await db.destroy();
    throw new Error(`cannot migrate SQLite database ${file}: ${(err as Error).message}`, { cause: err });
  }
  return { ...kyselyStore(db, 'sqlite', `sqlite:${file}`), backup: (copy) => backup(db, copy) };
}

async function migrateLocked(raw: Database.Database, db: Kysely<Schema>, logger: Logger, migration: MigrationOptions): Promise<void> {
  // BEGIN IMMEDIATE waits up to busy_timeout; a migration elsewhere takes milliseconds, but retry
  // a few times so a slow peer (e.g. a loaded CI box) does not fail our start-up.
  for (let attempt = 1; ; attempt++) {
    try {
      raw.exec('begin immediate');
      break;
    } catch (err) {
      if (!isBusy(err) || attempt >= 6) throw err;
      logger.debug({ attempt }, 'store: waiting for another process migrating the database');
    }
  }
  try {
    await migrateToLatest(db, logger, migration);
    raw.exec('commit');
  } catch (err) {
    if (raw.inTransaction) raw.exec('rollback');
    throw err;
  }
}
