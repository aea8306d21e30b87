import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial';
import * as m003 from './003-people-names';

/**
 * Migrations are imported statically (not read from a folder) so they work the same under ts-jest
 * and after `tsc`. Add new ones here in order; names sort lexically.
 */
const migrations: Record<string, Migration> = {
  '001-initial': m001,
  '003-people-names': m003,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
