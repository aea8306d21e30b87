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
export function createSocketMode(opts: { appToken: string; apiUrl: string; handlers: ReceiverHandlers; log: Logger }) {
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

  return {
    client,
    start: () => client.start(),
    stop: () => client.disconnect(),
  };
}
