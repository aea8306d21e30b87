import express from 'express';
import type { Router } from 'express';
import type { ChatPostMessageArguments, ChatPostMessageResponse, WebClient } from '@slack/web-api';
import type { ChatAdapter } from '../../src/core/ports/chat-adapter';
import type { Clock } from '../../src/core/ports/clock';
import { DeliveryError } from '../../src/core/ports/delivery-error';
import type { InboundPort } from '../../src/core/ports/inbound';
import type { Logger } from '../../src/core/ports/logger';
import type { AdminNotice, AnnouncementMessage, DigestMessage, PromptMessage } from '../../src/core/ports/messages';
import type { ChannelTarget, ThreadRef } from '../../src/core/ports/platform';
import { promptMessage } from './blocks';
import { summaryMessage } from './summary-blocks';
import { catchUpReplies, CATCH_UP_DAYS } from './catch-up';
import { KeepTrying } from './connection';
import { DEFAULT_COMMAND, handleSlashCommand } from './commands';
import { TokenCipher } from './crypto';
import { handleEventCallback, type EventContext } from './events';
import { createOAuthRouter, StoreInstallations, type InstallationsStore } from './oauth';
import { Pacer } from './pacer';
import { WolReceiver, type ReceiverHandlers } from './receiver';
import { findPostedPrompt } from './recovery';
import { apiBase, type SlackSettings } from './settings';
import { createSocketMode } from './socket-mode';
import { SingleToken, type TokenSource } from './tokens';
import { isMember, notifyAdmins, postToResponseUrl } from './web-tools';
import { createWebClient, toDeliveryError } from './web';

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
}

const DEFAULT_WORKSPACE = 'default';

