import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../../src/app';
import { closeAll, describeInChromium, openPage, SCREENSHOTS as OUT, startWolbotIn } from '../helpers/browser';
import { FakeClock } from '../helpers/fake-clock';
import { localPeople } from '../helpers/local-people';
import { tempWorkspace } from '../helpers/workspace';
import { twoProgrammesYaml } from '../helpers/two-programmes';

describeInChromium('the page with two programmes in one config', () => {
  const ws = tempWorkspace(twoProgrammesYaml());
  const clock = new FakeClock('2026-11-16T09:00:30Z');
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const programme = (p: Page, title: string) => p.locator('#programmes .prog', { has: p.getByRole('heading', { name: title, level: 3 }) });

  beforeAll(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    app = await startWolbotIn(ws, clock);
    await app.tick(); // 09:00 London: wol-a's day 1
    clock.set('2026-11-16T12:30:30Z'); // 13:30 Berlin: the circle's day 1
    await app.tick();
    const people = localPeople(app, () => clock.now());
    const threadOf = async (channel: string) => (await app.store.listLocalMessages(channel)).find((m) => m.kind === 'prompt')!.id;
    await people.reply('ana', 'wol-a', await threadOf('wol-a'), 'Week share: met the platform team');
    await people.reply('ben', 'circle', await threadOf('circle'), 'Habit share: ten minutes of notes');
    ({ browser, page } = await openPage(app.url, errors, ['pageerror', 'console']));
  }, 60_000);
  afterAll(() => closeAll({ browser, app, ws }));

  test('each programme has its own heading, days and channels; the chooser switches the gallery between them', async () => {
    const week = programme(page, 'International Working Out Loud Week');
    await week.waitFor();
    const titles = await page.locator('#programmes .prog-title').allTextContents();
    expect(titles).toHaveLength(2);
    const habits = programme(page, titles[1]);
    expect(titles[1]).not.toBe(titles[0]);
    // WOL Week's day 1 in its two channels, each in its own zone; the circle only under its programme.
    const weekDay1 = week.locator('.day-card').first();
    await expect(weekDay1.locator('.day-theme').textContent()).resolves.toBe('Connection');
    await expect(weekDay1.locator('.chan').allTextContents()).resolves.toEqual(['local:wol-a', 'local:wol-b']);
    await expect(weekDay1.locator('.zone').allTextContents()).resolves.toEqual([' Europe/London', ' America/New_York']);
    await expect(week.getByText('local:circle').count()).resolves.toBe(0);
    const habitsDay1 = habits.locator('.day-card').first();
    await expect(habitsDay1.locator('.chan').allTextContents()).resolves.toEqual(['local:circle']);
    await expect(habitsDay1.locator('.badge').textContent()).resolves.toBe('Posted');
    await expect(habits.locator('.prog-sub').textContent()).resolves.toContain('13:30 Europe/Berlin');
    // The weekly series counts weeks where WOL Week counts days.
    await expect(habits.locator('.day-no').allTextContents()).resolves.toEqual(['Week 1', 'Week 2', 'Week 3', 'Week 4']);
    await expect(habits.locator('.prog-sub').textContent()).resolves.toContain('4 weeks in 1 channel');
    await expect(week.locator('.day-no').first().textContent()).resolves.toBe('Day 1');

    // The chooser offers both programmes' runs; the first programme's is shown unasked.
    const chooser = page.getByRole('combobox', { name: 'Run' });
    await expect(chooser.locator('option').allTextContents()).resolves.toEqual(expect.arrayContaining(titles.map((t) => `${t} · Starting Mon, 16 Nov 2026 (current)`)));
    await expect(chooser.locator('option').count()).resolves.toBe(2);
    await expect(chooser.inputValue()).resolves.toBe('wol-week@2026-11-16');
    const gallery = page.locator('#gallery-days');
    await gallery.getByText('Week share: met the platform team').waitFor();
    await expect(gallery.getByText('Habit share').count()).resolves.toBe(0);
    await chooser.selectOption('weekly-habits@2026-11-16');
    await gallery.getByText('Habit share: ten minutes of notes').waitFor();
    await expect(gallery.getByText('Week share').count()).resolves.toBe(0);
    await page.waitForFunction(() => document.getElementById('fig-shares')!.textContent === '1');
    // Its gallery, filters and figures name weeks too.
    await expect(gallery.locator('.day-no').first().textContent()).resolves.toBe('Week 1');
    await expect(page.locator('#f-day option').first().textContent()).resolves.toBe('All weeks');
    await expect(page.locator('#day-figures caption').textContent()).resolves.toBe('Per week');
    await expect(page.locator('#day-figures tbody th').first().textContent()).resolves.toMatch(/^Week 1 · /);
    await expect(page.locator('h1').textContent()).resolves.toBe(titles[1]);
    // Both schedules stay on the page whatever run is chosen.
    await expect(page.locator('#programmes .prog-title').allTextContents()).resolves.toEqual(titles);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(OUT, 'programmes-1280.png'), fullPage: true });
  });

  test('390 px: no horizontal scrolling with both programmes', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => document.documentElement.clientWidth === 390);
    const wide = await page.evaluate(() => Array.from(document.querySelectorAll('body *')).filter((e) => e.getBoundingClientRect().right > 390.5 && (e as HTMLElement).offsetParent !== null).map((e) => e.tagName + '.' + e.className));
    expect(wide).toEqual([]);
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth }));
    expect(widths).toEqual({ doc: 390, body: 390 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(OUT, 'programmes-390.png'), fullPage: true });
    await page.locator('#programme').screenshot({ path: path.join(OUT, 'programmes-390-schedule.png') });
    expect(errors).toEqual([]);
  });
  test('the weekly series in the sandbox: its week 2 post is named by its week', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const circle = (await app.store.listChannels()).find((c) => c.platform === 'local' && c.channelId === 'circle')!;
    const habits = app.core.settings.programmes.find((p) => p.programme.id === 'weekly-habits')!;
    await app.core.postDay(8, { channel: circle, programme: habits }); // week 2
    // The figures show the daily WOL Week: the sandbox still speaks of the circle's weeks.
    await page.getByRole('combobox', { name: 'Run' }).selectOption('wol-week@2026-11-16');
    await page.locator('#sandbox-channel').selectOption({ label: 'local:circle' });
    await page.locator('#chat .msg-title', { hasText: /^Week 2 · / }).waitFor();
    await expect(page.getByRole('button', { name: /the post of week 2; reactions so far/ }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: /week 8/ }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });
});
