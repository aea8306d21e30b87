/**
 * The baseline: a bare Bolt 5 app from our own node_modules with empty listeners, on its stock
 * HTTP receiver (which acknowledges before listeners run and stores nothing). Started as a child by
 * the ingest scenario; PORT and SLACK_SIGNING_SECRET come from the environment.
 */
import { App, LogLevel } from '@slack/bolt';

async function main(): Promise<void> {
  const app = new App({
    signingSecret: process.env.SLACK_SIGNING_SECRET!,
    // An authorize function instead of a token: no auth.test call at start.
    authorize: async () => ({ botToken: 'xoxb-bench', botId: 'BBOT', botUserId: 'UBOT', teamId: 'T0BENCH' }),
    logLevel: LogLevel.ERROR,
  });
  app.event('message', async () => undefined);
  await app.start(Number(process.env.PORT));
  process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
}

void main();
