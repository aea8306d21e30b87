import type { CoreParts } from './core-parts';
import { translatorOf } from './frame';
import type { ChannelLifecycleEvent, ChatPhrase, CommandAnswer, CommandRequest, FollowUp, InboundPort, ReactionEvent, RecentThread, ReplyDeletedEvent, ReplyEditedEvent, ReplyEvent, ReplyOutcome } from './ports/inbound';
import type { Logger } from './ports/logger';
import type { ChannelTarget, Platform } from './ports/platform';
import type { WolSettings } from './settings';

/**
 * What adapters hand the core (the InboundPort), answered by the parts: replies and reactions by
 * the collector, commands by the command service, channel changes by the lifecycle.
 */
export class CoreInbound implements InboundPort {
  constructor(
    protected readonly parts: CoreParts,
    readonly settings: WolSettings,
    private readonly logger: Logger,
  ) {}

  async reply(e: ReplyEvent): Promise<ReplyOutcome> {
    const outcome = await this.parts.collector.reply(e);
    // The name is fetched after the reply is safe and the platform has its answer (not awaited).
    if (outcome === 'stored') {
      void this.parts.background.track(this.parts.names.afterReply(e)).catch((err: unknown) => this.logger.warn({ err, component: 'names' }, 'display name not saved'));
    }
    return outcome;
  }

  async command(req: CommandRequest, followUp: FollowUp): Promise<CommandAnswer> {
    const a = await this.parts.commands.run(req, followUp);
    // `forget me` removes names from the store; commands are rare, so any of them drops the memory.
    this.parts.names.forgetMemory();
    void this.parts.background.track(a.done);
    return a;
  }

  phrase(phrase: ChatPhrase, values?: Record<string, string | number>): string {
    return translatorOf(this.settings.programme).t(phrase, values);
  }

  readonly replyEdited = (e: ReplyEditedEvent) => this.parts.collector.replyEdited(e);
  readonly replyDeleted = (e: ReplyDeletedEvent) => this.parts.collector.replyDeleted(e);
  readonly reactionAdded = (e: ReactionEvent) => this.parts.collector.reactionAdded(e);
  readonly reactionRemoved = (e: ReactionEvent) => this.parts.collector.reactionRemoved(e);
  readonly isPromptThread = (platform: Platform, channelId: string, threadId: string) => this.parts.collector.isPromptThread(platform, channelId, threadId);
  readonly storedReplyIds = (platform: Platform, channelId: string, threadId: string) => this.parts.collector.storedReplyIds(platform, channelId, threadId);
  readonly recentThreads = (platform: Platform, since: Date): Promise<RecentThread[]> => this.parts.collector.recentThreads(platform, since);
  readonly channelLifecycle = (e: ChannelLifecycleEvent) => this.parts.lifecycle.apply(e);
  readonly rememberReference = (target: ChannelTarget) => this.parts.lifecycle.remember(target);
}
