/**
 * Sign in with Microsoft (Entra ID's `oid`/`tid`), against a real OpenID provider (oidc-provider
 * on 127.0.0.1 as the Microsoft issuer, driven in Chromium) and the whole app with Teams on: the
 * channel's roster comes from the (fake) Bot Connector. The programme is German (wol-woche): the
 * sign-in page and the signed-in page speak German.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningApp } from '../../src/app';
import { FakeBotConnector, TENANT, botAdded, channelEvent, mentionPost, postActivity, threadReply, type Person } from '../fakes/bot-connector';
import { SCREENSHOTS, describeInChromium, launchChromium, signInWith } from '../helpers/browser';
import { freePort, startProvider, type TestProvider } from '../helpers/oidc-provider';
import { startTeamsApp, until } from '../helpers/teams-app';

const CHANNEL = '19:wol-channel@thread.tacv2';
const ADMIN: Person = { id: '29:admin', aadObjectId: 'aad-admin', name: 'Ada Admin' };
const ANNA: Person = { id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna' };

describeInChromium('Sign in with Microsoft against a Teams channel (real provider, Chromium)', () => {
  let provider: TestProvider;
  let fake: FakeBotConnector;
  let app: RunningApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  function signedIn(login: string): Promise<{ context: BrowserContext; page: Page }> {
    return signInWith(browser, app.url, 'Mit Microsoft anmelden', login, async (context) => void contexts.push(context));
  }
  const asJson = async (c: BrowserContext, p: string) => {
    const r = await c.request.get(`${app.url}${p}`);
    return { status: r.status(), body: (await r.json()) as any };
  };

  beforeAll(async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const port = await freePort();
    provider = await startProvider({
      redirectUri: `http://127.0.0.1:${port}/auth/microsoft/callback`,
      claims: ['oid', 'tid'],
      accounts: {
        anna: { oid: 'aad-anna', tid: TENANT, name: 'Anna' },
        eve: { oid: 'aad-eve', tid: 'another-tenant-0000', name: 'Eve' },
        // Same tenant, not on the team: the channel is not hers.
        mallory: { oid: 'aad-mallory', tid: TENANT, name: 'Mallory' },
        ada: { oid: 'aad-admin', tid: TENANT, name: 'Ada Admin' },
      },
    });
    fake = await new FakeBotConnector().start();
    fake.rosters.set(CHANNEL, [ANNA, ADMIN].map((p) => ({ id: p.id, aadObjectId: p.aadObjectId, name: p.name })));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-signin-ms-'));
    // The organizer is named by her Teams id, as the chat's refusal tells it: the page knows her by
    // her Entra id and finds the Teams one on the channel's roster.
    fs.writeFileSync(path.join(dir, 'wolbot.yaml'), 'program: wol-woche\nstart: 2030-11-18\ntime: "09:00"\ntimezone: Europe/London\nadmins: ["29:admin"]\n');
    app = await startTeamsApp({
      dir, port, dbUrl: `sqlite:${dir}/w.db`, config: `${dir}/wolbot.yaml`,
      env: { PUBLIC_URL: `http://127.0.0.1:${port}`, SIGNIN_MICROSOFT_CLIENT_ID: provider.clientId, SIGNIN_MICROSOFT_CLIENT_SECRET: provider.clientSecret, SIGNIN_MICROSOFT_ISSUER: provider.issuer },
    });
    // The team and its channel, subscribed by the organizer; day 3 posted; Anna shares.
    expect((await postActivity(app.url, botAdded(fake.url, ADMIN))).status).toBe(200);
    expect((await postActivity(app.url, channelEvent(fake.url, 'channelCreated', CHANNEL, 'wol', ADMIN))).status).toBe(200);
    expect((await postActivity(app.url, mentionPost(fake.url, CHANNEL, 'subscribe', ADMIN))).status).toBe(200);
    expect((await postActivity(app.url, mentionPost(fake.url, CHANNEL, 'post 3', ADMIN))).status).toBe(200);
    const create = await until('the day-3 card', () => fake.promptThreads()[0]);
    await until('delivery sent', async () => (await app.store.listDeliveries({ kinds: ['prompt'], states: ['sent'] })).length === 1);
    expect((await postActivity(app.url, threadReply(fake.url, CHANNEL, create.response.activityId, 'Anna: what I learned about our build times', ANNA))).status).toBe(200);
    await until('the share stored', async () => (await app.core.exportPosts()).posts[0]?.replies.length === 1);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.stop().catch(() => undefined);
    await fake?.stop();
    await provider?.stop();
  }, 120_000);

  test('without credentials /v1/stats is 401 and the page offers Microsoft sign-in', async () => {
    expect((await fetch(`${app.url}/v1/stats`)).status).toBe(401);
    expect(await (await fetch(`${app.url}/`)).text()).toContain('href="/auth/microsoft"');
  }, 120_000);

  test('Anna (on the team, in the tenant) sees her share and figures, no export', async () => {
    const { context, page } = await signedIn('anna');
    await page.locator('#your-shares li').first().waitFor();
    expect(await page.locator('#your-shares').textContent()).toContain('what I learned about our build times');
    expect(await page.locator('#your-shares .day').first().textContent()).toBe('Tag 3 · Lernen');
    // Her programme is German, so is her page: its titles, figures, gallery and dates (from /v1/me).
    await page.locator('#gallery-days .day-no').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.locator('#you-h').textContent()).toBe('Deine Beiträge');
    expect(await page.locator('#you-who').textContent()).toBe('Angemeldet als Anna');
    expect(await page.locator('#participation-h').textContent()).toBe('Beteiligung');
    expect(await page.locator('#gallery-h').textContent()).toBe('Galerie');
    expect(await page.locator('#fig-shares-label').textContent()).toBe('Beitrag');
    expect(await page.locator('#gallery-days .day-no').first().textContent()).toBe('Tag 3');
    expect(await page.locator('#gallery-days .g-day-date').first().textContent()).toBe('Mi., 20. Nov. 2030');
    expect(await page.locator('#sub').textContent()).toMatch(/^Start am Mo\., 18\. Nov\. 2030 · Impulse um 09:00 Uhr \(Europe\/London\)/);
    expect(await page.locator('#signout').textContent()).toBe('Abmelden');
    // The organizers' preview is not offered to her (its API would refuse her).
    expect(await page.locator('#preview').isHidden()).toBe(true);
    expect(await page.getByRole('link', { name: 'Vorschau' }).count()).toBe(0);
    const me = await asJson(context, '/v1/me');
    expect(me.body).toMatchObject({ role: 'member', lang: 'de', person: { platform: 'teams', userId: 'aad-anna', name: 'Anna' } });
    expect(me.body.patterns['page.gallery']).toBe('Galerie');
    // A member's German page, for people to look at (tests don't read these).
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'member-de-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'member-de-390.png'), fullPage: true });
    const stats = await asJson(context, '/v1/stats');
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ shares: 1, people: 1 });
    expect((await asJson(context, '/v1/export')).status).toBe(403);
    // The roster was asked of the connector, with the channel's conversation id.
    expect(fake.of('getConversationMembers').map((c) => c.conversationId)).toContain(CHANNEL);
  }, 120_000);

  test('Eve from another tenant and Mallory (same tenant, not on the team) see nothing', async () => {
    for (const login of ['eve', 'mallory']) {
      const { context, page } = await signedIn(login);
      expect((await asJson(context, '/v1/stats')).status).toBe(403);
      expect((await asJson(context, '/v1/export')).status).toBe(403);
      expect((await asJson(context, '/v1/shares')).body.posts).toEqual([]);
      await page.locator('#you').waitFor();
      expect(await page.locator('main').textContent()).not.toContain('build times');
    }
  }, 120_000);

  test('the organizer (listed by her Teams id) exports the tenant\'s programme', async () => {
    const { context, page } = await signedIn('ada');
    await page.locator('#you').waitFor();
    expect(await page.locator('#preview').isVisible()).toBe(true);
    const exp = await asJson(context, '/v1/export');
    expect(exp.status).toBe(200);
    expect(exp.body.posts.map((p: any) => [p.platform, p.channel])).toEqual([['teams', CHANNEL]]);
  }, 120_000);
});
