import type { Kysely } from 'kysely';

/** The first schema. Column types are the portable subset (text, integer) on both dialects. */
export async function up(db: Kysely<any>): Promise<void> {
  await createChannels(db);
  await createDeliveries(db);
  await createReplies(db);
  await createReactions(db);
  await createProcessedEvents(db);
  await createLocalMessages(db);
  await createInstallations(db);
  await createMeta(db);
}

async function createChannels(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('channels')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text')
    .addColumn('group_id', 'text')
    .addColumn('name', 'text')
    .addColumn('timezone', 'text')
    .addColumn('time', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('inactive_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('channels_pk', ['platform', 'channel_id'])
    .execute();
  await db.schema.createIndex('channels_workspace_idx').on('channels').columns(['platform', 'workspace_id']).execute();
  await db.schema.createIndex('channels_group_idx').on('channels').columns(['platform', 'group_id']).execute();
}

async function createDeliveries(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('scheduled_at', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_attempt_at', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('reason', 'text')
    .addColumn('thread_id', 'text')
    .addColumn('posted_at', 'text')
    .addColumn('digest_posted_at', 'text')
    .addColumn('admins_notified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('deliveries_key_uq', ['programme', 'day', 'platform', 'channel_id', 'round'])
    .execute();
  await db.schema.createIndex('deliveries_thread_idx').on('deliveries').columns(['platform', 'channel_id', 'thread_id']).execute();
  await db.schema.createIndex('deliveries_due_idx').on('deliveries').columns(['state', 'next_attempt_at']).execute();
}

async function createReplies(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('replies')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('files', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('links', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('external', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('replies_pk', ['platform', 'channel_id', 'message_id'])
    .execute();
  await db.schema.createIndex('replies_delivery_idx').on('replies').columns(['delivery_id', 'at']).execute();
  await db.schema.createIndex('replies_user_idx').on('replies').column('user_id').execute();
  await db.schema.createIndex('replies_at_idx').on('replies').column('at').execute();
}

async function createReactions(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reactions')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('emoji', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reactions_pk', ['platform', 'channel_id', 'item_id', 'user_id', 'emoji'])
    .execute();
  await db.schema.createIndex('reactions_user_idx').on('reactions').column('user_id').execute();
}

async function createProcessedEvents(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('processed_events')
    .addColumn('event_key', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('processed_events_at_idx').on('processed_events').column('at').execute();
}

async function createLocalMessages(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('local_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('local_messages_channel_idx').on('local_messages').columns(['channel_id', 'at']).execute();
}

async function createInstallations(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('installations')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('installations_pk', ['platform', 'workspace_id'])
    .execute();
}

async function createMeta(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['meta', 'installations', 'local_messages', 'processed_events', 'reactions', 'replies', 'deliveries', 'channels']) {
    await db.schema.dropTable(t).execute();
  }
}
