import type { WebClient } from '@slack/web-api';
import type { Router } from 'express';
import type { BodyBudget } from '../../src/core/ports/body-budget';
import type { ChatAdapter } from '../../src/core/ports/chat-adapter';
import type { Clock } from '../../src/core/ports/clock';
import type { InboundPort } from '../../src/core/ports/inbound';
import type { Logger } from '../../src/core/ports/logger';
import type { DirectRoute } from '../../src/core/ports/platform-descriptor';
import { DEFAULT_COMMAND, handleSlashCommand } from './commands';
import { handleEventCallback, type EventContext } from './events';
import { messaging } from './messaging';
import type { InstallationsStore } from './oauth';
import { Pacer } from './pacer';
import type { ReceiverHandlers } from './receiver';
import { apiBase, type SlackSettings } from './settings';
import { startUp } from './start-up';
import type { SingleToken, TokenSource } from './tokens';
import { transport } from './transport';
import { isMember, postToResponseUrl } from './web-tools';
import { tokenSource, webClients, workspaceClients } from './workspaces';

export type { SlackSettings } from './settings';

/** Keys recorded once (the store's processed-events table): true the first time. */
export interface SeenKeys {
  recordEvent(key: string, now: Date): Promise<boolean>;
}

/** One process only: for the adapter alone in tests; the app passes the store. */
function memorySeen(): SeenKeys {
  const keys = new Set<string>();
  return { recordEvent: async (key) => (keys.has(key) ? false : (keys.add(key), true)) };
}

export interface SlackAdapterOptions {
  settings: SlackSettings;
  inbound: InboundPort;
  logger: Logger;
  clock: Clock;
  installations: InstallationsStore;
  /** Where answered request signatures are kept (the store's processed events); memory when absent (unit harness). */
  seen?: SeenKeys;
  /** Tests: wall-clock for the signature window; backoff ceiling of start-up retries. */
  nowMs?: () => number;
  authRetryMaxMs?: number;
  /** Web API request timeout (default 10 s). */
  webTimeoutMs?: number;
  /** conversations.replies page size at catch-up (tests: small, to exercise pagination). */
  catchUpPageLimit?: number;
  /** The server's budget for bodies not yet authenticated (absent: unbounded). */
  bodyBudget?: BodyBudget;
}

/**
 * Slack as a ChatAdapter: tokens and clients per workspace (workspaces.ts), what it sends
 * (messaging.ts), how Slack reaches us (transport.ts) and its start and stop (start-up.ts).
 */
export function createSlackAdapter(opts: SlackAdapterOptions): { adapter: ChatAdapter; router: Router; directRoutes: DirectRoute[] } {
  const { settings, clock } = opts;
  const log = opts.logger.child({ component: 'slack' });
  const apiUrl = apiBase(settings);
  const clientFor = webClients(apiUrl, log, opts.webTimeoutMs);
  const { tokens, single, oauthInstalls } = tokenSource(settings, opts.installations, clock);
  const workspaces = workspaceClients(tokens, single, clientFor);
  // 5% under the ceiling: a post that leaves a few ms late must not make the next second's burst.
  const pacer = new Pacer(clock, Math.max(0.1, settings.maxPostsPerSecond || 20), { margin: 0.05 });
  const eventCtx = eventContext(opts, tokens, log, single);
  const handlers = receiverHandlers(opts, eventCtx, workspaces.forTeam, log);
  const { router, socket, directRoutes } = transport({ settings, handlers, apiUrl, log, nowMs: opts.nowMs, bodyBudget: opts.bodyBudget, oauthInstalls, onReconnected: () => run.catchUp() });
  const run = startUp({ ...opts, eventCtx, log, apiUrl, single, clientFor, forThread: workspaces.forThread }, socket);
  const adapter: ChatAdapter = {
    platform: 'slack',
    commandPrefix: `${settings.command ?? DEFAULT_COMMAND} `,
    start: () => run.start(),
    stop: () => run.stop(),
    connection: () => run.connection(),
    ...messaging(workspaces.forTarget, pacer, log),
  };
  return { adapter, router, directRoutes };
}

/** What event handling needs: the core, our ids per workspace, and what to do when a workspace uninstalls us. */
function eventContext(opts: SlackAdapterOptions, tokens: TokenSource, log: Logger, single?: SingleToken): EventContext {
  return {
    // One token: its workspace (auth.test) is the only one whose channel events count; unknown yet, none.
    ownsWorkspace: single ? (teamId) => single.teamId !== undefined && teamId === single.teamId : undefined,
    inbound: opts.inbound,
    log,
    self: (teamId, body) => tokens.self(teamId, body),
    workspaceGone: async (teamId) => tokens.forget(teamId),
    singleWorkspace: opts.settings.mode !== 'oauth',
  };
}

/** What the receiver (or Socket Mode) does with an event, a slash command, and a delivery's key. */
function receiverHandlers(opts: SlackAdapterOptions, eventCtx: EventContext, clientOfTeam: (teamId: string) => Promise<WebClient | undefined>, log: Logger): ReceiverHandlers {
  const seen = opts.seen ?? memorySeen();
  return {
    onEvent: (body) => handleEventCallback(body, eventCtx),
    onCommand: (form) =>
      handleSlashCommand(form, {
        inbound: opts.inbound,
        log,
        respond: (url, text) => postToResponseUrl(url, text),
        command: opts.settings.command ?? DEFAULT_COMMAND,
        isMember: async (teamId, channelId) => {
          const client = await clientOfTeam(teamId);
          return client ? isMember(client, channelId) : undefined;
        },
      }),
    firstTime: (key) => seen.recordEvent(key, opts.clock.now()),
  };
}
