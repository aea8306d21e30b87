/**
 * Organizers edited while the server runs: a person signed in with Slack (real OpenID provider,
 * Chromium) is a member; once the config file lists them in `admins` the same session is an
 * organizer (exports open), and once the file drops them again it is a member again — without a
 * restart, a new sign-in or the clock moving on. A channel added to the file is theirs at once too.
 * The real watcher reloads the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { describeInChromium, launchChromium, signInWith } from '../helpers/browser';
import { freePort, startProvider, type TestProvider } from '../helpers/oidc-provider';
import { startSlackApp, type SlackApp } from '../helpers/slack-app';

describeInChromium('admins edited in the config file while a person is signed in', () => {
  let provider: TestProvider;
  let s: SlackApp;
  let browser: Browser;
  let context: BrowserContext;

  const asAnna = async (p: string) => {
    const r = await context.request.get(`${s.app.url}${p}`);
    return { status: r.status(), body: (await r.json()) as { role?: string; channels?: { channel: string }[] } };
  };
  /** Writes the config with these admins and waits for the server's reload of it. */
  const setAdmins = async (admins: string) => {
    const file = path.join(s.dir, 'wolbot.yaml');
    const reloaded = s.app.config!.next();
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^admins: .*$/m, `admins: [${admins}]`));
    return reloaded;
  };

  beforeAll(async () => {
    const port = await freePort();
    provider = await startProvider({
      redirectUri: `http://127.0.0.1:${port}/auth/slack/callback`,
      claims: ['https://slack.com/user_id', 'https://slack.com/team_id'],
      accounts: { anna: { 'https://slack.com/user_id': 'UANNA', 'https://slack.com/team_id': 'T0TEAM', name: 'Anna' } },
    });
    s = await startSlackApp({
      port,
      env: { PUBLIC_URL: `http://127.0.0.1:${port}`, SIGNIN_SLACK_CLIENT_ID: provider.clientId, SIGNIN_SLACK_CLIENT_SECRET: provider.clientSecret, SIGNIN_SLACK_ISSUER: provider.issuer },
      beforeStart: (fake) => void fake.channels.set('C0WOL1', { name: 'wol-week', is_member: true }),
    });
    browser = await launchChromium();
    ({ context } = await signInWith(browser, s.app.url, 'Sign in with Slack', 'anna'));
  }, 60_000);
  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await s?.stop();
    await provider?.stop();
  }, 60_000);

  test('added to admins: the same session is an organizer at once; removed: a member again', async () => {
    const at = s.clock.now().getTime();
    expect(await asAnna('/v1/me')).toMatchObject({ status: 200, body: { role: 'member' } });
    expect((await asAnna('/v1/export')).status).toBe(403);

    expect(await setAdmins('UADMIN, UANNA')).toEqual({ ok: true, changes: ['admins [UADMIN] → [UADMIN, UANNA]'] });
    expect(await asAnna('/v1/me')).toMatchObject({ status: 200, body: { role: 'organizer' } });
    expect((await asAnna('/v1/export')).status).toBe(200);

    expect(await setAdmins('UADMIN')).toEqual({ ok: true, changes: ['admins [UADMIN, UANNA] → [UADMIN]'] });
    expect(await asAnna('/v1/me')).toMatchObject({ status: 200, body: { role: 'member' } });
    expect((await asAnna('/v1/export')).status).toBe(403);
    // Nothing waited for a cache to run out: the server's clock did not move.
    expect(s.clock.now().getTime()).toBe(at);
  }, 60_000);

  test('a public channel added to the config while she is signed in is hers at once', async () => {
    const at = s.clock.now().getTime();
    s.fake.channels.set('C0WOL3', { name: 'wol-more', is_member: true });
    const channels = async () => (await asAnna('/v1/status')).body.channels!.map((c) => c.channel);
    expect(await channels()).toEqual(['slack:C0WOL1']);
    const file = path.join(s.dir, 'wolbot.yaml');
    const reloaded = s.app.config!.next();
    fs.writeFileSync(file, `${fs.readFileSync(file, 'utf8').trimEnd()}\n  - slack:C0WOL3\n`);
    expect(await reloaded).toMatchObject({ ok: true });
    expect(await channels()).toEqual(['slack:C0WOL1', 'slack:C0WOL3']);
    expect(s.clock.now().getTime()).toBe(at);
  }, 60_000);
});
