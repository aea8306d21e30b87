import type { WebClient } from '@slack/web-api';
import type { ConnectionState } from '../../src/core/ports/chat-adapter';
import type { Clock } from '../../src/core/ports/clock';
import type { InboundPort } from '../../src/core/ports/inbound';
import type { Logger } from '../../src/core/ports/logger';
import { catchUpReplies, CATCH_UP_DAYS, type CatchUpOptions } from './catch-up';
import { KeepTrying } from './connection';
import type { EventContext } from './events';
import type { SingleToken } from './tokens';
import type { SocketMode } from './transport';
import { createWebClient } from './web';

export interface StartUpDeps {
  inbound: InboundPort;
  eventCtx: EventContext;
  clock: Clock;
  log: Logger;
  apiUrl: string;
  /** The .env token (HTTP, Socket Mode): auth.test learns our ids; absent with per-workspace tokens. */
  single?: SingleToken;
  clientFor: (token: string) => WebClient;
  forThread: CatchUpOptions['clientFor'];
  webTimeoutMs?: number;
  authRetryMaxMs?: number;
  catchUpPageLimit?: number;
}

export interface SlackRun {
  start(): Promise<void>;
  stop(): Promise<void>;
  connection(): ConnectionState;
  /** Also after Socket Mode reconnects: replies may have been written while it was away. */
  catchUp(): Promise<void>;
}

/** The adapter's start, stop and health: connect, catch up on replies written meanwhile, Socket Mode. */
export function startUp(d: StartUpDeps, socket: SocketMode | undefined): SlackRun {
  let stopped = false;
  let background: Promise<unknown> = Promise.resolve();
  const catchUp = () => catchUpRecent(d, () => stopped);
  const connection = keepConnecting(d, catchUp);
  return {
    catchUp,

    async start() {
      stopped = false;
      if (await connection.start()) {
        // Bounded: a long catch-up continues in the background instead of holding start-up.
        const c = catchUp();
        background = c;
        await Promise.race([c, new Promise((r) => setTimeout(r, 15_000).unref?.())]);
      } else {
        background = connection.background; // retries, then the catch-up
      }
      if (socket) {
        // Not awaited: connect() retries with backoff until it is connected or stopped.
        socket.start().catch((err: unknown) => d.log.error({ err }, 'Slack Socket Mode stopped trying to connect'));
      }
    },

    connection() {
      const states = [connection.state, socket?.state() ?? 'connected'];
      return states.includes('refused') ? 'refused' : states.includes('retrying') ? 'retrying' : 'connected';
    },

    async stop() {
      stopped = true;
      connection.stop();
      if (socket) await socket.stop().catch(() => undefined);
      await Promise.race([background, new Promise((r) => setTimeout(r, 2_000).unref?.())]);
    },
  };
}

/**
 * auth.test (or, with per-workspace tokens, api.test) until Slack answers; then the catch-up of
 * replies written meanwhile. Never throws: the rest of the app serves meanwhile.
 */
function keepConnecting(d: StartUpDeps, catchUp: () => Promise<void>): KeepTrying {
  const { single, log } = d;
  return new KeepTrying({
    what: single ? 'auth.test' : 'api.test',
    attempt: async () => {
      if (single) {
        const res = await d.clientFor(single.token).auth.test();
        single.teamId = res.team_id;
        single.ids = { botUserId: res.user_id, botId: res.bot_id };
        log.info({ team: res.team_id, botUser: res.user_id }, 'connected to Slack');
      } else {
        await createWebClient(undefined, d.apiUrl, log, d.webTimeoutMs).api.test();
        log.info('connected to Slack');
      }
    },
    refusedHelp: (reason) => `Slack refused SLACK_BOT_TOKEN (${reason}): check the token in .env (Bot User OAuth Token, xoxb-…) and reinstall the app if it was revoked; retrying slowly`,
    log,
    maxMs: d.authRetryMaxMs,
    onConnected: catchUp,
  });
}

/** Reads the threads of the last CATCH_UP_DAYS for replies missed while down; logs, never throws. */
async function catchUpRecent(d: StartUpDeps, stopped: () => boolean): Promise<void> {
  const { inbound, clock, log } = d;
  try {
    const since = new Date(clock.now().getTime() - CATCH_UP_DAYS * 86_400_000);
    const threads = await inbound.recentThreads('slack', since);
    if (threads.length === 0) return;
    const stored = inbound.storedReplyIds.bind(inbound);
    const res = await catchUpReplies({
      threads,
      ctx: d.eventCtx,
      clock,
      stopped,
      pageLimit: d.catchUpPageLimit,
      storedReplies: (t) => stored('slack', t.channelId, t.id),
      clientFor: d.forThread,
    });
    log.info(res, 'caught up Slack thread replies');
  } catch (err) {
    log.warn({ err }, 'Slack catch-up failed');
  }
}
