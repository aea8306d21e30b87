import { SocketModeClient } from '@slack/socket-mode';
import type { ConnectionState } from '../../src/core/ports/chat-adapter';
import type { Logger } from '../../src/core/ports/logger';
import { KeepTrying } from './connection';
import { isObj, validateEventsBody } from './events';
import type { ReceiverHandlers } from './receiver';
import { slackLogger } from './web';

/** What @slack/socket-mode hands a `slack_event` listener (its own type is `any`). */
interface SocketEnvelope {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  type: string;
  body: unknown;
  retry_num?: number;
  retry_reason?: string;
}

/**
 * Socket Mode with @slack/socket-mode's client directly (not Bolt's SocketModeReceiver): the event
 * is stored *before* `ack`, and an event whose store failed is not acknowledged, so Slack
 * redelivers it. No HTTP server of its own (Bolt's would take port 3000).
 */
export function createSocketMode(opts: SocketModeOptions) {
  const client = new SocketModeClient({
    appToken: opts.appToken,
    logger: slackLogger(opts.log),
    clientOptions: { slackApiUrl: opts.apiUrl, retryConfig: { retries: 0 }, timeout: 10_000 },
  });
  client.on('slack_event', (envelope: SocketEnvelope) => void handleEnvelope(envelope, opts.handlers, opts.log));

  // The client retries on its own only some failures of apps.connections.open: a network error or
  // an HTTP error at start (Slack down) makes start() reject for good. Keep trying with backoff.
  const connecting = new KeepTrying({
    what: 'apps.connections.open',
    attempt: async () => {
      await client.start();
      opts.log.info('Slack Socket Mode connected');
    },
    refusedHelp: (reason) => `Slack refused SLACK_APP_TOKEN (${reason}): it must be an app-level token (xapp-…) with connections:write; retrying slowly`,
    log: opts.log,
    maxMs: opts.retryMaxMs,
  });
  const drops = watchDrops(client, opts);

  return {
    client,
    /** Not awaited by the adapter: keeps trying in the background until connected or stopped. */
    start: async (): Promise<void> => {
      if (!(await connecting.start())) await connecting.background;
    },
    /** connected, retrying (not yet, or dropped and reconnecting), refused (bad app token). */
    state: (): ConnectionState => (connecting.state !== 'connected' ? connecting.state : drops.dropped() ? 'retrying' : 'connected'),
    stop: async (): Promise<void> => {
      connecting.stop();
      await disconnectWithin(client, opts.stopTimeoutMs ?? 2_000);
    },
  };
}

interface SocketModeOptions {
  appToken: string;
  apiUrl: string;
  handlers: ReceiverHandlers;
  log: Logger;
  /** Backoff ceiling of connection retries at start (default 5 min). */
  retryMaxMs?: number;
  /** After the socket came back from a drop (the reply catch-up). */
  onReconnected?: () => Promise<void>;
  stopTimeoutMs?: number;
}

/** After the first connection the client reconnects on its own; replies sent meanwhile are read back. */
function watchDrops(client: SocketModeClient, opts: Pick<SocketModeOptions, 'log' | 'onReconnected'>): { dropped(): boolean } {
  let everConnected = false;
  let dropped = false;
  client.on('connected', () => {
    if (everConnected && dropped) {
      opts.log.info('Slack Socket Mode reconnected');
      void opts.onReconnected?.();
    }
    everConnected = true;
    dropped = false;
  });
  client.on('reconnecting', () => (dropped = true));
  client.on('disconnected', () => (dropped = true));
  return { dropped: () => dropped };
}

/** Bounded: a peer that never completes the close handshake does not hold shutdown for 30 s. */
async function disconnectWithin(client: SocketModeClient, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.disconnect().catch(() => undefined),
    new Promise<void>((r) => {
      timer = setTimeout(r, ms);
      timer.unref?.();
    }),
  ]);
  clearTimeout(timer);
}

/**
 * One envelope: an event is stored before `ack` (not acknowledged when the store failed, so Slack
 * redelivers); a slash command is answered in its `ack`; anything else is acknowledged.
 */
async function handleEnvelope({ ack, type, body, retry_num, retry_reason }: SocketEnvelope, handlers: ReceiverHandlers, log: Logger): Promise<void> {
  try {
    if (type === 'events_api') {
      const problem = validateEventsBody(body);
      // isObj only narrows for the compiler: validateEventsBody answers null only for an object.
      if (problem !== null || !isObj(body)) {
        log.warn({ why: problem }, 'malformed Socket Mode event; acknowledged and dropped');
        await ack();
        return;
      }
      await handlers.onEvent(body, { num: retry_num, reason: retry_reason });
      await ack();
    } else if (type === 'slash_commands') {
      const form: Record<string, string> = {};
      for (const [k, v] of Object.entries(isObj(body) ? body : {})) if (typeof v === 'string') form[k] = v;
      await ack(await handlers.onCommand(form));
    } else {
      await ack(); // interactivity and anything else: nothing to store
    }
  } catch (err) {
    // Not acknowledged: Slack redelivers the envelope.
    log.error({ err, type }, 'could not handle Socket Mode envelope; not acknowledged');
  }
}
