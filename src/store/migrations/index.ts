import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial';

/**
 * Migrations are imported statically (not read from a folder) so they work the same under ts-jest
 * and after `tsc`. Add new ones here in order; names sort lexically.
 */
const migrations: Record<string, Migration> = {
  '001-initial': m001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
