/**
 * An in-memory InboundPort for the Slack adapter's own tests (the whole-app tests use the real
 * core). It dedupes by eventKey and by message id as the store does — tests/recording-inbound.test.ts
 * runs one script through it and through the real core and requires the same outcomes — and can be
 * told to fail like a broken store.
 */
import { english } from '../../src/core/i18n/catalogue';
import type {
  ChatPhrase,
  RecentThread,
  ChannelLifecycleEvent,
  CommandAnswer,
  CommandRequest,
  FollowUp,
  InboundPort,
  ReactionEvent,
  ReplyDeletedEvent,
  ReplyEditedEvent,
  ReplyEvent,
  ReplyOutcome,
} from '../../src/core/ports/inbound';
import type { ChannelTarget, Platform, ThreadRef } from '../../src/core/ports/platform';

export class RecordingInbound implements InboundPort {
  readonly keys = new Set<string>();
  readonly replies = new Map<string, ReplyEvent & { deleted?: boolean }>();
  readonly reactions: (ReactionEvent & { removed?: boolean })[] = [];
  readonly lifecycle: ChannelLifecycleEvent[] = [];
  readonly commands: CommandRequest[] = [];
  readonly log: string[] = [];
  threads: ThreadRef[] = [];
  failing = false;
  commandAnswer: (req: CommandRequest, followUp: FollowUp) => Promise<CommandAnswer> = async () => ({ text: 'ok', done: Promise.resolve() });

  private gate(key: string): 'duplicate' | null {
    if (this.failing) throw new Error('store unavailable');
    if (this.keys.has(key)) return 'duplicate';
    this.keys.add(key);
    return null;
  }

  async reply(e: ReplyEvent): Promise<ReplyOutcome> {
    const d = this.gate(e.eventKey);
    if (d) return d;
    const id = `${e.channelId}/${e.messageId}`;
    if (this.replies.has(id)) return 'duplicate';
    this.replies.set(id, { ...e });
    this.log.push(`reply ${e.messageId}`);
    return 'stored';
  }
  async replyEdited(e: ReplyEditedEvent): Promise<ReplyOutcome> {
    const d = this.gate(e.eventKey);
    if (d) return d;
    const r = this.replies.get(`${e.channelId}/${e.messageId}`);
    if (!r || r.deleted) return 'ignored';
    Object.assign(r, { text: e.text, plainText: e.plainText, mentions: e.mentions });
    this.log.push(`edit ${e.messageId}`);
    return 'stored';
  }
  async replyDeleted(e: ReplyDeletedEvent): Promise<ReplyOutcome> {
    const d = this.gate(e.eventKey);
    if (d) return d;
    const r = this.replies.get(`${e.channelId}/${e.messageId}`);
    if (!r) return 'ignored';
    r.deleted = true;
    this.log.push(`delete ${e.messageId}`);
    return 'stored';
  }
  async reactionAdded(e: ReactionEvent): Promise<ReplyOutcome> {
    const d = this.gate(e.eventKey);
    if (d) return d;
    this.reactions.push({ ...e });
    return 'stored';
  }
  async reactionRemoved(e: ReactionEvent): Promise<ReplyOutcome> {
    const d = this.gate(e.eventKey);
    if (d) return d;
    const r = this.reactions.find((x) => !x.removed && x.itemId === e.itemId && x.user === e.user && x.emoji === e.emoji);
    if (!r) return 'ignored';
    r.removed = true;
    return 'stored';
  }
  async command(req: CommandRequest, followUp: FollowUp): Promise<CommandAnswer> {
    if (this.failing) throw new Error('store unavailable');
    this.commands.push(req);
    return this.commandAnswer(req, followUp);
  }
  async channelLifecycle(e: ChannelLifecycleEvent): Promise<void> {
    if (this.failing) throw new Error('store unavailable');
    this.lifecycle.push(e);
  }
  async isPromptThread(_p: Platform, channelId: string, threadId: string): Promise<boolean> {
    if (this.failing) throw new Error('store unavailable');
    return this.threads.some((t) => t.channelId === channelId && t.id === threadId);
  }
  async storedReplyIds(_p: Platform, channelId: string, threadId: string): Promise<string[]> {
    return [...this.replies.values()].filter((r) => r.channelId === channelId && r.threadId === threadId && !r.deleted).map((r) => r.messageId);
  }
  async recentThreads(): Promise<RecentThread[]> {
    return this.threads.map((t) => ({ ...t, workspaceId: null }));
  }
  async rememberReference(_t: ChannelTarget): Promise<boolean> {
    return true;
  }
  /** The English catalogue, as the real core renders it for an English programme. */
  phrase(phrase: ChatPhrase, values?: Record<string, string | number>): string {
    return english.t(phrase, values);
  }
}

export { FakeClock } from './fake-clock';
