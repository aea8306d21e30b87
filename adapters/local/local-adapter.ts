import type { ChatAdapter } from '../../src/core/ports/chat-adapter';
import type { Clock } from '../../src/core/ports/clock';
import type { AdminNotice, AnnouncementMessage, DigestMessage, GroupMessage, PromptMessage } from '../../src/core/ports/messages';
import type { ChannelTarget, ThreadRef } from '../../src/core/ports/platform';
import { fullForm, summaryPlainText } from '../../src/core/ports/summary';
import type { SandboxMessages } from './sandbox-messages';
import { localMessageId } from './message-id';

export type LocalMessages = SandboxMessages;

/**
 * The built-in sandbox platform: its "chat" lives in the store, so a post made by the CLI shows on
 * the running server's page, and a newcomer sees the programme run with no credentials.
 */
export class LocalAdapter implements ChatAdapter {
  readonly platform = 'local' as const;
  /** The sandbox takes bare words: `forget me`. */
  readonly commandPrefix = '';

  constructor(private readonly d: { messages: LocalMessages; clock: Clock }) {}

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async postPrompt(target: ChannelTarget, prompt: PromptMessage): Promise<ThreadRef> {
    const id = localMessageId();
    await this.d.messages.addLocalMessage({ id, channelId: target.channelId, threadId: null, user: 'wolbot', kind: 'prompt', body: prompt, at: this.d.clock.now() });
    return { platform: 'local', channelId: target.channelId, id };
  }

  async postDigest(thread: ThreadRef, _target: ChannelTarget, digest: DigestMessage): Promise<string> {
    const id = localMessageId();
    await this.d.messages.addLocalMessage({ id, channelId: thread.channelId, threadId: thread.id, user: 'wolbot', kind: 'digest', body: { ...fullForm(digest), text: summaryPlainText(digest) }, at: this.d.clock.now() });
    return id;
  }

  /** The message keeps its place and id; only what it says changes. */
  async updateSummary(_target: ChannelTarget, _thread: ThreadRef, messageId: string, message: DigestMessage | AnnouncementMessage): Promise<void> {
    await this.d.messages.updateLocalMessage(messageId, { ...fullForm(message), text: summaryPlainText(message) });
  }

  /** A kick-off or wrap-up: a top-level message of its own kind, with no reply box on the page. */
  async postAnnouncement(target: ChannelTarget, message: AnnouncementMessage): Promise<ThreadRef> {
    const id = localMessageId();
    await this.d.messages.addLocalMessage({ id, channelId: target.channelId, threadId: null, user: 'wolbot', kind: message.kind, body: { ...fullForm(message), text: summaryPlainText(message) }, at: this.d.clock.now() });
    return { platform: 'local', channelId: target.channelId, id };
  }

  async findPostedPrompt(target: ChannelTarget, deliveryId: string): Promise<ThreadRef | null> {
    const found = (await this.d.messages.listLocalMessages(target.channelId)).find(
      (m) => m.kind === 'prompt' && deliveryIdOf(m.body) === deliveryId,
    );
    return found ? { platform: 'local', channelId: target.channelId, id: found.id } : null;
  }

  /**
   * An introduction or a circle's welcome: a message of its own kind on the page, in the channel the
   * people spoke from, addressed to them (`to`); the sandbox has no private conversations.
   */
  async openGroup(target: ChannelTarget, userIds: string[], message: GroupMessage): Promise<string> {
    const id = localMessageId();
    await this.d.messages.addLocalMessage({ id, channelId: target.channelId, threadId: null, user: 'wolbot', kind: message.kind, body: { ...message, to: userIds, text: summaryPlainText(message) }, at: this.d.clock.now() });
    return id;
  }

  async notifyAdmins(notice: AdminNotice): Promise<void> {
    await this.d.messages.addLocalMessage({ id: localMessageId(), channelId: notice.target.channelId, threadId: null, user: 'wolbot', kind: 'notice', body: { text: notice.text, to: notice.admins }, at: this.d.clock.now() });
  }
}

/** A stored prompt's delivery id (its body is JSON read back from the store: nothing in it is assumed). */
function deliveryIdOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null && 'deliveryId' in body ? body.deliveryId : undefined;
}
