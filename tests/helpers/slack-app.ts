/** The whole wolbot (startWolbot) with Slack on, pointed at the fake Web API; temp SQLite and config. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { startWolbot, type RunningApp } from '../../src/app';
import { FakeSlack } from '../fakes/slack-api';
import { envelope, postToSlackEndpoint } from './slack-sign';
import { FakeClock } from './recording-inbound';

export const SIGNING_SECRET = 'app-test-signing-secret';

export function writeSlackConfig(dir: string, extra = ''): string {
  const file = path.join(dir, 'wolbot.yaml');
  fs.writeFileSync(
    file,
    [
      'program: wol-week',
      'start: 2026-11-16',
      'time: "09:00"',
      'timezone: Europe/London',
      'admins: [UADMIN]',
      'channels:',
      '  - slack:C0WOL1',
      '  - { id: "slack:C0WOL2", timezone: America/New_York }',
      extra,
    ].join('\n'),
  );
  return file;
}

export function slackEnv(dir: string, fakeUrl: string): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: `sqlite:${path.join(dir, 'w.db')}`,
    WOLBOT_CONFIG: path.join(dir, 'wolbot.yaml'),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: fakeUrl,
    WEB_TOKEN: 'web-token-for-tests-0123456789',
    LOG_LEVEL: 'warn',
    PATH: process.env.PATH,
  };
}

export interface SlackApp {
  dir: string;
  fake: FakeSlack;
  clock: FakeClock;
  app: RunningApp;
  events: string;
  logs: string[];
  stop(): Promise<void>;
}

/** Time: Monday of the programme, 09:00:30 London (= UTC in November). */
export const DAY1_0900 = Date.parse('2026-11-16T09:00:30Z');

export async function startSlackApp(
  opts: {
    clockAt?: number;
    dir?: string;
    fake?: FakeSlack;
    /** Changes to the environment (undefined removes a name), e.g. Socket Mode or OAuth settings. */
    env?: Record<string, string | undefined>;
    /** The port to serve on (sign-in needs PUBLIC_URL before start); default any free one. */
    port?: number;
    /** Called with the fake (started) before the app starts: seed tokens, URLs, messages. */
    beforeStart?: (fake: FakeSlack) => void | Promise<void>;
  } = {},
): Promise<SlackApp> {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-slack-'));
  if (!fs.existsSync(path.join(dir, 'wolbot.yaml'))) writeSlackConfig(dir);
  const clock = new FakeClock(opts.clockAt ?? DAY1_0900);
  const fake = opts.fake ?? (await new FakeSlack(() => clock.now().getTime()).start());
  const logs: string[] = [];
  const logStream = new PassThrough();
  logStream.on('data', (c) => logs.push(String(c)));
  await opts.beforeStart?.(fake);
  const env = { ...slackEnv(dir, fake.url), ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  // A start that fails must not leave the fake Slack listening: jest would wait for it forever.
  const app = await startWolbot({ env, cwd: process.cwd(), clock, cron: false, port: opts.port ?? 0, logStream, drainMs: 2000 }).catch(async (err: unknown) => {
    if (!opts.fake) await fake.stop();
    throw err;
  });
  return {
    dir,
    fake,
    clock,
    app,
    events: `${app.url}/slack/events`,
    logs,
    async stop() {
      await app.stop();
      if (!opts.fake) await fake.stop();
    },
  };
}

/**
 * `user` replies in `thread` of `channel` as Slack tells it: the message is kept in the fake's
 * history (what catch-up reads) and its event signed to the app, which must answer 200. Gives its ts.
 */
export async function slackThreadReply(s: SlackApp, m: { channel: string; thread: string; ts: string; user: string; text: string }): Promise<string> {
  const { ts } = s.fake.addMessage({ channel: m.channel, user: m.user, text: m.text, thread_ts: m.thread, ts: m.ts });
  const r = await postToSlackEndpoint(s.events, SIGNING_SECRET, envelope({ type: 'message', channel: m.channel, user: m.user, text: m.text, ts, thread_ts: m.thread, event_ts: ts, channel_type: 'channel' }));
  expect(r.status).toBe(200);
  return ts;
}

export async function waitFor(cond: () => boolean | Promise<boolean>, what = 'condition', tries = 500): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}
