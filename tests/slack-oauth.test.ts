import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'yaml';
import { FakeSlack } from './fakes/slack-api';
import { envelope, postToSlackEndpoint, slashCommand } from './helpers/slack-sign';
import { DAY1_0900, SIGNING_SECRET, startSlackApp, waitFor, type SlackApp } from './helpers/slack-app';
import { FakeClock } from './helpers/recording-inbound';

/** Multi-workspace install: no bot token in the environment; tokens come from installs. */
const OAUTH_ENV = {
  SLACK_BOT_TOKEN: undefined,
  SLACK_CLIENT_ID: 'client-id-test',
  SLACK_CLIENT_SECRET: 'client-secret-test',
  SLACK_STATE_SECRET: 'state-secret-for-tests',
  WOLBOT_SECRET_KEY: 'wolbot-secret-key-for-tests-0123456789',
};

const ONE = { team: { id: 'T0ONE', name: 'Workspace One' }, token: 'xoxb-one-secret-token', channel: 'C0ONE' };
const TWO = { team: { id: 'T0TWO', name: 'Workspace Two' }, token: 'xoxb-two-secret-token', channel: 'C0TWO' };

function configDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-slack-oauth-'));
  // No configured channels: in this mode they are subscribed in each workspace with /wol subscribe.
  fs.writeFileSync(path.join(dir, 'wolbot.yaml'), ['program: wol-week', 'start: 2026-11-16', 'time: "09:00"', 'timezone: Europe/London', 'admins: [UADMIN]'].join('\n'));
  return dir;
}

function installationRows(dir: string): { workspace_id: string; data: string }[] {
  const db = new Database(path.join(dir, 'w.db'), { readonly: true });
  try {
    return db.prepare("select workspace_id, data from installations where platform = 'slack' order by workspace_id").all() as { workspace_id: string; data: string }[];
  } finally {
    db.close();
  }
}

