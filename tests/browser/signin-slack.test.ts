/**
 * Sign in with Slack, against a real OpenID provider (oidc-provider on 127.0.0.1 as the Slack
 * issuer, its own login and consent pages driven in Chromium) and the whole app with Slack on.
 * C0WOL1 is public in workspace T0TEAM; C0WOL2 is private (Bob and the organizer are in it).
 */
import { createHmac } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeInChromium, launchChromium, signInWith } from '../helpers/browser';
import { freePort, signInThroughProvider, startProvider, type TestProvider } from '../helpers/oidc-provider';
import { SIGNING_SECRET, startSlackApp, waitFor, type SlackApp } from '../helpers/slack-app';
import { envelope, postToSlackEndpoint, slashCommand } from '../helpers/slack-sign';

const TOKEN = 'web-token-for-tests-0123456789';
const SLACK_CLAIMS = ['https://slack.com/user_id', 'https://slack.com/team_id'];
const person = (user: string, team: string, name: string) => ({ 'https://slack.com/user_id': user, 'https://slack.com/team_id': team, name });

describeInChromium('Sign in with Slack (OpenID Connect, real provider, Chromium)', () => {
  let provider: TestProvider;
  let s: SlackApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${s.app.url}${path}`, { headers, redirect: 'manual' });
  const asOperator = { authorization: `Bearer ${TOKEN}` };

  /** A new browser that signs in as `login` through the provider's pages, ending on the page. */
  function signedIn(login: string, before?: (c: BrowserContext) => Promise<void>): Promise<{ context: BrowserContext; page: Page }> {
    return signInWith(browser, s.app.url, 'Sign in with Slack', login, async (context) => {
      contexts.push(context);
      await before?.(context);
    });
  }
  const sessionCookie = async (c: BrowserContext) => (await c.cookies()).find((x) => x.name === 'wolbot_session');
  const asJson = async (c: BrowserContext, path: string) => {
    const r = await c.request.get(`${s.app.url}${path}`);
    return { status: r.status(), body: (await r.json()) as any };
  };

  beforeAll(async () => {
    const port = await freePort();
    provider = await startProvider({
      redirectUri: `http://127.0.0.1:${port}/auth/slack/callback`,
      claims: SLACK_CLAIMS,
      accounts: { anna: person('UANNA', 'T0TEAM', 'Anna'), eve: person('UEVE', 'T0OTHER', 'Eve'), ada: person('UADMIN', 'T0TEAM', 'Ada') },
    });
    s = await startSlackApp({
      port,
      env: { PUBLIC_URL: `http://127.0.0.1:${port}`, SIGNIN_SLACK_CLIENT_ID: provider.clientId, SIGNIN_SLACK_CLIENT_SECRET: provider.clientSecret, SIGNIN_SLACK_ISSUER: provider.issuer },
      beforeStart: (fake) => {
        fake.channels.set('C0WOL1', { name: 'wol-week', is_member: true });
        fake.channels.set('C0WOL2', { name: 'wol-leads', is_member: true, is_private: true });
        fake.members.set('C0WOL2', ['UBOB', 'UX1', 'UADMIN']);
      },
    });
    // Day 2 in both channels (the organizer's slash command), then a share in each.
    const post = (body: object, form = false) => postToSlackEndpoint(s.events, SIGNING_SECRET, body, { form });
    expect((await post(slashCommand('post 2'), true)).status).toBe(200);
    await waitFor(async () => (await s.app.core.exportPosts()).posts.length === 2, 'day 2 posted in both channels');
    const reply = (channel: string, user: string, text: string, ts: string) =>
      post(envelope({ type: 'message', channel, user, text, ts, thread_ts: s.fake.prompts(channel)[0].ts, event_ts: ts, channel_type: 'channel' }));
    const t0 = Math.floor(s.clock.now().getTime() / 1000);
    await reply('C0WOL1', 'UANNA', 'Anna: my onboarding checklist, half done', `${t0 + 60}.000100`);
    await reply('C0WOL2', 'UBOB', 'Bob: the budget draft nobody else should read', `${t0 + 61}.000100`);
    await waitFor(async () => (await s.app.core.exportPosts()).posts.flatMap((p) => p.replies).length === 2, 'both shares stored');
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await s?.stop();
    await provider?.stop();
  }, 120_000);

  test('without credentials: /v1 is 401 and the page is a sign-in link, no data', async () => {
    expect((await get('/v1/stats')).status).toBe(401);
    expect((await get('/v1/shares')).status).toBe(401);
    const page = await get('/');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('href="/auth/slack"');
    expect(html).not.toContain('<form'); // a link: a form to the provider would meet form-action 'self'
    expect(html).not.toMatch(/onboarding|budget/);
    expect(page.headers.get('content-security-policy')).toBe("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  }, 120_000);

  test('Anna (the channel\'s workspace) sees her share first, her figures, no export and no private channel', async () => {
    const { context, page } = await signedIn('anna');
    await page.locator('#your-shares li').first().waitFor();
    expect(await page.locator('#your-shares').textContent()).toContain('my onboarding checklist');
    await page.locator('#gallery-days .share').first().waitFor();
    const gallery = await page.locator('#gallery-days').textContent();
    expect(gallery).toContain('my onboarding checklist');
    expect(gallery).not.toContain('budget draft');
    expect(await page.locator('#sandbox').isHidden()).toBe(true);
    const stats = await asJson(context, '/v1/stats');
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ shares: 1, people: 1 });
    expect(stats.body.channels.map((c: any) => c.channel)).toEqual(['C0WOL1']);
    const shares = await asJson(context, '/v1/shares');
    expect(shares.body.posts.map((p: any) => p.channel)).toEqual(['C0WOL1']);
    expect((await asJson(context, '/v1/export')).status).toBe(403);
    expect((await asJson(context, '/v1/local/messages')).status).toBe(403);
    const cookie = (await sessionCookie(context))!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
  }, 120_000);

  test('Eve from another workspace signs in and sees nothing of the programme', async () => {
    const { context, page } = await signedIn('eve');
    expect((await asJson(context, '/v1/stats')).status).toBe(403);
    expect((await asJson(context, '/v1/export')).status).toBe(403);
    expect((await asJson(context, '/v1/shares')).body.posts).toEqual([]);
    expect((await asJson(context, '/v1/runs')).body.runs).toEqual([]);
    expect((await asJson(context, '/v1/status')).body.channels).toEqual([]);
    await page.locator('#you').waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/onboarding|budget/);
  }, 120_000);

  test('the organizer sees every channel of the workspace and may export; the token sees everything', async () => {
    const { context } = await signedIn('ada');
    const exp = await asJson(context, '/v1/export');
    expect(exp.status).toBe(200);
    expect(exp.body.posts.map((p: any) => p.channel).sort()).toEqual(['C0WOL1', 'C0WOL2']);
    expect((await asJson(context, '/v1/stats')).body.shares).toBe(2);
    const op = await get('/v1/export', asOperator);
    expect(op.status).toBe(200);
    expect(((await op.json()) as any).posts.flatMap((p: any) => p.replies).map((r: any) => r.user).sort()).toEqual(['UANNA', 'UBOB']);
  }, 120_000);

  test('session fixation: a session id planted before sign-in is never the one signed in', async () => {
    const planted = 'planted-session-id.AAAA';
    const { context } = await signedIn('anna', (c) => c.addCookies([{ name: 'wolbot_session', value: planted, url: s.app.url }]));
    const cookie = (await sessionCookie(context))!;
    expect(cookie.value).not.toBe(planted);
    expect((await get('/v1/stats', { cookie: `wolbot_session=${cookie.value}` })).status).toBe(200);
    expect((await get('/v1/stats', { cookie: `wolbot_session=${planted}` })).status).toBe(401);
  }, 120_000);

  /** The browser's sign-in attempt cookie (Path=/auth) as the server set it. */
  const attemptCookie = async (c: BrowserContext) => (await c.cookies()).find((x) => x.name === 'wolbot_signin');

  test('a callback with another state than this browser started with is refused', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${s.app.url}/auth/slack`); // attempt A: the provider's login page
    // Attempt B starts in the same browser (its cookie replaces A's); A's answer then comes back.
    expect((await context.request.get(`${s.app.url}/auth/slack`, { maxRedirects: 0 })).status()).toBe(303);
    await signInThroughProvider(page, 'anna');
    await page.getByText('Sign-in did not work').waitFor();
    expect(await sessionCookie(context)).toBeUndefined();
  }, 120_000);

  test('an ID token with another nonce than the attempt\'s is refused', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${s.app.url}/auth/slack`);
    // The attempt as this server signed it, with another nonce (signed with the server's own key).
    const a = (await attemptCookie(context))!;
    const key = Buffer.from((await s.app.store.getMeta('web.cookie-key'))!, 'base64url');
    const attempt = JSON.parse(Buffer.from(a.value.split('.')[0]!, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...attempt, nonce: 'another-nonce' })).toString('base64url');
    await context.addCookies([{ ...a, value: `${forged}.${createHmac('sha256', key).update(forged).digest('base64url')}` }]);
    await signInThroughProvider(page, 'anna');
    await page.getByText('Sign-in did not work').waitFor();
    expect(await sessionCookie(context)).toBeUndefined();
  }, 120_000);

  test('a replayed callback is refused; the session cookie is Secure behind https', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    let callback = { url: '', cookie: '' };
    page.on('request', (r) => {
      if (!r.url().startsWith(`${s.app.url}/auth/slack/callback?`)) return;
      void r.allHeaders().then((h) => (callback = { url: r.url(), cookie: h.cookie ?? '' }));
    });
    await page.goto(s.app.url);
    await page.getByRole('link', { name: 'Sign in with Slack' }).click();
    await signInThroughProvider(page, 'anna');
    await page.waitForURL(`${s.app.url}/`);
    expect(await sessionCookie(context)).toBeDefined();
    expect(callback.cookie).toContain('wolbot_signin=');
    const path = new URL(callback.url).pathname + new URL(callback.url).search;
    const again = await get(path, { cookie: callback.cookie, 'x-forwarded-proto': 'https' });
    expect(again.status).toBe(400);
    expect(again.headers.get('set-cookie') ?? '').not.toMatch(/wolbot_session=[^;]/);
    // A fresh sign-in behind a TLS-terminating proxy: the session cookie is Secure.
    const https = await context.request.get(`${s.app.url}/auth/slack`, { maxRedirects: 0, headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers()['set-cookie']).toMatch(/wolbot_signin=[^;]+; Path=\/auth; HttpOnly; SameSite=Lax; Max-Age=600; Secure/);
  }, 120_000);

  test('an expired session and a signed-out one are refused', async () => {
    const { context, page } = await signedIn('anna');
    const cookie = `wolbot_session=${(await sessionCookie(context))!.value}`;
    expect((await get('/v1/stats', { cookie })).status).toBe(200);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${s.app.url}/`);
    expect((await get('/v1/stats', { cookie })).status).toBe(401);
    expect(await page.getByRole('link', { name: 'Sign in with Slack' }).count()).toBe(1);

    const second = await signedIn('anna');
    const live = `wolbot_session=${(await sessionCookie(second.context))!.value}`;
    expect((await get('/v1/stats', { cookie: live })).status).toBe(200);
    s.clock.advance(8 * 3600_000 + 1000); // past the session's 8 hours
    expect((await get('/v1/stats', { cookie: live })).status).toBe(401);
    s.clock.advance(-(8 * 3600_000 + 1000));
  }, 120_000);

  test('forget me from the page asks first, then acts as the chat word: her share is gone', async () => {
    const { page } = await signedIn('anna');
    await page.locator('#your-shares li').first().waitFor();
    await page.getByRole('button', { name: 'Forget me' }).click();
    await page.locator('#forget-confirm').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    const users = async () => (((await (await get('/v1/export', asOperator)).json()) as any).posts as any[]).flatMap((p) => p.replies).map((r: any) => r.user).sort();
    expect(await users()).toEqual(['UANNA', 'UBOB']); // cancelled: nothing removed
    await page.locator('#forget').click();
    await page.locator('#forget-yes').click();
    await page.getByText(/^Done: \d+ of your replies and reactions were removed/).waitFor();
    expect(await users()).toEqual(['UBOB']);
  }, 120_000);
});
