import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial';
import { runsMigration, type RunsMigrationOptions } from './002-runs';
import * as m003 from './003-people-names';
import { replyMentionsMigration, type ReplyMentionsMigrationOptions } from './004-reply-mentions';
import * as m005 from './005-web-sessions';
import * as m006 from './006-connections';

export type MigrationOptions = RunsMigrationOptions & ReplyMentionsMigrationOptions;

/**
 * Migrations are imported statically (not read from a folder) so they work the same under ts-jest
 * and after `tsc`. Add new ones here in order; names sort lexically. Options carry what a data
 * migration needs from the config (002: each programme's zone) or the adapters (004: how a platform's
 * written text reads).
 */
export function migrationProvider(opts: MigrationOptions = {}): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '001-initial': m001,
    '002-runs': runsMigration(opts),
    '003-people-names': m003,
    '004-reply-mentions': replyMentionsMigration(opts),
    '005-web-sessions': m005,
    '006-connections': m006,
  };
  return { getMigrations: async () => migrations };
}
