import type { Browser, Page } from 'playwright-core';
import { startWolbot, type RunningApp } from '../../src/app';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import { FakeClock } from '../helpers/fake-clock';
import { tempWorkspace } from '../helpers/workspace';

const run = chromiumAvailable() ? describe : describe.skip;

run('the page in headless Chromium (sandbox)', () => {
  const ws = tempWorkspace(`program: wol-week
start: 2026-11-16
time: "09:00"
timezone: Europe/London
admins: [sandbox-user]
channels: [local:general]
`);
  const clock = new FakeClock('2026-11-16T09:00:00Z');
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    app = await startWolbot({ env: { DATABASE_URL: ws.dbUrl, WOLBOT_CONFIG: ws.config, LOG_LEVEL: 'silent' }, cwd: ws.dir, clock, cron: false, port: 0 });
    await app.tick(); // day 1 posted
    const [post] = (await app.core.exportPosts()).posts;
    // Someone tries to inject markup: it must show as text.
    await fetch(`${app.url}/v1/replies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'general', thread: post!.thread, text: '<img src=x onerror="document.title=\'pwned\'"> hello' }) });
    browser = await launchChromium();
    page = await browser.newPage();
    // Any console error (a CSP violation, a missing favicon, a script error) fails the suite.
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('response', (r) => {
      if (r.status() >= 400) consoleErrors.push(`${r.status()} ${r.url()}`);
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    ws.cleanup();
  });

  test('shows day 1 with its text, challenge and replies; user text stays text', async () => {
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'Day 1 · Connection' }).waitFor();
    expect(await page.title()).toBe('wolbot');
    await expect(page.locator('header h1').textContent()).resolves.toBe('International Working Out Loud Week');
    await expect(page.locator('.challenge').first().textContent()).resolves.toMatch(/^Today's challenge: /);
    const reply = page.locator('.reply-text').first();
    await expect(reply.textContent()).resolves.toBe('<img src=x onerror="document.title=\'pwned\'"> hello');
    expect(await page.locator('.replies img').count()).toBe(0);
    expect(await page.title()).toBe('wolbot');
    expect(consoleErrors).toEqual([]);
  });

  test('a reply and a reaction made on the page reach the store', async () => {
    await page.getByRole('textbox', { name: 'reply text' }).fill('My first draft, comments welcome');
    await page.getByRole('button', { name: 'Reply' }).click();
    await page.locator('.reply-text', { hasText: 'My first draft, comments welcome' }).waitFor();
    await page.getByRole('button', { name: '❤ prompt' }).click();
    await page.locator('.meta', { hasText: '1 reaction ·' }).waitFor();
    const { posts } = await app.core.exportPosts({ day: 1 });
    expect(posts[0]!.reactions).toBe(1);
    expect(posts[0]!.replies.map((r) => [r.user, r.text])).toContainEqual(['sandbox-user', 'My first draft, comments welcome']);
  });

  test('a command typed on the page runs as the sandbox admin and the new post appears', async () => {
    await page.getByRole('textbox', { name: 'command text' }).fill('post 2');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.locator('#answer', { hasText: 'Day 2 posted in 1 channel' }).waitFor();
    await page.getByRole('heading', { name: 'Day 2 · Sharing' }).waitFor();
    await page.screenshot({ path: `${ws.dir}/page.png`, fullPage: true });
    if (process.env.WOLBOT_SCREENSHOT) require('node:fs').copyFileSync(`${ws.dir}/page.png`, process.env.WOLBOT_SCREENSHOT);
  });

  test('the browser logged no errors over the whole visit (CSP, favicon, scripts)', () => {
    expect(consoleErrors).toEqual([]);
  });
});
