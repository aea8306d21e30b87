import { SocketModeClient } from '@slack/socket-mode';
import type { Logger } from '../../src/core/ports/logger';
import { validateEventsBody } from './events';
import type { ReceiverHandlers } from './receiver';
import { slackLogger } from './web';

/**
 * Socket Mode with @slack/socket-mode's client directly (not Bolt's SocketModeReceiver): the event
 * is stored *before* `ack`, and an event whose store failed is not acknowledged, so Slack
 * redelivers it. No HTTP server of its own (Bolt's would take port 3000).
 */
export function createSocketMode(opts: {
  appToken: string;
  apiUrl: string;
  handlers: ReceiverHandlers;
  log: Logger;
  /** Backoff ceiling of connection retries at start (default 60 s). */
  retryMaxMs?: number;
  stopTimeoutMs?: number;
}) {
  const client = new SocketModeClient({
    appToken: opts.appToken,
    logger: slackLogger(opts.log),
    clientOptions: { slackApiUrl: opts.apiUrl, retryConfig: { retries: 0 }, timeout: 10_000 },
  });

  client.on('slack_event', async ({ ack, type, body, retry_num, retry_reason }: any) => {
    try {
      if (type === 'events_api') {
        const problem = validateEventsBody(body);
        if (problem) {
          opts.log.warn({ why: problem }, 'malformed Socket Mode event; acknowledged and dropped');
          await ack();
          return;
        }
        await opts.handlers.onEvent(body, { num: retry_num, reason: retry_reason });
        await ack();
      } else if (type === 'slash_commands') {
        const form: Record<string, string> = {};
        for (const [k, v] of Object.entries(body ?? {})) if (typeof v === 'string') form[k] = v;
        await ack(await opts.handlers.onCommand(form));
      } else {
        await ack(); // interactivity and anything else: nothing to store
      }
    } catch (err) {
      // Not acknowledged: Slack redelivers the envelope.
      opts.log.error({ err, type }, 'could not handle Socket Mode envelope; not acknowledged');
    }
  });

  // The client retries on its own only some failures of apps.connections.open: a network error or
  // an HTTP error at start (Slack down) makes start() reject for good. Keep trying with backoff.
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const maxDelay = opts.retryMaxMs ?? 60_000;
  async function connect(): Promise<void> {
    let delay = Math.min(1_000, maxDelay);
    for (let attempt = 1; !stopped; attempt++) {
      try {
        await client.start();
        if (attempt > 1) opts.log.info({ attempt }, 'Slack Socket Mode connected');
        return;
      } catch (err) {
        if (stopped) return;
        const reason = (err as any)?.data?.error ?? (err as any)?.code ?? (err as Error)?.message;
        opts.log.error({ reason, attempt, retryInMs: delay }, 'Slack Socket Mode could not connect (check SLACK_APP_TOKEN, an xapp- token with connections:write); retrying');
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        retryTimer = setTimeout(resolve, delay);
        retryTimer.unref?.();
      });
      delay = Math.min(maxDelay, delay * 2);
    }
  }

  return {
    client,
    start: (): Promise<void> => {
      stopped = false;
      return connect();
    },
    /** Bounded: a peer that never completes the close handshake does not hold shutdown for 30 s. */
    stop: async (): Promise<void> => {
      stopped = true;
      clearTimeout(retryTimer);
      wake?.();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        client.disconnect().catch(() => undefined),
        new Promise<void>((r) => {
          timer = setTimeout(r, opts.stopTimeoutMs ?? 2_000);
          timer.unref?.();
        }),
      ]);
      clearTimeout(timer);
    },
  };
}
