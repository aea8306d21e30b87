import { sql, type Kysely } from 'kysely';
import type { StoreKind } from './opened-store';
import type { Database } from './schema';

export type Db = Kysely<Database>;

/**
 * Runs fn in a write transaction. On SQLite it starts with BEGIN IMMEDIATE so the write lock is
 * taken up front (a deferred read-then-write transaction fails with SQLITE_BUSY_SNAPSHOT when
 * another process wrote in between); the single connection is held for the whole callback. On
 * PostgreSQL it is an ordinary transaction.
 */
export async function writeTransaction<T>(db: Db, kind: StoreKind, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (kind === 'postgres') return db.transaction().execute(fn);
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}
