import type { Mention, PlainText } from './inbound';
import type { ChannelTarget, Platform } from './platform';

/**
 * The Store port, one interface per role. Implementations (src/store: SQLite, PostgreSQL) must pass
 * the contract suite in tests/contract/store/ (one file per role). Every method is a single atomic statement or transaction, safe
 * to call from several processes on one database at once (the CLI beside the server, replicas).
 * Times are Date objects at the port; implementations keep them as UTC ISO-8601 text.
 */

/** Where `forget me` reaches: one platform and, when given, one workspace (channels stored without one count as its own). */
export interface ForgetScope {
  platform: Platform;
  workspaceId?: string | null;
}

export type ChannelSource = 'config' | 'subscribed' | 'known';

export interface ChannelRecord extends ChannelTarget {
  name: string | null;
  /** IANA zone; null = the config's default. */
  timezone: string | null;
  /** HH:MM; null = the config's default. */
  time: string | null;
  active: boolean;
  /** Organizer paused posting here (still active, no posts). */
  paused: boolean;
  source: ChannelSource;
  /** Why the channel is inactive (archived, bot removed, …). */
  inactiveReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type DeliveryState =
  | 'claimed' // a process owns it and will send (lease)
  | 'sending' // the request may be on the wire
  | 'recovering' // reclaimed after its owner died while sending: look before re-sending
  | 'sent'
  | 'retry' // transient failure; next attempt at nextAttemptAt
  | 'failed' // permanent failure
  | 'uncertain' // may or may not have been posted; a human decides (never re-sent blindly)
  | 'skipped'; // missed by more than `grace`

/** What a ledger row posts: a day's prompt, its digest, a channel's kick-off or wrap-up. */
export type DeliveryKind = 'prompt' | 'digest' | 'kickoff' | 'wrapup';
export const DELIVERY_KINDS: readonly DeliveryKind[] = ['prompt', 'digest', 'kickoff', 'wrapup'];

/** What made a delivery: the schedule, or someone's `post` command. */
export type DeliveryTrigger = 'schedule' | 'manual';

/** The ledger's unique key is (run, kind, day, platform, channelId, round). */
export interface DeliveryKey {
  /** A programme started on a date: `<programme>@<local start date>`, e.g. `wol-week@2026-11-16` (see core/runs.ts). */
  run: string;
  kind: DeliveryKind;
  /** The programme id (also the part of `run` before `@`). */
  programme: string;
  /** The programme day (for a digest: the day of the prompt it answers; kick-off 0, wrap-up the last day, by convention of its owner). */
  day: number;
  platform: Platform;
  channelId: string;
  /** 0 for the normal post; `post N again` adds rounds 1, 2, … (a digest takes the round of the prompt thread it went to). */
  round: number;
}

export interface DeliveryRecord extends DeliveryKey {
  id: string;
  state: DeliveryState;
  trigger: DeliveryTrigger;
  scheduledAt: Date;
  owner: string | null;
  leaseUntil: Date | null;
  attempts: number;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  reason: string | null;
  /** The thread it opened (prompt) or went into (digest). */
  threadId: string | null;
  postedAt: Date | null;
  adminsNotified: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewDelivery extends DeliveryKey {
  id: string;
  state: 'claimed' | 'skipped';
  trigger: DeliveryTrigger;
  scheduledAt: Date;
  owner: string | null;
  leaseUntil: Date | null;
  reason?: string | null;
  now: Date;
}

export interface ReplyRecord {
  platform: Platform;
  channelId: string;
  messageId: string;
  threadId: string;
  deliveryId: string;
  user: string;
  /** As written (what exports show); null once deleted (tombstone) or forgotten. */
  text: string | null;
  /**
   * What the core reads: the words as plain text, with `mentions` in it. null with `text`. A reply
   * stored before plain text was kept (migration 004) reads as its written text, mentioning nobody.
   */
  plainText: string | null;
  mentions: Mention[];
  at: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  files: string[];
  links: string[];
  external: boolean;
}

/** Without `plainText`, the written text is stored as the plain text too, mentioning nobody. */
export type NewReply = Omit<ReplyRecord, 'editedAt' | 'deletedAt' | 'plainText' | 'mentions'> & Partial<Pick<ReplyRecord, 'mentions'> & { plainText: string }>;

export interface ReplyFilter {
  deliveryIds?: string[];
  includeDeleted?: boolean;
  /** Only replies after this one in the listing's order. */
  after?: Pick<ReplyRecord, 'at' | 'platform' | 'channelId' | 'messageId'>;
  limit?: number;
}

/** One person's live replies (neither deleted nor forgotten) under one prompt thread; a row per external flag. */
export interface ReplyTally {
  deliveryId: string;
  platform: Platform;
  user: string;
  external: boolean;
  replies: number;
  /** The person's first live reply anywhere (in listReplies order) is one of these (only when asked: `firstEver`). */
  firstEver?: boolean;
}

export interface ReactionRecord {
  platform: Platform;
  channelId: string;
  itemId: string;
  user: string;
  emoji: string;
  at: Date;
}

/** What an ingest call did: stored it, saw the event id before, or found nothing to apply it to. */
export type IngestResult = 'stored' | 'duplicate' | 'ignored';

/** A person's display name as last resolved from their platform. */
export interface PersonName {
  name: string;
  updatedAt: Date;
}

export interface DeliveryFilter {
  run?: string;
  kinds?: DeliveryKind[];
  programme?: string;
  day?: number;
  platform?: Platform;
  channelId?: string;
  states?: DeliveryState[];
}

/** The store itself: whether it answers, and small values that survive restarts. */
export interface StoreMeta {
  /** Human description for logs, without credentials. */
  readonly description: string;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** true when any channel, delivery, reply, reaction or installation is outside the sandbox. */
  holdsPlatformData(): Promise<boolean>;
  getMeta(key: string): Promise<string | null>;
  /** Sets only if absent; returns the value now stored. */
  setMetaIfAbsent(key: string, value: string): Promise<string>;
  /** Sets or replaces (e.g. the config fingerprint a running server has loaded). */
  setMeta(key: string, value: string): Promise<void>;
}

/** Channels wolbot posts to: configured or subscribed, active, paused, renamed, gone. */
export interface Channels {
  getChannel(platform: Platform, channelId: string): Promise<ChannelRecord | null>;
  listChannels(opts?: { activeOnly?: boolean }): Promise<ChannelRecord[]>;
  /** Insert or replace the whole record (createdAt kept when it exists). */
  saveChannel(rec: Omit<ChannelRecord, 'createdAt' | 'updatedAt'>, now: Date): Promise<void>;
  setChannelActive(platform: Platform, channelId: string, active: boolean, reason: string | null, now: Date): Promise<boolean>;
  setChannelPaused(platform: Platform, channelId: string, paused: boolean, now: Date): Promise<boolean>;
  /** Forget a channel (`channels remove`): its record goes; its deliveries and replies stay for exports. */
  deleteChannel(platform: Platform, channelId: string): Promise<boolean>;
  /** Channel id changed on the platform: move the channel and its history. */
  renameChannel(platform: Platform, oldId: string, newId: string, now: Date): Promise<void>;
  deactivateWorkspace(platform: Platform, workspaceId: string, reason: string, now: Date): Promise<number>;
  /** Every active channel of a group (a Teams team the bot was removed from). */
  deactivateGroup(platform: Platform, groupId: string, reason: string, now: Date): Promise<number>;
}

/** The delivery ledger: one row a (run, kind, day, channel), claimed under a lease, then sent, retried or failed. */
export interface Ledger {
  /** INSERT … ON CONFLICT DO NOTHING RETURNING: the record when this caller won the key, else null. */
  claimDelivery(d: NewDelivery): Promise<DeliveryRecord | null>;
  /**
   * Take over a delivery that is due again: state `retry` with nextAttemptAt <= now, or a lease
   * (claimed/sending/recovering) that expired before now. A `sending` row becomes `recovering`,
   * anything else `claimed`. One statement; null when someone else got it or it is not due.
   */
  reclaimDelivery(id: string, owner: string, now: Date, leaseUntil: Date): Promise<DeliveryRecord | null>;
  /** Deliveries reclaimDelivery would accept now. */
  listReclaimable(now: Date, limit: number): Promise<DeliveryRecord[]>;
  /** Heartbeat: extend the lease of each of `ids` that `owner` still holds (claimed/sending/recovering); returns those ids. */
  renewLeases(ids: string[], owner: string, now: Date, leaseUntil: Date): Promise<string[]>;
  /** Distinct owners holding a lease (whether or not it has expired). */
  listLeaseOwners(): Promise<string[]>;
  /** End every lease `owner` holds now (its process is known to be gone); returns rows touched. */
  expireLeases(owner: string, now: Date): Promise<number>;
  /** claimed|recovering → sending, attempts+1; false when `owner` no longer holds it. */
  markSending(id: string, owner: string, now: Date): Promise<boolean>;
  markSent(id: string, owner: string, threadId: string, postedAt: Date, now: Date): Promise<boolean>;
  markRetry(id: string, owner: string, reason: string, nextAttemptAt: Date, now: Date): Promise<boolean>;
  markFailed(id: string, owner: string, reason: string, now: Date): Promise<boolean>;
  markUncertain(id: string, owner: string, reason: string, now: Date): Promise<boolean>;
  /** Graceful shutdown: give an unfinished claim back (state retry, due now). */
  releaseClaim(id: string, owner: string, now: Date): Promise<boolean>;
  /** true only for the first caller: admins are told of a failure once. */
  markAdminsNotified(id: string, now: Date): Promise<boolean>;
  getDelivery(id: string): Promise<DeliveryRecord | null>;
  listDeliveries(filter?: DeliveryFilter): Promise<DeliveryRecord[]>;
  /** Every run the ledger holds a row of, with its first scheduled time; oldest first. */
  listRuns(): Promise<{ run: string; programme: string; firstAt: Date }[]>;
  /** Highest round for a key, or -1 when none. */
  maxRound(key: Omit<DeliveryKey, 'round'>): Promise<number>;
  /** The prompt (kind `prompt`) whose thread this is; digests in the same thread are not returned. */
  findDeliveryByThread(platform: Platform, channelId: string, threadId: string): Promise<DeliveryRecord | null>;
}

/** What people wrote and reacted under our posts: dedupe by eventKey and the effect in one transaction, then reads. */
export interface Replies {
  addReply(eventKey: string, reply: NewReply, now: Date): Promise<IngestResult>;
  /** 'ignored' when the message is unknown or deleted. Without `plain`, the new text is its plain text, mentioning nobody. */
  editReply(eventKey: string, platform: Platform, channelId: string, messageId: string, text: string, at: Date, now: Date, plain?: PlainText): Promise<IngestResult>;
  /** Tombstone: text removed, row kept. */
  deleteReply(eventKey: string, platform: Platform, channelId: string, messageId: string, at: Date, now: Date): Promise<IngestResult>;
  addReaction(eventKey: string, r: ReactionRecord, now: Date): Promise<IngestResult>;
  removeReaction(eventKey: string, r: Omit<ReactionRecord, 'at'>, now: Date): Promise<IngestResult>;
  /** Records a key (e.g. an answered request's signature); true only the first time. Pruned with the events. */
  recordEvent(eventKey: string, now: Date): Promise<boolean>;
  /** Was this event key seen (any kind of event)? */
  hasEvent(eventKey: string): Promise<boolean>;
  pruneEvents(olderThan: Date): Promise<number>;

