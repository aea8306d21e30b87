import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial';
import { runsMigration, type RunsMigrationOptions } from './002-runs';
import * as m003 from './003-people-names';
import * as m006 from './006-connections';

export type MigrationOptions = RunsMigrationOptions;

/**
 * Migrations are imported statically (not read from a folder) so they work the same under ts-jest
 * and after `tsc`. Add new ones here in order; names sort lexically. Options carry what a data
 * migration needs from the config (002: each programme's zone).
 */
export function migrationProvider(opts: MigrationOptions = {}): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '001-initial': m001,
    '002-runs': runsMigration(opts),
    '003-people-names': m003,
    '006-connections': m006,
  };
  return { getMigrations: async () => migrations };
}