/** GET /slack/install: a redirect to Slack's authorize URL, with the state also set as a cookie. */
async function beginInstall(s: SlackApp): Promise<{ location: URL; state: string; cookie: string }> {
  const res = await fetch(`${s.app.url}/slack/install`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const m = /slack-app-oauth-state=([^;]+)/.exec(setCookie);
  expect(m).not.toBeNull();
  return { location, state: location.searchParams.get('state')!, cookie: `slack-app-oauth-state=${m![1]}` };
}

/** The whole install: /slack/install, then Slack sends the browser back with a code. */
async function install(s: SlackApp, ws: typeof ONE, code: string): Promise<Response> {
  s.fake.addOAuthCode(code, ws.team, ws.token);
  const { state, cookie } = await beginInstall(s);
  return fetch(`${s.app.url}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, { headers: { cookie }, redirect: 'manual' });
}

const command = (s: SlackApp, text: string, ws: typeof ONE, responseId: string) =>
  postToSlackEndpoint(s.events, SIGNING_SECRET, slashCommand(text, { teamId: ws.team.id, channel: ws.channel, responseUrl: s.fake.responseUrl(responseId) }), { form: true });

/** Both workspaces installed, each with one subscribed channel the bot is in. */
async function twoWorkspaces(s: SlackApp): Promise<void> {
  for (const [ws, code] of [[ONE, 'code-one'], [TWO, 'code-two']] as const) {
    s.fake.channels.set(ws.channel, { name: ws.channel.toLowerCase(), is_member: true, team: ws.team.id });
    const res = await install(s, ws, code);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/installed/);
    const sub = await command(s, 'subscribe', ws, `sub-${ws.team.id}`);
    expect(sub.status).toBe(200);
    expect(sub.json.text).not.toMatch(/invite/);
  }
  const channels = (await s.app.core.status()).channels.filter((c) => c.channel.platform === 'slack' && c.channel.active);
  expect(channels.map((c) => c.channel.channelId).sort()).toEqual([ONE.channel, TWO.channel]);
}

describe('wolbot with Slack multi-workspace install (whole app, fake Web API)', () => {
  let s: SlackApp | undefined;
  afterEach(async () => {
    await s?.stop();
    s = undefined;
  });

  test('/slack/install redirects to Slack’s authorize URL with state; the callback stores the installation encrypted', async () => {
    s = await startSlackApp({ dir: configDir(), env: OAUTH_ENV });
    const { location, state } = await beginInstall(s);
    expect(`${location.origin}${location.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe('client-id-test');
    // Exactly the manifest's bot scopes (im:write included: organizers' DMs need it), one list for both.
    const manifest = parse(fs.readFileSync(path.resolve(__dirname, '..', 'adapters', 'slack', 'manifest.yml'), 'utf8'));
    expect(location.searchParams.get('scope')!.split(',').sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
    expect(location.searchParams.get('scope')!.split(',')).toContain('im:write');
    expect(state).toBeTruthy();

    const res = await install(s, ONE, 'code-one');
    expect(res.status).toBe(200);
    const exchange = s.fake.callsOf('oauth.v2.access');
    expect(exchange).toHaveLength(1);
    expect(exchange[0].args).toMatchObject({ code: 'code-one', client_id: 'client-id-test', client_secret: 'client-secret-test' });
    const rows = installationRows(s.dir);
    expect(rows.map((r) => r.workspace_id)).toEqual(['T0ONE']);
    // Encrypted at rest: neither the bot token nor anything readable of the installation is in the file.
    expect(rows[0].data).not.toContain(ONE.token);
    expect(rows[0].data).not.toContain('T0ONE');
    expect(rows[0].data).toMatch(/^v1:[A-Za-z0-9+/=]+$/);
    const file = fs.readFileSync(path.join(s.dir, 'w.db')).toString('latin1') + (fs.existsSync(path.join(s.dir, 'w.db-wal')) ? fs.readFileSync(path.join(s.dir, 'w.db-wal')).toString('latin1') : '');
    expect(file).not.toContain(ONE.token);
  });

  test('a forged state, or a state without its browser cookie, gets an error page and stores nothing', async () => {
    s = await startSlackApp({ dir: configDir(), env: OAUTH_ENV });
    s.fake.addOAuthCode('code-one', ONE.team, ONE.token);
    const forged = await fetch(`${s.app.url}/slack/oauth_redirect?code=code-one&state=forged-state`, { headers: { cookie: 'slack-app-oauth-state=forged-state' } });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toMatch(/did not complete/);
    const { state } = await beginInstall(s);
    const noCookie = await fetch(`${s.app.url}/slack/oauth_redirect?code=code-one&state=${encodeURIComponent(state)}`);
    expect(noCookie.status).toBe(400);
    const otherSession = await beginInstall(s);
    const mismatched = await fetch(`${s.app.url}/slack/oauth_redirect?code=code-one&state=${encodeURIComponent(state)}`, { headers: { cookie: otherSession.cookie } });
    expect(mismatched.status).toBe(400);
    expect(s.fake.callsOf('oauth.v2.access')).toHaveLength(0);
    expect(installationRows(s.dir)).toEqual([]);
  });

  test('each workspace’s channel posts with its own token; app_uninstalled stops one workspace and not the other', async () => {
    s = await startSlackApp({ dir: configDir(), env: OAUTH_ENV });
    await twoWorkspaces(s);
    // subscribe asked each workspace whether the bot is in the channel, with that workspace's token.
    const info = s.fake.callsOf('conversations.info').map((c) => [c.args.channel, c.token]);
    expect(info).toEqual(expect.arrayContaining([[ONE.channel, ONE.token], [TWO.channel, TWO.token]]));

    // A command reaches its own workspace only (#8): each workspace's admin posts there.
    expect((await command(s, 'post 1', ONE, 'p1')).status).toBe(200);
    await waitFor(() => s!.fake.prompts().length === 1, 'the post in workspace one');
    expect(s.fake.prompts(TWO.channel)).toHaveLength(0);
    expect((await command(s, 'post 1', TWO, 'p1b')).status).toBe(200);
    await waitFor(() => s!.fake.prompts().length === 2, 'a post in each workspace');
    // Each channel's kick-off, then its prompt, each with its own workspace's token.
    const posts = s.fake.callsOf('chat.postMessage').map((c) => [c.args.channel, c.token]).sort();
    expect(posts).toEqual([[ONE.channel, ONE.token], [ONE.channel, ONE.token], [TWO.channel, TWO.token], [TWO.channel, TWO.token]]);
    await waitFor(async () => (await s!.app.core.exportPosts()).posts.length === 2, 'deliveries marked sent');

    const gone = await postToSlackEndpoint(s.events, SIGNING_SECRET, envelope({ type: 'app_uninstalled' }, { teamId: TWO.team.id }));
    expect(gone.status).toBe(200);
    expect(installationRows(s.dir).map((r) => r.workspace_id)).toEqual(['T0ONE']);
    const status = await command(s, 'status', ONE, 'st');
    expect(status.json.text).toMatch(/app_uninstalled/);
    const two = (await s.app.core.status()).channels.find((c) => c.channel.channelId === TWO.channel)!;
    expect(two.channel).toMatchObject({ active: false, inactiveReason: 'app_uninstalled' });

    expect((await command(s, 'post 2', ONE, 'p2')).status).toBe(200);
    await waitFor(() => s!.fake.prompts(ONE.channel).length === 2, 'day 2 in workspace one');
    await waitFor(() => s!.fake.responses.some((r) => r.path === '/response/p2'), 'the fan-out finished');
    expect(s.fake.prompts(TWO.channel)).toHaveLength(1);
    expect(s.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === TWO.channel)).toHaveLength(2); // its kick-off and day 1
  });

  test('at start, replies written while the bot was down are caught up in every workspace with its token', async () => {
    const fake = await new FakeSlack(() => clock.now().getTime()).start();
    const clock = new FakeClock(DAY1_0900);
    const dir = configDir();
    try {
      s = await startSlackApp({ dir, fake, env: OAUTH_ENV });
      await twoWorkspaces(s);
      await command(s, 'post 1', ONE, 'p1');
      await command(s, 'post 1', TWO, 'p1b');
      await waitFor(async () => (await s!.app.core.exportPosts()).posts.length === 2, 'both posted');
      await s.stop();
      s = undefined;

      // While the bot is down, people reply in both threads.
      for (const ws of [ONE, TWO]) {
        const [prompt] = fake.prompts(ws.channel);
        fake.addMessage({ channel: ws.channel, user: `U0${ws.team.id}`, text: `while you were out in ${ws.team.name}`, thread_ts: prompt.ts, type: 'message' });
      }
      fake.calls.length = 0;
      s = await startSlackApp({ dir, fake, env: OAUTH_ENV });
      const exp = await s.app.core.exportPosts();
      const replies = exp.posts.map((p) => [p.channel, p.replies.map((r) => r.text)]).sort();
      expect(replies).toEqual([
        [ONE.channel, ['while you were out in Workspace One']],
        [TWO.channel, ['while you were out in Workspace Two']],
      ]);
      expect(fake.callsOf('conversations.replies').map((c) => [c.args.channel, c.token]).sort()).toEqual([
        [ONE.channel, ONE.token],
        [TWO.channel, TWO.token],
      ]);
    } finally {
      await s?.stop();
      s = undefined;
      await fake.stop();
    }
  });
});
