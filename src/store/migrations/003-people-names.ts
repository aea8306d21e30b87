import type { Kysely } from 'kysely';

/**
 * People's display names, so digests, wrap-ups and exports show "Ana" instead of "U04…".
 * Keyed like replies (platform + user id); `updated_at` lets the core refresh a name at most daily.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('people_names')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('people_names_pk', ['platform', 'user_id'])
    .execute();
  await db.schema.createIndex('people_names_user_idx').on('people_names').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('people_names').execute();
}
