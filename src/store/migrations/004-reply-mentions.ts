import type { Kysely } from 'kysely';

/**
 * Replies keep what the core reads beside what was written: `plain_text` (no platform markup) and
 * `mentions` (a JSON list of {userId, name, start, end} in it), so digests and wrap-ups decide who
 * was addressed from the list, while exports keep `text` byte for byte. Rows from before stay NULL
 * and read as their written text, mentioning nobody (see rows.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('replies').addColumn('plain_text', 'text').execute();
  await db.schema.alterTable('replies').addColumn('mentions', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('replies').dropColumn('mentions').execute();
  await db.schema.alterTable('replies').dropColumn('plain_text').execute();
}
