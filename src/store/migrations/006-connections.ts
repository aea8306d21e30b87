import type { Kysely } from 'kysely';

/**
 * Introductions and circles (issue 25): who said `connect on` / `circle join` in a run, the
 * introductions made (one row a pair, claimed before anything is sent: a pair is never introduced
 * twice in a run), and the circles formed with their members (one circle a person a run).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('opt_ins')
    .addColumn('run', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text')
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('opt_ins_pk', ['run', 'platform', 'user_id', 'kind'])
    .execute();
  await db.schema.createIndex('opt_ins_user_idx').on('opt_ins').column('user_id').execute();
  await db.schema
    .createTable('introductions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text')
    .addColumn('user_a', 'text', (c) => c.notNull())
    .addColumn('user_b', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('conversation', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('introductions_pair_uq', ['run', 'platform', 'user_a', 'user_b'])
    .execute();
  await db.schema
    .createTable('circles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text')
    .addColumn('zone', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('conversation', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('circle_members')
    .addColumn('run', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('circle_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('circle_members_pk', ['run', 'platform', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['circle_members', 'circles', 'introductions', 'opt_ins']) await db.schema.dropTable(t).execute();
}