export function createSlackAdapter(opts: SlackAdapterOptions): { adapter: ChatAdapter; router: Router } {
  const { settings, inbound, clock } = opts;
  const log = opts.logger.child({ component: 'slack' });
  const apiUrl = apiBase(settings);
  // 5% under the ceiling: a post that leaves a few ms late must not make the next second's burst.
  const pacer = new Pacer(clock, Math.max(0.1, settings.maxPostsPerSecond || 20), { margin: 0.05 });
  const clients = new Map<string, WebClient>();
  const clientFor = (token: string) => {
    let c = clients.get(token);
    if (!c) clients.set(token, (c = createWebClient(token, apiUrl, log, opts.webTimeoutMs)));
    return c;
  };

  const { tokens, single, oauthInstalls } = tokenSource(settings, opts.installations, clock);

  const seen = opts.seen ?? memorySeen();
  const eventCtx: EventContext = {
    inbound,
    log,
    self: (teamId, body) => tokens.self(teamId, body),
    workspaceGone: async (teamId) => tokens.forget(teamId),
    singleWorkspace: settings.mode !== 'oauth',
  };

  const handlers: ReceiverHandlers = {
    onEvent: (body) => handleEventCallback(body, eventCtx),
    onCommand: (form) =>
      handleSlashCommand(form, {
        inbound,
        log,
        respond: (url, text) => postToResponseUrl(url, text),
        command: settings.command ?? DEFAULT_COMMAND,
        isMember: async (teamId, channelId) => {
          const ws = await tokens.forTeam(teamId);
          return ws ? isMember(clientFor(ws.token), channelId) : undefined;
        },
      }),
    firstTime: (key) => seen.recordEvent(key, clock.now()),
  };

  const { router, socket } = transport({ settings, handlers, apiUrl, log, nowMs: opts.nowMs, oauthInstalls, onReconnected: () => catchUp() });

  let stopped = false;

  async function workspace(target: ChannelTarget) {
    const ws = await tokens.forTeam(target.workspaceId ?? single?.teamId);
    if (!ws) throw new DeliveryError('permanent', 'no_installation', { message: `wolbot is not installed in Slack workspace ${target.workspaceId}` });
    return { ws, client: clientFor(ws.token), key: target.workspaceId ?? ws.teamId ?? DEFAULT_WORKSPACE };
  }

  const post = (key: string, client: WebClient, args: ChatPostMessageArguments) => pacedPost(pacer, key, client, args);

  // Start-up: auth.test (or, with per-workspace tokens, api.test) until Slack answers; then the
  // catch-up of replies written meanwhile. Never throws: the rest of the app serves meanwhile.
  const connection = new KeepTrying({
    what: single ? 'auth.test' : 'api.test',
    attempt: async () => {
      if (single) {
        const res = await clientFor(single.token).auth.test();
        single.teamId = res.team_id;
        single.ids = { botUserId: res.user_id, botId: res.bot_id };
        log.info({ team: res.team_id, botUser: res.user_id }, 'connected to Slack');
      } else {
        await createWebClient(undefined, apiUrl, log, opts.webTimeoutMs).api.test();
        log.info('connected to Slack');
      }
    },
    refusedHelp: (reason) => `Slack refused SLACK_BOT_TOKEN (${reason}): check the token in .env (Bot User OAuth Token, xoxb-…) and reinstall the app if it was revoked; retrying slowly`,
    log,
    maxMs: opts.authRetryMaxMs,
    onConnected: () => catchUp(),
  });

  async function catchUp(): Promise<void> {
    try {
      const since = new Date(clock.now().getTime() - CATCH_UP_DAYS * 86_400_000);
      const threads = await inbound.recentThreads('slack', since);
      if (threads.length === 0) return;
      const stored = inbound.storedReplyIds.bind(inbound);
      const res = await catchUpReplies({
        threads,
        ctx: eventCtx,
        clock,
        stopped: () => stopped,
        pageLimit: opts.catchUpPageLimit,
        storedReplies: stored ? (t) => stored('slack', t.channelId, t.id) : undefined,
        // Each thread is read with its own workspace's token (OAuth: one per installed workspace).
        clientFor: async (thread) => {
          const ws = await tokens.forTeam(thread.workspaceId ?? single?.teamId);
          if (!ws) return null; // uninstalled since: nothing to read there
          return { client: clientFor(ws.token), teamId: ws.teamId ?? thread.workspaceId ?? undefined, self: ws.self };
        },
      });
      log.info(res, 'caught up Slack thread replies');
    } catch (err) {
      log.warn({ err }, 'Slack catch-up failed');
    }
  }

  let background: Promise<unknown> = Promise.resolve();

  const adapter: ChatAdapter = {
    platform: 'slack',

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
        socket.start().catch((err: unknown) => log.error({ err }, 'Slack Socket Mode stopped trying to connect'));
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

    ...messaging(workspace, post, log),
  };

  return { adapter, router };
}

/** Where bot tokens come from: one from .env (HTTP, Socket Mode) or one per installed workspace (OAuth). */
function tokenSource(settings: SlackSettings, installations: InstallationsStore, clock: Clock): { tokens: TokenSource; single?: SingleToken; oauthInstalls?: StoreInstallations } {
  if (settings.mode === 'oauth') {
    if (!settings.secretKey) throw new Error('WOLBOT_SECRET_KEY is required for Slack multi-workspace installs');
    const oauthInstalls = new StoreInstallations(installations, new TokenCipher(settings.secretKey), clock);
    return { tokens: oauthInstalls, oauthInstalls };
  }
  if (!settings.botToken) throw new Error('SLACK_BOT_TOKEN is required');
  const single = new SingleToken(settings.botToken);
  return { tokens: single, single };
}

/** One chat.postMessage under the pacer; a 429 slows that channel, a post without ts is uncertain. */
async function pacedPost(pacer: Pacer, key: string, client: WebClient, args: ChatPostMessageArguments): Promise<string> {
  await pacer.acquire(key, args.channel);
  let res: ChatPostMessageResponse;
  try {
    res = await client.chat.postMessage(args);
  } catch (err) {
    const de = toDeliveryError(err);
    if (de.reason === 'ratelimited') pacer.channelLimited(key, args.channel, de.retryAfterMs);
    throw de;
  }
  pacer.succeeded(key, args.channel);
  if (!res?.ts) throw new DeliveryError('uncertain', 'no_ts', { message: 'Slack accepted the post but returned no ts' });
  return String(res.ts);
}