  getReply(platform: Platform, channelId: string, messageId: string): Promise<ReplyRecord | null>;
  /** In (at, platform, channel, message) order; `after` + `limit` read it a page at a time (keyset). */
  listReplies(filter: ReplyFilter): Promise<ReplyRecord[]>;
  /** Counted by the store, not read: each person's live replies under each of these threads (figures, report headings). */
  replyTallies(deliveryIds: string[], opts?: { firstEver?: boolean }): Promise<ReplyTally[]>;
  /** Reaction count per item id within a channel. */
  reactionCounts(platform: Platform, channelId: string, itemIds: string[]): Promise<Map<string, number>>;
}

/** People's words and names: forget me, retention, display names. */
export interface People {
  /** Removes every reply text, reaction and display name of this user id on every platform; returns rows touched. */
  forgetUser(userId: string, scope?: ForgetScope): Promise<number>;
  /** Replies before `olderThan` go, and the names of people with no reply left. */
  pruneReplies(olderThan: Date): Promise<number>;
  /** Insert or refresh a person's display name. */
  saveName(platform: Platform, userId: string, name: string, now: Date): Promise<void>;
  /** Stored names by user id (every name of the platform when `userIds` is omitted). */
  getNames(platform: Platform, userIds?: string[]): Promise<Map<string, PersonName>>;
}

/** What a person opted into in a run: introductions (`connect on`) or a circle (`circle join`). */
export type OptInKind = 'connect' | 'circle';

export interface OptIn {
  run: string;
  platform: Platform;
  userId: string;
  kind: OptInKind;
  workspaceId: string | null;
  /** Where they said it: how to reach them later. */
  target: ChannelTarget;
  at: Date;
}

/** An introduction or a circle: claimed before anything is sent, then sent or failed (never re-sent). */
export type ConnectState = 'claimed' | 'sent' | 'failed';

export interface IntroductionRecord {
  id: string;
  run: string;
  platform: Platform;
  workspaceId: string | null;
  /** The pair, sorted. */
  users: [string, string];
  /** The programme's local date it was made on (one new introduction a person a day). */
  localDate: string;
  state: ConnectState;
  conversation: string | null;
  reason: string | null;
  createdAt: Date;
}

export interface CircleRecord {
  id: string;
  run: string;
  platform: Platform;
  workspaceId: string | null;
  zone: string;
  language: string;
  users: string[];
  state: ConnectState;
  conversation: string | null;
  reason: string | null;
  createdAt: Date;
}

export type NewIntroduction = Omit<IntroductionRecord, 'state' | 'conversation' | 'reason' | 'createdAt'> & { owner: string };
export type NewCircle = Omit<CircleRecord, 'state' | 'conversation' | 'reason' | 'createdAt'> & { owner: string };

/** Introductions and circles: opt-ins, and a claim per pair or circle before anything is sent. */
export interface Connections {
  /** true when this is new (saying it twice changes nothing). */
  setOptIn(o: Omit<OptIn, 'at'>, now: Date): Promise<boolean>;
  /** true when there was one to remove. */
  removeOptIn(run: string, platform: Platform, userId: string, kind: OptInKind): Promise<boolean>;
  listOptIns(run: string, kind: OptInKind): Promise<OptIn[]>;
  /** `forget me`: every opt-in of this user id (within the scope); returns rows removed. */
  forgetOptIns(userId: string, scope: ForgetScope): Promise<number>;
  /**
   * Claims a pair for an introduction, atomically: null when the pair was introduced before in
   * this run, or either person already has an introduction on `localDate`.
   */
  claimIntroduction(i: NewIntroduction, now: Date): Promise<IntroductionRecord | null>;
  finishIntroduction(id: string, state: 'sent' | 'failed', conversation: string | null, reason: string | null, now: Date): Promise<boolean>;
  listIntroductions(run?: string): Promise<IntroductionRecord[]>;
  /** Claims a circle with its members, atomically: null when any of them is in a circle of this run already. */
  claimCircle(c: NewCircle, now: Date): Promise<CircleRecord | null>;
  finishCircle(id: string, state: 'sent' | 'failed', conversation: string | null, reason: string | null, now: Date): Promise<boolean>;
  listCircles(run?: string): Promise<CircleRecord[]>;
}

/**
 * Every role the store plays for the core. Parts of wolbot take the role they need (e.g. `Pick` or
 * one of the interfaces above); the wiring passes the one store that implements them all. Data an
 * adapter owns (e.g. the sandbox's own messages) sits behind a port that adapter declares in its
 * folder (see PlatformStore in platform-descriptor.ts); which database it is, and how to copy it,
 * only the composition root knows (src/store's OpenedStore).
 */
export interface Store extends StoreMeta, Channels, Ledger, Replies, People, Connections {}
