import type { Clock } from './ports/clock';
import type { RecentThread, ReactionEvent, ReplyDeletedEvent, ReplyEditedEvent, ReplyEvent, ReplyOutcome } from './ports/inbound';
import type { Logger } from './ports/logger';
import type { Platform } from './ports/platform';
import type { Channels, DeliveryRecord, Ledger, Replies, ReplyRecord } from './ports/store';

type PromptRef = Pick<DeliveryRecord, 'id' | 'day' | 'programme' | 'run'>;

/** Prompt threads remembered per process (each reply would otherwise look its thread up twice). */
const PROMPT_CACHE = 5000;

/** Replies read a page at a time when listing a thread's stored ids. */
const STORED_IDS_PAGE = 500;

/**
 * Collects the replies and reactions under our prompts. Each call resolves after the store has the
 * event (dedupe by event key and the effect in one transaction), so adapters may then acknowledge.
 */
export class Collector {
  private readonly prompts = new Map<string, PromptRef>();
  /** (run, channel) pairs whose kick-off is posted: consent given there (it is never taken back). */
  private readonly welcomedIn = new Set<string>();

  /** `gathers(programme)` false: a circle companion — nothing said under its prompts is kept. */
  constructor(private readonly d: { store: Ledger & Replies & Channels; clock: Clock; logger: Logger; gathers: (programme: string) => boolean }) {}

  /**
   * The prompt whose thread this is. A sent prompt's thread, id, day and programme never change
   * (deliveries are never deleted), so a hit is remembered; a miss is not (the thread may be ours
   * a moment later, once its post is recorded).
   */
  private async promptOf(platform: Platform, channelId: string, threadId: string): Promise<PromptRef | null> {
    const key = `${platform}\u0000${channelId}\u0000${threadId}`;
    const hit = this.prompts.get(key);
    if (hit) return hit;
    const rec = await this.d.store.findDeliveryByThread(platform, channelId, threadId);
    if (!rec) return null;
    if (this.prompts.size >= PROMPT_CACHE) this.prompts.delete(this.prompts.keys().next().value!);
    const ref = { id: rec.id, day: rec.day, programme: rec.programme, run: rec.run };
    this.prompts.set(key, ref);
    return ref;
  }

  async isPromptThread(platform: Platform, channelId: string, threadId: string): Promise<boolean> {
    return (await this.promptOf(platform, channelId, threadId)) !== null;
  }

  async recentThreads(platform: Platform, since: Date): Promise<RecentThread[]> {
    const sent = (await this.d.store.listDeliveries({ platform, kinds: ['prompt'], states: ['sent'] })).filter((r) => r.threadId && r.postedAt && r.postedAt >= since && this.d.gathers(r.programme));
    const workspaces = new Map((await this.d.store.listChannels()).filter((c) => c.platform === platform).map((c) => [c.channelId, c.workspaceId ?? null]));
    return sent.map((r) => ({ platform: r.platform, channelId: r.channelId, id: r.threadId!, workspaceId: workspaces.get(r.channelId) ?? null }));
  }

  async storedReplyIds(platform: Platform, channelId: string, threadId: string): Promise<string[]> {
    const rec = await this.promptOf(platform, channelId, threadId);
    if (!rec) return [];
    // A page at a time: a long thread's rows (texts, files) never sit in memory at once, only its ids.
    const ids: string[] = [];
    for (let after: ReplyRecord | undefined; ; ) {
      const page = await this.d.store.listReplies({ deliveryIds: [rec.id], after, limit: STORED_IDS_PAGE });
      for (const r of page) if (r.text !== null) ids.push(r.messageId);
      if (page.length < STORED_IDS_PAGE) return ids;
      after = page[page.length - 1];
    }
  }

  /**
   * Consent before gathering: nothing is kept from a thread whose channel has not had this run's
   * kick-off (what is stored, who sees it, how to take it back).
   */
  private async welcomed(platform: Platform, channelId: string, run: string): Promise<boolean> {
    const key = `${run}\u0000${platform}\u0000${channelId}`;
    if (this.welcomedIn.has(key)) return true;
    const rows = await this.d.store.listDeliveries({ run, kinds: ['kickoff'], platform, channelId });
    const ok = rows.some((r) => r.state === 'sent' || r.state === 'uncertain');
    if (ok) this.welcomedIn.add(key);
    return ok;
  }

  /** A prompt thread whose replies and reactions are kept: its programme gathers, and its channel was told. */
  private async gathering(platform: Platform, channelId: string, rec: PromptRef | null): Promise<boolean> {
    return rec !== null && this.d.gathers(rec.programme) && (await this.welcomed(platform, channelId, rec.run));
  }

  async reply(e: ReplyEvent): Promise<ReplyOutcome> {
    const rec = await this.promptOf(e.platform, e.channelId, e.threadId);
    if (!rec || !(await this.gathering(e.platform, e.channelId, rec))) return 'ignored';
    const result = await this.d.store.addReply(
      e.eventKey,
      {
        platform: e.platform,
        channelId: e.channelId,
        messageId: e.messageId,
        threadId: e.threadId,
        deliveryId: rec.id,
        user: e.user,
        text: e.text,
        // What the core reads: the adapter's plain text and mention list (absent: the text is plain).
        plainText: e.plainText ?? e.text,
        mentions: e.mentions ?? [],
        at: e.at,
        files: e.files ?? [],
        links: e.links ?? [],
        external: e.external ?? false,
      },
      this.d.clock.now(),
    );
    this.d.logger.debug({ eventKey: e.eventKey, result, day: rec.day }, 'reply');
    return result;
  }

  replyEdited(e: ReplyEditedEvent): Promise<ReplyOutcome> {
    const plain = { plainText: e.plainText ?? e.text, mentions: e.mentions ?? [] };
    return this.d.store.editReply(e.eventKey, e.platform, e.channelId, e.messageId, e.text, e.at, this.d.clock.now(), plain);
  }

  replyDeleted(e: ReplyDeletedEvent): Promise<ReplyOutcome> {
    return this.d.store.deleteReply(e.eventKey, e.platform, e.channelId, e.messageId, e.at, this.d.clock.now());
  }

  async reactionAdded(e: ReactionEvent): Promise<ReplyOutcome> {
    if (!(await this.isOurs(e))) return 'ignored';
    return this.d.store.addReaction(e.eventKey, { platform: e.platform, channelId: e.channelId, itemId: e.itemId, user: e.user, emoji: e.emoji, at: e.at }, this.d.clock.now());
  }

  async reactionRemoved(e: ReactionEvent): Promise<ReplyOutcome> {
    if (!(await this.isOurs(e))) return 'ignored';
    return this.d.store.removeReaction(e.eventKey, { platform: e.platform, channelId: e.channelId, itemId: e.itemId, user: e.user, emoji: e.emoji }, this.d.clock.now());
  }

  /** Reactions count on our prompts and on replies we collected, nothing else. */
  private async isOurs(e: ReactionEvent): Promise<boolean> {
    const prompt = await this.promptOf(e.platform, e.channelId, e.itemId);
    if (prompt) return this.gathering(e.platform, e.channelId, prompt);
    return (await this.d.store.getReply(e.platform, e.channelId, e.itemId)) !== null;
  }
}