type Workspace = (target: ChannelTarget) => Promise<{ client: WebClient; key: string }>;
type Post = (key: string, client: WebClient, args: ChatPostMessageArguments) => Promise<string>;

/** What the adapter sends and looks up, each in the target's own workspace. */
function messaging(workspace: Workspace, post: Post, log: Logger): Omit<ChatAdapter, 'platform' | 'start' | 'stop' | 'connection'> {
  return {
  async postPrompt(target: ChannelTarget, prompt: PromptMessage): Promise<ThreadRef> {
    const { client, key } = await workspace(target);
    const ts = await post(key, client, { channel: target.channelId, ...promptMessage(prompt) });
    return { platform: 'slack', channelId: target.channelId, id: ts };
  },

  async postDigest(thread: ThreadRef, target: ChannelTarget, digest: DigestMessage): Promise<void> {
    const { client, key } = await workspace(target);
    await post(key, client, { channel: thread.channelId, thread_ts: thread.id, ...summaryMessage(digest) });
  },

  async postAnnouncement(target: ChannelTarget, message: AnnouncementMessage): Promise<ThreadRef> {
    const { client, key } = await workspace(target);
    // No metadata: a kick-off or wrap-up is not a day's prompt (recovery never mistakes it for one).
    const ts = await post(key, client, { channel: target.channelId, ...summaryMessage(message) });
    return { platform: 'slack', channelId: target.channelId, id: ts };
  },

  async findPostedPrompt(target: ChannelTarget, deliveryId: string, around: Date): Promise<ThreadRef | null> {
    const { client } = await workspace(target);
    return findPostedPrompt(client, target.channelId, deliveryId, around);
  },

  async messageLink(target: ChannelTarget, _thread: ThreadRef, messageId: string): Promise<string | null> {
    // chat.getPermalink needs no scope beyond the bot's; Slack builds the thread-aware URL.
    const { client } = await workspace(target);
    const res = await client.chat.getPermalink({ channel: target.channelId, message_ts: messageId });
    return typeof res?.permalink === 'string' ? res.permalink : null;
  },

  async lookUpName(target: ChannelTarget, userId: string): Promise<string | null> {
    const { client } = await workspace(target);
    const res = await client.users.info({ user: userId });
    const u = res?.user ?? {};
    // What Slack itself shows: the display name, else the full name, else the handle.
    return u.profile?.display_name || u.profile?.real_name || u.real_name || u.name || null;
  },

  async notifyAdmins(notice: AdminNotice): Promise<void> {
    try {
      const { client } = await workspace(notice.target);
      await notifyAdmins(client, notice, log);
    } catch (err) {
      log.warn({ err }, 'could not notify Slack admins');
    }
  },
  };
}

/** How Slack reaches us: our receiver on the shared express server (HTTP, OAuth), or Socket Mode. */
function transport(t: {
  settings: SlackSettings;
  handlers: ReceiverHandlers;
  apiUrl: string;
  log: Logger;
  nowMs?: () => number;
  oauthInstalls?: StoreInstallations;
  onReconnected: () => Promise<void>;
}): { router: Router; socket?: ReturnType<typeof createSocketMode> } {
  const { settings, handlers, apiUrl, log, oauthInstalls } = t;
  const router = express.Router();
  let socket: ReturnType<typeof createSocketMode> | undefined;
  if (settings.mode === 'socket') {
    if (!settings.appToken) throw new Error('SLACK_APP_TOKEN is required for Socket Mode');
    socket = createSocketMode({ appToken: settings.appToken, apiUrl, handlers, log, onReconnected: t.onReconnected });
  } else {
    if (!settings.signingSecret) throw new Error('SLACK_SIGNING_SECRET is required');
    router.use(new WolReceiver({ signingSecret: settings.signingSecret, handlers, log, nowMs: t.nowMs }).router);
  }
  if (oauthInstalls) {
    router.use(
      createOAuthRouter({
        clientId: settings.clientId ?? '',
        clientSecret: settings.clientSecret ?? '',
        stateSecret: settings.stateSecret ?? '',
        installations: oauthInstalls,
        apiUrl,
        log,
      }),
    );
  }
  return { router, socket };
}
