/**
 * One config, two real platforms: a Slack channel from the config and a Teams channel subscribed at
 * run time both get each day's prompt from the cron tick, each at its own local time.
 */
import { PassThrough } from 'node:stream';
import { cardText } from './helpers/adaptive-cards';
import { startWolbot, type RunningApp } from '../src/app';
import { FakeSlack } from './fakes/slack-api';
import { FakeBotConnector, botAdded, mentionPost, postActivity, type Person } from './fakes/bot-connector';
import { FakeClock } from './helpers/fake-clock';
import { tempWorkspace } from './helpers/workspace';

const TEAMS_CHANNEL = '19:wol-both@thread.tacv2';
const TEAMS_ADMIN: Person = { id: '29:teams-admin', aadObjectId: 'aad-admin', name: 'Ada' };

describe('Slack and Teams in one config', () => {
  const ws = tempWorkspace(`program: wol-week
start: 2026-11-16
time: "09:00"
timezone: Europe/London
admins: [UADMIN, aad-admin]
channels: [slack:C0BOTH]
`);
  const clock = new FakeClock('2026-11-16T08:00:00Z');
  let slack: FakeSlack;
  let teams: FakeBotConnector;
  let app: RunningApp;
  let errSpy: jest.SpyInstance;

  beforeAll(async () => {
    errSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    slack = await new FakeSlack(() => clock.now().getTime()).start();
    teams = await new FakeBotConnector().start();
    const logs = new PassThrough();
    logs.resume();
    app = await startWolbot({
      env: {
        DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'warn',
        SLACK_SIGNING_SECRET: 'both-signing-secret', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.url,
        TEAMS_ALLOW_ANONYMOUS: 'true', WEB_TOKEN: 'both-web-token-0123456789abcdef',
      },
      cwd: ws.dir, clock, cron: false, port: 0, logStream: logs, drainMs: 1000,
    });
  });
  afterAll(async () => {
    await app.stop();
    await slack.stop();
    await teams.stop();
    errSpy.mockRestore();
    ws.cleanup();
  });

  test('both platforms are on, and the page stays closed without the web token', async () => {
    expect(app.platforms.sort()).toEqual(['slack', 'teams']);
    expect((await fetch(`${app.url}/v1/status`)).status).toBe(401);
    expect((await fetch(`${app.url}/v1/status`, { headers: { authorization: 'Bearer both-web-token-0123456789abcdef' } })).status).toBe(200);
  });

  test('the cron posts to the Slack channel and the subscribed Teams channel at their local times', async () => {
    expect((await postActivity(app.url, botAdded(teams.url, TEAMS_ADMIN))).status).toBe(200);
    const sub = await postActivity(app.url, mentionPost(teams.url, TEAMS_CHANNEL, 'subscribe America/New_York', TEAMS_ADMIN));
    expect(sub.status).toBe(200);
    expect(await app.store.getChannel('teams', TEAMS_CHANNEL)).toMatchObject({ active: true, timezone: 'America/New_York' });

    const slackAll = () => slack.calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === "C0BOTH");
    const slackPosts = () => slackAll().filter((c) => !/Week starts Monday 16 November/.test(String(c.args.text)));
    const created = () => teams.calls.filter((c) => c.kind === 'createConversation');
    const isKickoff = (c: ReturnType<typeof created>[number]) => /Week starts Monday 16 November/.test(cardText(c.body));
    const teamsThreads = () => created().filter((c) => !isKickoff(c));

    await app.tick(); // 08:00 London: no prompt due; New York's day 1 is 6 h away, so its welcome goes out
    expect([slackPosts().length, teamsThreads().length]).toEqual([0, 0]);
    expect(created().filter(isKickoff)).toHaveLength(1); // London's day 1 is within the hour: no welcome there

    clock.set('2026-11-16T09:00:00Z'); // 09:00 London: the missed welcome goes out right before the first prompt
    await app.tick();
    expect([slackPosts().length, teamsThreads().length]).toEqual([1, 0]);
    expect(slackAll().map((c) => (slackPosts().includes(c) ? 'prompt' : 'kickoff'))).toEqual(['kickoff', 'prompt']);

    clock.set('2026-11-16T14:00:00Z'); // 09:00 New York
    await app.tick();
    await app.tick();
    expect([slackPosts().length, teamsThreads().length]).toEqual([1, 1]);

    const { posts } = await app.core.exportPosts({ day: 1 });
    expect(posts.map((p) => `${p.platform}:${p.channel}`).sort()).toEqual(['slack:C0BOTH', `teams:${TEAMS_CHANNEL}`]);
    expect(posts.find((p) => p.platform === 'teams')!.thread).toMatch(new RegExp(`^${TEAMS_CHANNEL.replace(/[.]/g, '\\.')};messageid=`));
  });
});
