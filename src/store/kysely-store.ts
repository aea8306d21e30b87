import { sql } from 'kysely';
import type { Platform } from '../core/ports/platform';
import type {
  ChannelRecord, DeliveryFilter, DeliveryKey, DeliveryRecord, IngestResult, LocalMessage, NewDelivery, NewReply,
  ForgetScope, PersonName, ReactionRecord, ReplyFilter, ReplyRecord, Store,
} from '../core/ports/store';
import * as channels from './channels';
import type { StoreContext } from './context';
import * as deliveries from './deliveries';
import { GroupCommit } from './group-commit';
import * as ingest from './ingest';
import * as misc from './misc';
import * as people from './people';
import type { Db } from './tx';

/** The Store port over one Kysely instance; the query modules do the work, this class wires them. */
export class KyselyStore implements Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly description: string;
  protected readonly ctx: StoreContext;

  constructor(db: Db, kind: 'sqlite' | 'postgres', description: string) {
    this.kind = kind;
    this.description = description;
    this.ctx = { db, kind, commits: new GroupCommit(db, kind) };
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.ctx.db);
  }
  async close(): Promise<void> {
    await this.ctx.commits.flush();
    await this.ctx.db.destroy();
  }

  // channels
  getChannel(platform: Platform, channelId: string): Promise<ChannelRecord | null> {
    return channels.getChannel(this.ctx, platform, channelId);
  }
  listChannels(opts?: { activeOnly?: boolean }): Promise<ChannelRecord[]> {
    return channels.listChannels(this.ctx, opts);
  }
  saveChannel(rec: Omit<ChannelRecord, 'createdAt' | 'updatedAt'>, now: Date): Promise<void> {
    return channels.saveChannel(this.ctx, rec, now);
  }
  setChannelActive(platform: Platform, channelId: string, active: boolean, reason: string | null, now: Date): Promise<boolean> {
    return channels.setChannelActive(this.ctx, platform, channelId, active, reason, now);
  }
  setChannelPaused(platform: Platform, channelId: string, paused: boolean, now: Date): Promise<boolean> {
    return channels.setChannelPaused(this.ctx, platform, channelId, paused, now);
  }
  deleteChannel(platform: Platform, channelId: string): Promise<boolean> {
    return channels.deleteChannel(this.ctx, platform, channelId);
  }
  renameChannel(platform: Platform, oldId: string, newId: string, now: Date): Promise<void> {
    return channels.renameChannel(this.ctx, platform, oldId, newId, now);
  }
  deactivateWorkspace(platform: Platform, workspaceId: string, reason: string, now: Date): Promise<number> {
    return channels.deactivateScope(this.ctx, platform, 'workspace_id', workspaceId, reason, now);
  }
  deactivateGroup(platform: Platform, groupId: string, reason: string, now: Date): Promise<number> {
    return channels.deactivateScope(this.ctx, platform, 'group_id', groupId, reason, now);
  }

  // delivery ledger
  claimDelivery(d: NewDelivery): Promise<DeliveryRecord | null> {
    return deliveries.claimDelivery(this.ctx, d);
  }
  reclaimDelivery(id: string, owner: string, now: Date, leaseUntil: Date): Promise<DeliveryRecord | null> {
    return deliveries.reclaimDelivery(this.ctx, id, owner, now, leaseUntil);
  }
  listReclaimable(now: Date, limit: number): Promise<DeliveryRecord[]> {
    return deliveries.listReclaimable(this.ctx, now, limit);
  }
  renewLeases(ids: string[], owner: string, now: Date, leaseUntil: Date): Promise<string[]> {
    return deliveries.renewLeases(this.ctx, ids, owner, now, leaseUntil);
  }
  listLeaseOwners(): Promise<string[]> {
    return deliveries.listLeaseOwners(this.ctx);
  }
  expireLeases(owner: string, now: Date): Promise<number> {
    return deliveries.expireLeases(this.ctx, owner, now);
  }
  markSending(id: string, owner: string, now: Date): Promise<boolean> {
    return deliveries.markSending(this.ctx, id, owner, now);
  }
  markSent(id: string, owner: string, threadId: string, postedAt: Date, now: Date): Promise<boolean> {
    return deliveries.markSent(this.ctx, id, owner, threadId, postedAt, now);
  }
  markRetry(id: string, owner: string, reason: string, nextAttemptAt: Date, now: Date): Promise<boolean> {
    return deliveries.markRetry(this.ctx, id, owner, reason, nextAttemptAt, now);
  }
  markFailed(id: string, owner: string, reason: string, now: Date): Promise<boolean> {
    return deliveries.markFailed(this.ctx, id, owner, reason, now);
  }
  markUncertain(id: string, owner: string, reason: string, now: Date): Promise<boolean> {
    return deliveries.markUncertain(this.ctx, id, owner, reason, now);
  }
  releaseClaim(id: string, owner: string, now: Date): Promise<boolean> {
    return deliveries.releaseClaim(this.ctx, id, owner, now);
  }
  markAdminsNotified(id: string, now: Date): Promise<boolean> {
    return deliveries.markAdminsNotified(this.ctx, id, now);
  }
  listRuns(): Promise<{ run: string; programme: string; firstAt: Date }[]> {
    return deliveries.listRuns(this.ctx);
  }
  getDelivery(id: string): Promise<DeliveryRecord | null> {
    return deliveries.getDelivery(this.ctx, id);
  }
  listDeliveries(filter?: DeliveryFilter): Promise<DeliveryRecord[]> {
    return deliveries.listDeliveries(this.ctx, filter);
  }
  maxRound(key: Omit<DeliveryKey, 'round'>): Promise<number> {
    return deliveries.maxRound(this.ctx, key);
  }
  findDeliveryByThread(platform: Platform, channelId: string, threadId: string): Promise<DeliveryRecord | null> {
    return deliveries.findDeliveryByThread(this.ctx, platform, channelId, threadId);
  }

  // ingest
  addReply(eventKey: string, reply: NewReply, now: Date): Promise<IngestResult> {
    return ingest.addReply(this.ctx, eventKey, reply, now);
  }
  editReply(eventKey: string, platform: Platform, channelId: string, messageId: string, text: string, at: Date, now: Date): Promise<IngestResult> {
    return ingest.editReply(this.ctx, eventKey, platform, channelId, messageId, text, at, now);
  }
  deleteReply(eventKey: string, platform: Platform, channelId: string, messageId: string, at: Date, now: Date): Promise<IngestResult> {
    return ingest.deleteReply(this.ctx, eventKey, platform, channelId, messageId, at, now);
  }
  addReaction(eventKey: string, r: ReactionRecord, now: Date): Promise<IngestResult> {
    return ingest.addReaction(this.ctx, eventKey, r, now);
  }
  removeReaction(eventKey: string, r: Omit<ReactionRecord, 'at'>, now: Date): Promise<IngestResult> {
    return ingest.removeReaction(this.ctx, eventKey, r, now);
  }
  holdsPlatformData(): Promise<boolean> {
    return misc.holdsPlatformData(this.ctx);
  }
  recordEvent(eventKey: string, now: Date): Promise<boolean> {
    return ingest.recordEvent(this.ctx, eventKey, now);
  }
  hasEvent(eventKey: string): Promise<boolean> {
    return ingest.hasEvent(this.ctx, eventKey);
  }
  pruneEvents(olderThan: Date): Promise<number> {
    return ingest.pruneEvents(this.ctx, olderThan);
  }
  getReply(platform: Platform, channelId: string, messageId: string): Promise<ReplyRecord | null> {
    return ingest.getReply(this.ctx, platform, channelId, messageId);
  }
  listReplies(filter: ReplyFilter): Promise<ReplyRecord[]> {
    return ingest.listReplies(this.ctx, filter);
  }
  reactionCounts(platform: Platform, channelId: string, itemIds: string[]): Promise<Map<string, number>> {
    return ingest.reactionCounts(this.ctx, platform, channelId, itemIds);
  }

  // people's words
  forgetUser(userId: string, scope?: ForgetScope): Promise<number> {
    return people.forgetUser(this.ctx, userId, scope);
  }
  pruneReplies(olderThan: Date): Promise<number> {
    return people.pruneReplies(this.ctx, olderThan);
  }
  saveName(platform: Platform, userId: string, name: string, now: Date): Promise<void> {
    return people.saveName(this.ctx, platform, userId, name, now);
  }
  getNames(platform: Platform, userIds?: string[]): Promise<Map<string, PersonName>> {
    return people.getNames(this.ctx, platform, userIds);
  }

  // sandbox, installations, meta
  addLocalMessage(m: LocalMessage): Promise<void> {
    return misc.addLocalMessage(this.ctx, m);
  }
  listLocalMessages(channelId?: string): Promise<LocalMessage[]> {
    return misc.listLocalMessages(this.ctx, channelId);
  }
  saveInstallation(platform: Platform, workspaceId: string, data: string, now: Date): Promise<void> {
    return misc.saveInstallation(this.ctx, platform, workspaceId, data, now);
  }
  getInstallation(platform: Platform, workspaceId: string): Promise<string | null> {
    return misc.getInstallation(this.ctx, platform, workspaceId);
  }
  deleteInstallation(platform: Platform, workspaceId: string): Promise<void> {
    return misc.deleteInstallation(this.ctx, platform, workspaceId);
  }
  getMeta(key: string): Promise<string | null> {
    return misc.getMeta(this.ctx, key);
  }
  setMetaIfAbsent(key: string, value: string): Promise<string> {
    return misc.setMetaIfAbsent(this.ctx, key, value);
  }
}
