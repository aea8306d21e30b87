import type { BodyBudget } from '../../src/core/ports/body-budget';
import type { Router } from 'express';
import type { AdminNotice, AnnouncementMessage, ChannelTarget, ChatAdapter, Clock, DigestMessage, GroupMessage, InboundPort, Logger, PromptMessage, ThreadRef } from '../../src/core/ports';
import { DeliveryError } from '../../src/core/ports';
import { createBotAuth } from './auth';
import { Connectors } from './connector';
import { Pacer } from './pacer';
import { TeamsPoster } from './post';
import { createTeamsRouter } from './router';
import { teamsAuthMode, type TeamsSettings } from './settings';
import { createTurnHandler } from './turn';
import { messageDeepLink } from './deep-link';
import { teamsPlatform } from './platform';
import { teamsAudience } from './audience';

export type { TeamsSettings } from './settings';

/** The Teams platform: botbuilder's CloudAdapter behind the ChatAdapter port. */
export function createTeamsAdapter(opts: {
  settings: TeamsSettings;
  inbound: InboundPort;
  logger: Logger;
  clock: Clock;
  bodyBudget?: BodyBudget;
}): { adapter: ChatAdapter; router: Router } {
  const logger = opts.logger.child({ component: 'teams' });
  const mode = teamsAuthMode(opts.settings);
  const bot = mode === 'closed' ? null : createBotAuth(opts.settings);
  // Windows of 1,050 ms: 5% under Teams' per-second limits, so requests that leave a few ms late
  // do not arrive as a burst over them (the bench measured 7% refused with 1,000 ms).
  const poster = bot
    ? new TeamsPoster(new Connectors(bot.cloud, bot.appId), new Pacer(opts.clock, 1050), opts.clock, logger, opts.settings.requestTimeoutMs ?? 15_000)
    : null;
  const turn = poster
    ? createTurnHandler({ inbound: opts.inbound, logger, clock: opts.clock, poster })
    : async () => undefined;
  const router = createTeamsRouter({ cloud: bot?.cloud ?? null, auth: bot?.auth, appId: bot?.appId ?? '', turn, logger, keyFetchBudgetMs: opts.settings.keyFetchBudgetMs, bodyBudget: opts.bodyBudget });

  const need = (): TeamsPoster => {
    if (!poster) throw new DeliveryError('permanent', 'teams_disabled', { message: 'Teams is off: no MICROSOFT_APP_ID' });
    return poster;
  };

  const adapter: ChatAdapter = {
    platform: 'teams',
    commandPrefix: teamsPlatform.commandPrefix,
    async start() {
      if (mode === 'anonymous') {
        logger.warn('Teams endpoint is open WITHOUT authentication (TEAMS_ALLOW_ANONYMOUS=true): local emulators only');
      } else if (mode === 'closed') {
        logger.info('Teams is off: /api/messages answers 404 (set MICROSOFT_APP_ID)');
      } else {
        logger.info({ appType: opts.settings.appType ?? 'MultiTenant' }, 'Teams endpoint ready at /api/messages');
      }
    },
    async stop() {
      /* nothing held open: connector requests are bounded by their timeout */
    },
    postPrompt: async (target: ChannelTarget, prompt: PromptMessage): Promise<ThreadRef> => need().postPrompt(target, prompt),
    postDigest: async (thread: ThreadRef, target: ChannelTarget, digest: DigestMessage): Promise<string | void> => need().postDigest(thread, target, digest),
    updateSummary: async (target: ChannelTarget, thread: ThreadRef, messageId: string, message: DigestMessage | AnnouncementMessage): Promise<void> =>
      need().updateSummary(target, thread, messageId, message),
    postAnnouncement: async (target: ChannelTarget, message: AnnouncementMessage): Promise<ThreadRef> => need().postAnnouncement(target, message),
    async findPostedPrompt(): Promise<ThreadRef | null> {
      // Teams has no way to search a channel for our post: a human has to look.
      throw new DeliveryError('uncertain', 'teams_no_lookup');
    },
    messageLink: async (target: ChannelTarget, thread: ThreadRef, messageId: string) => messageDeepLink(target, thread, messageId),
    channelAudience: teamsAudience(need, () => opts.clock.now().getTime()),
    openGroup: async (target: ChannelTarget, userIds: string[], message: GroupMessage): Promise<string> => need().openGroup(target, userIds, message),
    notifyAdmins: async (notice: AdminNotice): Promise<void> => {
      try {
        await need().notifyAdmins(notice);
      } catch (err) {
        logger.warn({ err }, 'could not notify the admins on Teams');
      }
    },
  };
  return { adapter, router };
}
