import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import type { Logger } from '../core/ports/logger';
import { kyselyStore } from './kysely-store';
import { migrateToLatest } from './migrate';
import type { MigrationOptions } from './migrations';
import type { OpenedStore } from './opened-store';
import type { Database as Schema } from './schema';

/** postgres://user:secret@host:5432/db → postgres://host:5432/db (no credentials in logs). */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'postgres://(unparseable url)';
  }
}

/** Opens a pool and migrates; Kysely's migrator serialises replicas with an advisory lock. */
export async function openPostgresStore(url: string, logger: Logger, migration: MigrationOptions = {}): Promise<OpenedStore> {
  const description = describePostgresUrl(url);
  const pool = new Pool({ connectionString: url, max: 10 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', (err) => logger.warn({ err, db: description }, 'postgres pool client error'));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db, logger, migration);
  } catch (err) {
    await db.destroy();
    throw new Error(`cannot open PostgreSQL database ${description}: ${(err as Error).message}`, { cause: err });
  }
  return kyselyStore(db, 'postgres', description);
}
