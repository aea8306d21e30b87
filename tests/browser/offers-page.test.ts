import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { RunningApp } from '../../src/app';
import { closeAll, describeInChromium, jsonApi, openPage, SCREENSHOTS as OUT, startWolbotIn } from '../helpers/browser';
import { FakeClock } from '../helpers/fake-clock';
import { tempWorkspace } from '../helpers/workspace';

describeInChromium('"Who can help with what" and the connection messages on the page (the demo, sandbox only)', () => {
  const ws = tempWorkspace();
  const clock = new FakeClock('2026-11-16T09:00:00Z');
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  const api = jsonApi(() => app.url);
  const section = (p: Page): Locator => p.locator('#offers');
  const search = (p: Page): Locator => p.getByRole('searchbox', { name: 'Search offers' });

  beforeAll(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    app = await startWolbotIn(ws, clock);
    expect(app.loaded.demo).toBe(true);
    await app.tick(); // the demo's day 1, due now
    ({ browser, page } = await openPage(app.url, consoleErrors));
  }, 60_000);
  afterAll(() => closeAll({ browser, app, ws }));

  test('no offers yet: the section and its nav link stay hidden', async () => {
    await page.locator('.msg.prompt').first().waitFor();
    await expect(api('/v1/offers')).resolves.toMatchObject({ offers: [] });
    expect(await section(page).isHidden()).toBe(true);
    expect(await page.locator('#nav-offers').isHidden()).toBe(true);
  });

  test('sandbox-user says connect on and offers help on day 1: the offer shows, a search for another word hides it', async () => {
    const on = await api('/v1/commands', { channel: 'general', text: 'connect on' });
    expect(on.text).toMatch(/introduc/i);
    const day1 = (await api('/v1/export')).posts.find((p: { channel: string; day: number }) => p.channel === 'general' && p.day === 1);
    await api('/v1/replies', { channel: 'general', thread: day1.thread, text: 'I can help with onboarding new colleagues, notes at https://example.com/onboarding' });
    const card = section(page).locator('.offer', { hasText: 'I can help with onboarding' });
    await card.waitFor();
    expect(await page.locator('#nav-offers').isVisible()).toBe(true);
    const offer = (await api('/v1/offers')).offers[0];
    await expect(card.locator('.author').textContent()).resolves.toBe(offer.name ?? 'A colleague');
    // Text stays text; its link is a link.
    await expect(card.getByRole('link', { name: 'https://example.com/onboarding' }).getAttribute('rel')).resolves.toBe('noopener noreferrer nofollow ugc');
    await expect(page.locator('#offers-count').textContent()).resolves.toBe('1 offer from people who said “connect on”.');
    // A prefix of a word in it finds it.
    await search(page).fill('onboard');
    await page.locator('#offers-count', { hasText: 'matches “onboard”' }).waitFor();
    expect(await card.isVisible()).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(OUT, 'offers-1280.png'), fullPage: true });
    // An unrelated word: the offer goes; the section stays, so the search can be changed.
    await search(page).fill('spreadsheets');
    await page.locator('#offers-count', { hasText: 'No offer matches “spreadsheets”.' }).waitFor();
    await expect(section(page).locator('.offer').count()).resolves.toBe(0);
    expect(await section(page).isVisible()).toBe(true);
    await expect(search(page).evaluate((e) => document.activeElement === e)).resolves.toBe(true);
    await search(page).fill('');
    await card.waitFor();
  });

  test('introductions and circles in the sandbox chat are labelled and laid out like a digest', async () => {
    const add = app.store.addLocalMessage.bind(app.store);
    type Msg = Parameters<typeof add>[0];
    const at = new Date(clock.t + 60_000);
    const body = (title: string, line: string) => ({ title, intro: ['You two share an interest.'], sections: [{ heading: 'What you shared', lines: [{ text: line }] }], links: [{ label: 'workingoutloud.com', url: 'https://workingoutloud.com/' }], to: ['sandbox-user', 'ana'] });
    await add({ id: 'Ltest-intro', channelId: 'general', threadId: null, user: 'wolbot', kind: 'introduction', body: body('Meet Ana', 'Ana: onboarding too'), at } as Msg);
    await add({ id: 'Ltest-circle', channelId: 'general', threadId: null, user: 'wolbot', kind: 'circle', body: body('Your new circle', 'Four of you, one theme'), at: new Date(at.getTime() + 1000) } as Msg);
    const intro = page.locator('#chat .kind-introduction');
    await intro.waitFor();
    await expect(intro.locator('.kind-label').textContent()).resolves.toBe('Introduction');
    await expect(intro.locator('.sum-title').textContent()).resolves.toBe('Meet Ana');
    await expect(intro.locator('.sum-heading').textContent()).resolves.toBe('What you shared');
    await expect(intro.getByRole('link', { name: 'workingoutloud.com' }).getAttribute('href')).resolves.toBe('https://workingoutloud.com/');
    const circle = page.locator('#chat .kind-circle');
    await expect(circle.locator('.kind-label').textContent()).resolves.toBe('Your circle');
    await expect(circle.locator('.sum-lines li').textContent()).resolves.toBe('Four of you, one theme');
    expect(await page.locator('#chat .kind-introduction textarea, #chat .kind-circle textarea').count()).toBe(0);
    await page.locator('#chat .kind-circle').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, 'offers-chat-1280.png') });
  });

  test('390 px: the section fits, and a phone screenshot', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => document.documentElement.clientWidth === 390);
    const wide = await page.evaluate(() => Array.from(document.querySelectorAll('#offers, #offers *')).filter((e) => e.getBoundingClientRect().right > 390.5).map((e) => e.tagName + '.' + e.className));
    expect(wide).toEqual([]);
    await section(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, 'offers-390.png') });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(OUT, 'offers-390-full.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });
});
