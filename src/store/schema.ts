import type { LocalMessageKind } from '../../adapters/local/sandbox-messages';
import type { ChannelSource, ConnectState, DeliveryKind, DeliveryState, DeliveryTrigger, OptInKind } from '../core/ports/store';

/**
 * The database as Kysely sees it. Portable between SQLite and PostgreSQL: times are UTC ISO-8601
 * text (sorts correctly), booleans are integers 0/1, JSON is text, keys are text given by callers.
 * Columns that hold one of a few words are text typed with their union, so writes and comparisons
 * are checked; reads check the word again (enums.ts says why).
 */

export interface ChannelsTable {
  platform: string;
  channel_id: string;
  workspace_id: string | null;
  group_id: string | null;
  name: string | null;
  timezone: string | null;
  time: string | null;
  active: number;
  paused: number;
  source: ChannelSource;
  /** JSON text; NULL when the caller gave no reference. */
  reference: string | null;
  inactive_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeliveriesTable {
  id: string;
  run: string;
  kind: DeliveryKind;
  programme: string;
  day: number;
  platform: string;
  channel_id: string;
  round: number;
  state: DeliveryState;
  trigger: DeliveryTrigger;
  scheduled_at: string;
  owner: string | null;
  lease_until: string | null;
  attempts: number;
  last_attempt_at: string | null;
  next_attempt_at: string | null;
  reason: string | null;
  thread_id: string | null;
  posted_at: string | null;
  admins_notified: number;
  created_at: string;
  updated_at: string;
}

export interface RepliesTable {
  platform: string;
  channel_id: string;
  message_id: string;
  thread_id: string;
  delivery_id: string;
  user_id: string;
  text: string | null;
  /** What the core reads (migration 004); null with `text`, and on rows stored before it. */
  plain_text: string | null;
  /** JSON array of mentions ({userId, name, start, end}) in plain_text; null where plain_text is. */
  mentions: string | null;
  at: string;
  edited_at: string | null;
  deleted_at: string | null;
  /** JSON arrays of strings. */
  files: string;
  links: string;
  external: number;
}

export interface ReactionsTable {
  platform: string;
  channel_id: string;
  item_id: string;
  user_id: string;
  emoji: string;
  at: string;
}

export interface ProcessedEventsTable {
  event_key: string;
  at: string;
}

export interface LocalMessagesTable {
  id: string;
  channel_id: string;
  thread_id: string | null;
  user_id: string;
  kind: LocalMessageKind;
  body: string;
  at: string;
}

export interface InstallationsTable {
  platform: string;
  workspace_id: string;
  data: string;
  updated_at: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface PeopleNamesTable {
  platform: string;
  user_id: string;
  name: string;
  updated_at: string;
}

export interface WebSessionsTable {
  id_hash: string;
  platform: string;
  user_id: string;
  workspace_id: string;
  name: string | null;
  created_at: string;
  expires_at: string;
}

export interface OptInsTable {
  run: string;
  platform: string;
  user_id: string;
  kind: OptInKind;
  workspace_id: string | null;
  channel_id: string;
  /** JSON of the ChannelTarget the person spoke from (how to reach them later). */
  target: string;
  at: string;
}

export interface IntroductionsTable {
  id: string;
  run: string;
  platform: string;
  workspace_id: string | null;
  /** The pair, sorted: one row a pair a run. */
  user_a: string;
  user_b: string;
  local_date: string;
  state: ConnectState;
  owner: string | null;
  conversation: string | null;
  reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface CirclesTable {
  id: string;
  run: string;
  platform: string;
  workspace_id: string | null;
  zone: string;
  language: string;
  state: ConnectState;
  owner: string | null;
  conversation: string | null;
  reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface CircleMembersTable {
  run: string;
  platform: string;
  user_id: string;
  circle_id: string;
}

export interface Database {
  channels: ChannelsTable;
  deliveries: DeliveriesTable;
  replies: RepliesTable;
  reactions: ReactionsTable;
  processed_events: ProcessedEventsTable;
  local_messages: LocalMessagesTable;
  installations: InstallationsTable;
  meta: MetaTable;
  people_names: PeopleNamesTable;
  web_sessions: WebSessionsTable;
  opt_ins: OptInsTable;
  introductions: IntroductionsTable;
  circles: CirclesTable;
  circle_members: CircleMembersTable;
}
