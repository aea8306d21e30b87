import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Mention } from '../core/ports/inbound';
import type { ChannelRecord, DeliveryRecord, ReactionRecord, ReplyRecord } from '../core/ports/store';
import { channelSource, deliveryKind, deliveryState, deliveryTrigger } from './enums';
import type { ChannelsTable, DeliveriesTable, ReactionsTable, RepliesTable } from './schema';

/** Row ↔ record mapping: ISO text ↔ Date, 0/1 ↔ boolean, JSON text ↔ values. */

export const iso = (d: Date): string => d.toISOString();
export const isoOrNull = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
export const date = (s: string): Date => new Date(s);
const dateOrNull = (s: string | null): Date | null => (s === null ? null : new Date(s));
export const bool = (b: boolean): number => (b ? 1 : 0);

/** undefined → SQL NULL; anything else (null included) → its JSON text, so it reads back as given. */
export const referenceToText = (ref: unknown): string | null => (ref === undefined ? null : JSON.stringify(ref));

/** A column holding a JSON list of strings, read back as one (or a clear error if it is not). */
function stringsOf(text: string, column: string): string[] {
  const v: unknown = JSON.parse(text);
  if (Array.isArray(v) && v.every((x): x is string => typeof x === 'string')) return v;
  throw new Error(`${column} holds ${text.slice(0, 80)}, not a JSON list of strings`);
}

const MENTIONS = z.array(z.object({ userId: z.string(), name: z.string(), start: z.number().int().min(0), end: z.number().int().min(0) }));

/** replies.mentions: a JSON list of mentions; null (a row from before migration 004, or a tombstone) is none. */
function mentionsOf(text: string | null): Mention[] {
  if (text === null) return [];
  const r = MENTIONS.safeParse(JSON.parse(text));
  if (r.success) return r.data;
  throw new Error(`replies.mentions holds ${text.slice(0, 80)}, not a JSON list of mentions`);
}

export function toChannel(r: Selectable<ChannelsTable>): ChannelRecord {
  const rec: ChannelRecord = {
    platform: r.platform,
    channelId: r.channel_id,
    workspaceId: r.workspace_id,
    groupId: r.group_id,
    name: r.name,
    timezone: r.timezone,
    time: r.time,
    active: Number(r.active) === 1,
    paused: Number(r.paused) === 1,
    source: channelSource(r.source),
    inactiveReason: r.inactive_reason,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
  if (r.reference !== null) rec.reference = JSON.parse(r.reference);
  return rec;
}

export function toDelivery(r: Selectable<DeliveriesTable>): DeliveryRecord {
  return {
    id: r.id,
    run: r.run,
    kind: deliveryKind(r.kind),
    programme: r.programme,
    day: Number(r.day),
    platform: r.platform,
    channelId: r.channel_id,
    round: Number(r.round),
    state: deliveryState(r.state),
    trigger: deliveryTrigger(r.trigger),
    scheduledAt: date(r.scheduled_at),
    owner: r.owner,
    leaseUntil: dateOrNull(r.lease_until),
    attempts: Number(r.attempts),
    lastAttemptAt: dateOrNull(r.last_attempt_at),
    nextAttemptAt: dateOrNull(r.next_attempt_at),
    reason: r.reason,
    threadId: r.thread_id,
    postedAt: dateOrNull(r.posted_at),
    adminsNotified: Number(r.admins_notified) === 1,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

export function toReply(r: Selectable<RepliesTable>): ReplyRecord {
  return {
    platform: r.platform,
    channelId: r.channel_id,
    messageId: r.message_id,
    threadId: r.thread_id,
    deliveryId: r.delivery_id,
    user: r.user_id,
    text: r.text,
    // A row stored before migration 004 reads as its written text, mentioning nobody.
    plainText: r.plain_text ?? r.text,
    mentions: mentionsOf(r.mentions),
    at: date(r.at),
    editedAt: dateOrNull(r.edited_at),
    deletedAt: dateOrNull(r.deleted_at),
    files: stringsOf(r.files, 'replies.files'),
    links: stringsOf(r.links, 'replies.links'),
    external: Number(r.external) === 1,
  };
}

export function toReaction(r: Selectable<ReactionsTable>): ReactionRecord {
  return { platform: r.platform, channelId: r.channel_id, itemId: r.item_id, user: r.user_id, emoji: r.emoji, at: date(r.at) };
}

/** Affected-row counts come back as bigint (or undefined); PG counts as strings. */
export const n = (v: bigint | number | string | undefined | null): number => (v === undefined || v === null ? 0 : Number(v));
