import { Migrator, type Kysely } from 'kysely';
import type { Logger } from '../core/ports/logger';
import { migrationProvider, type MigrationOptions } from './migrations';

/**
 * Brings the schema up to date. Callers serialise across processes: PostgreSQL through the
 * migrator's own advisory lock; SQLite by running this inside BEGIN IMMEDIATE (see sqlite.ts).
 */
export async function migrateToLatest(db: Kysely<any>, logger: Logger, opts: MigrationOptions = {}): Promise<void> {
  // Helpers land numbered migrations in parallel: a store that already ran 003 still accepts a 002
  // landed later (each migration touches its own tables).
  const migrator = new Migrator({ db, provider: migrationProvider(opts), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  for (const r of results ?? []) {
    if (r.status === 'Success') logger.info({ migration: r.migrationName }, 'store migration applied');
    else logger.error({ migration: r.migrationName, status: r.status }, 'store migration failed');
  }
  if (error) {
    const err = error instanceof Error ? error : new Error(typeof error === 'string' ? error : JSON.stringify(error));
    throw new Error(`store migration failed: ${err.message}`, { cause: err });
  }
  if (!results?.length) logger.debug('store schema is up to date');
}
