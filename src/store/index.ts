import path from 'node:path';
import { silentLogger, type Logger } from '../core/ports/logger';
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { MigrationOptions } from './migrations';
import type { OpenedStore } from './opened-store';

export { writeTransaction } from './tx';
export type { OpenedStore, StoreKind } from './opened-store';

/**
 * Opens and migrates the store named by a DATABASE_URL:
 * - `sqlite:PATH` — relative to opts.cwd or absolute; the folder is created (`sqlite::memory:` too)
 * - `postgres://…` / `postgresql://…`
 * `migration` carries what a data migration needs from the config (each programme's zone).
 */
export async function openStore(url: string, opts: { cwd: string; logger?: Logger; migration?: MigrationOptions }): Promise<OpenedStore> {
  const logger = (opts.logger ?? silentLogger).child({ component: 'store' });
  if (url.startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length);
    if (!rest) throw new Error('DATABASE_URL "sqlite:" names no file (e.g. sqlite:data/wolbot.db)');
    const file = rest === ':memory:' ? rest : path.resolve(opts.cwd, rest);
    const store = await openSqliteStore(file, logger, opts.migration);
    logger.info({ db: store.description }, 'store open');
    return store;
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const store = await openPostgresStore(url, logger, opts.migration);
    logger.info({ db: store.description }, 'store open');
    return store;
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  throw new Error(
    `DATABASE_URL has an unsupported scheme${scheme ? ` "${scheme}:"` : ''}: use sqlite:PATH or postgres://…`,
  );
}
