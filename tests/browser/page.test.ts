import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { RunningApp } from '../../src/app';
import { closeAll, describeInChromium, jsonApi, openPage, recordTrouble, SCREENSHOTS as OUT, startWolbotIn } from '../helpers/browser';
import { FakeClock } from '../helpers/fake-clock';
import { localPeople } from '../helpers/local-people';
import { tempWorkspace } from '../helpers/workspace';

interface ExportReply {
  id: string;
  user: string;
  name?: string;
  text: string;
}
interface ExportPost {
  channel: string;
  day: number;
  thread: string;
  replies: ExportReply[];
}

describeInChromium('the page in headless Chromium (the demo, sandbox only)', () => {
  // No config file: the built-in demo, as `npm start` in a fresh clone runs it.
  const ws = tempWorkspace();
  const clock = new FakeClock('2026-11-16T09:00:00Z');
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  const api = jsonApi(() => app.url);
  const posts = async (): Promise<ExportPost[]> => (await api('/v1/export')).posts;
  const thread = async (channel: string, day: number): Promise<string> => (await posts()).find((p) => p.channel === channel && p.day === day)!.thread;
  // The sandbox API speaks only as sandbox-user (#8): other people speak through the core.
  const share = (channel: string, t: string, user: string, text: string) =>
    user === 'sandbox-user' ? api('/v1/replies', { channel, thread: t, text }) : localPeople(app, () => clock.now()).reply(user, channel, t, text);
  const gallery = (p: Page): Locator => p.locator('#gallery-days');
  const visibleShares = (p: Page): Locator => gallery(p).locator('.share:visible');
  const figure = async (p: Page, rowName: RegExp, col: number): Promise<number> => Number(await p.locator('#day-figures tbody tr', { has: p.getByRole('rowheader', { name: rowName }) }).locator('td').nth(col).textContent());

  beforeAll(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    app = await startWolbotIn(ws, clock);
    expect(app.loaded.demo).toBe(true);
    // A kick-off as the sandbox keeps one (structured parts): it shows without a reply box.
    // (Cast: the sandbox's message kinds gain `kickoff` with the kick-off work.)
    const kickoff = { id: 'Ltest-kickoff', channelId: 'general', threadId: null, user: 'wolbot', kind: 'kickoff', body: { kind: 'kickoff', title: 'The week starts today', intro: ['A short post each morning.'], sections: [{ heading: 'Your words', lines: [{ text: 'Say forget me to remove yours.' }] }], links: [{ label: 'workingoutloud.com', url: 'https://workingoutloud.com/' }] }, at: new Date(clock.t - 3600_000) };
    await app.store.addLocalMessage(kickoff as unknown as Parameters<RunningApp['store']['addLocalMessage']>[0]);
    // An earlier run of the same programme, in spring: the header offers a run chooser.
    const spring = new Date('2026-03-02T09:00:00Z');
    const old = await app.store.claimDelivery({ id: 'spring-day-1', run: 'wol-week@2026-03-02', kind: 'prompt', programme: 'wol-week', day: 1, platform: 'local', channelId: 'general', round: 0, state: 'claimed', trigger: 'manual', scheduledAt: spring, owner: 'test', leaseUntil: new Date(spring.getTime() + 60_000), now: spring });
    await app.store.markSending(old!.id, 'test', spring);
    await app.store.markSent(old!.id, 'test', 'Lspring-thread', spring, spring);
    await app.store.addReply('local:spring-share', { platform: 'local', channelId: 'general', messageId: 'Lspring-share', threadId: 'Lspring-thread', deliveryId: old!.id, user: 'ana', text: 'Spring notes on my mentoring circle', at: spring, files: [], links: [], external: false }, spring);
    await app.tick(); // the demo's day 1, due now
    // A second sandbox channel, subscribed and posted to the way an admin would.
    await api('/v1/commands', { channel: 'design', text: 'subscribe' });
    await api('/v1/commands', { channel: 'design', text: 'post 1 here' });
    await share('general', await thread('general', 1), 'ana', 'Alpha: met two people from the platform team, notes at https://example.com/notes.');
    await share('design', await thread('design', 1), 'ben', 'Beta sketch of the onboarding flow');
    // Slack's markup for a mention and a labelled link reads as words and a link.
    await share('general', await thread('general', 1), 'cara', 'Thanks <@U0ANA|ana>, see <https://example.com/doc|the doc>');
    // Someone tries to inject markup: it must show as text.
    await share('general', await thread('general', 1), 'mallory', '<img src=x onerror="document.title=\'pwned\'"> hello');
    ({ browser, page } = await openPage(app.url, consoleErrors));
  }, 60_000);
  afterAll(() => closeAll({ browser, app, ws }));

  test("the demo's day 1 is on the page: programme, gallery and sandbox", async () => {
    const sandbox = page.getByRole('region', { name: /Sandbox/ });
    await sandbox.getByRole('heading', { name: 'Day 1 · Connection' }).first().waitFor();
    await expect(page.locator('h1').textContent()).resolves.toBe('International Working Out Loud Week');
    const day1 = page.locator('#programmes .days > li').first();
    await expect(day1.locator('.day-theme').textContent()).resolves.toBe('Connection');
    await expect(day1.locator('.chan-state', { hasText: 'local:general' }).locator('.badge').textContent()).resolves.toBe('Posted');
    // Times are the channel's local time, labelled with its zone.
    const zone = (await api('/v1/status')).channels[0].timezone as string;
    await expect(day1.locator('.chan-state').first().locator('.zone').textContent()).resolves.toBe(` ${zone}`);
    await gallery(page).getByText('Alpha: met two people').waitFor();
    // Links in people's text are clickable, and only http(s) ones.
    const a = gallery(page).getByRole('link', { name: 'https://example.com/notes' });
    await expect(a.getAttribute('rel')).resolves.toBe('noopener noreferrer nofollow ugc');
    await expect(gallery(page).locator('.share-text', { hasText: 'Thanks' }).textContent()).resolves.toBe('Thanks @ana, see the doc');
    await expect(gallery(page).getByRole('link', { name: 'the doc' }).getAttribute('href')).resolves.toBe('https://example.com/doc');
    const evil = gallery(page).locator('.share-text', { hasText: 'hello' });
    await expect(evil.textContent()).resolves.toBe('<img src=x onerror="document.title=\'pwned\'"> hello');
    expect(await page.locator('#gallery-days img, #chat img').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    // The challenge is there; the kick-off (if any) has no reply box: one box per prompt.
    await expect(sandbox.locator('.challenge').first().textContent()).resolves.toMatch(/\S/);
    const prompts = await sandbox.locator('.msg.prompt').count();
    expect(await sandbox.getByRole('textbox', { name: 'Reply…', exact: true }).count()).toBe(prompts);
    const kickoff = sandbox.locator('.kind-kickoff', { hasText: 'The week starts today' });
    await expect(kickoff.locator('.sum-heading').textContent()).resolves.toBe('Your words');
    await expect(kickoff.getByRole('link', { name: 'workingoutloud.com' }).getAttribute('href')).resolves.toBe('https://workingoutloud.com/');
    expect(await kickoff.locator('textarea').count()).toBe(0);
    expect(await sandbox.locator('.msg:not(.prompt) textarea').count()).toBe(0);
  });

  test('only the reply boxes say "reply"; the search box is labelled Search', async () => {
    await page.getByRole('searchbox', { name: 'Search', exact: true }).waitFor();
    const labels = await page.evaluate(() =>
      Array.from(document.querySelectorAll('input, textarea, select, button')).map((e) => `${e.getAttribute('aria-label') ?? ''} ${(e as HTMLInputElement).labels?.[0]?.textContent ?? ''} ${e.getAttribute('placeholder') ?? ''} ${e.tagName === 'BUTTON' ? e.textContent : ''}`),
    );
    const withReply = labels.filter((l) => /reply/i.test(l));
    expect(withReply.length).toBeGreaterThan(0);
    for (const l of withReply) expect(l.replace(/\s+/g, ' ').trim()).toBe('Reply… Reply…');
  });

  test('a reply typed into the page appears in the gallery and in the chart’s counts', async () => {
    const sharesBefore = Number(await page.locator('#fig-shares').textContent());
    const day1Before = await figure(page, /^Day 1 /, 0);
    const box = page.locator('.msg.prompt').first().getByRole('textbox', { name: 'Reply…' });
    await box.fill('My first draft, comments welcome');
    await box.press('Enter');
    await gallery(page).locator('.share-text', { hasText: 'My first draft, comments welcome' }).waitFor();
    await expect(box.inputValue()).resolves.toBe('');
    const mine = (await posts()).flatMap((p) => p.replies).find((r) => r.text === 'My first draft, comments welcome')!;
    expect(mine.user).toBe('sandbox-user');
    const card = gallery(page).locator('.share', { hasText: 'My first draft, comments welcome' });
    await expect(card.locator('.author').textContent()).resolves.toBe(mine.name ?? mine.user);
    await page.waitForFunction((n) => Number(document.getElementById('fig-shares')!.textContent) === n, sharesBefore + 1);
    expect(await figure(page, /^Day 1 /, 0)).toBe(day1Before + 1);
    // The chart itself holds the same figure.
    const chartDay1 = await page.evaluate(() => (window as any).Chart.getChart('chart').data.datasets[0].data[0]);
    expect(chartDay1).toBe(day1Before + 1);
  });

  test('text typed into a reply box survives 10 s of live updates, with focus kept', async () => {
    const box = page.locator('.msg.prompt').first().getByRole('textbox', { name: 'Reply…' });
    await box.click();
    await box.pressSequentially('half-written thought');
    const t = await thread('general', 1);
    const until = Date.now() + 10_000;
    let n = 0;
    while (Date.now() < until) {
      n++;
      await share('general', t, `visitor${n}`, `live update ${n}`);
      // Wait for the page to show it: proof that an update really arrived meanwhile.
      await gallery(page).locator('.share-text', { hasText: `live update ${n}` }).waitFor();
      await page.locator('#chat .msg-text', { hasText: `live update ${n}` }).waitFor();
      await expect(box.inputValue()).resolves.toBe('half-written thought');
      expect(await box.evaluate((e) => document.activeElement === e)).toBe(true);
    }
    expect(n).toBeGreaterThanOrEqual(2);
    await box.pressSequentially(', finished');
    await expect(box.inputValue()).resolves.toBe('half-written thought, finished');
    await box.fill('');
  }, 30_000);

  test('filters narrow the gallery', async () => {
    const all = await visibleShares(page).count();
    const inDesign = (await posts()).filter((p) => p.channel === 'design').flatMap((p) => p.replies).length;
    expect(all).toBeGreaterThan(inDesign);
    await page.getByLabel('Channel').first().selectOption({ label: 'local:design' });
    await expect(visibleShares(page).count()).resolves.toBe(inDesign);
    await expect(visibleShares(page).first().textContent()).resolves.toMatch(/Beta sketch/);
    await page.getByLabel('Channel').first().selectOption('');
    await page.getByRole('searchbox', { name: 'Search' }).fill('alpha');
    await expect(visibleShares(page).count()).resolves.toBe(1);
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.getByLabel('Platform').selectOption({ label: 'Sandbox' });
    await expect(visibleShares(page).count()).resolves.toBe(all);
    await page.getByLabel('Platform').selectOption('');
    await page.locator('#f-day').selectOption({ label: 'Day 1 · Connection' });
    await expect(visibleShares(page).count()).resolves.toBe(all);
    await page.locator('#f-day').selectOption('');
    await expect(page.locator('#gallery-count').textContent()).resolves.toBe(`${all} shares so far.`);
  });

  test('a command runs as sandbox-user; the new day shows in programme, gallery and filters', async () => {
    await page.getByRole('textbox', { name: 'Command as sandbox-user' }).fill('post 2');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.locator('#answer', { hasText: /Day 2 posted/ }).waitFor();
    await page.getByRole('region', { name: /Sandbox/ }).getByRole('heading', { name: 'Day 2 · Sharing' }).first().waitFor();
    await page.locator('#f-day option', { hasText: 'Day 2 · Sharing' }).waitFor({ state: 'attached' });
    // Newest prompt first.
    await expect(gallery(page).locator('.g-day').first().getAttribute('data-key')).resolves.toBe('2');
    // A heart on the prompt counts.
    const heart = page.locator('.msg.prompt').last().locator('.msg-actions .heart');
    await heart.click();
    await heart.filter({ hasText: '❤ 1' }).waitFor();
    // From the top: sticky bars would otherwise show mid-page in a full-page picture.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(OUT, 'page-1280.png'), fullPage: true });
  });

  test('390 px: no horizontal scrolling, and a phone screenshot', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    // The chart redraws for the new width on the next frame.
    await page.waitForFunction(() => document.documentElement.clientWidth === 390 && (window as any).Chart.getChart('chart').width <= 390);
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth }));
    expect(widths).toEqual({ doc: 390, body: 390 });
    const wide = await page.evaluate(() => Array.from(document.querySelectorAll('body *')).filter((e) => e.getBoundingClientRect().right > 390.5 && (e as HTMLElement).offsetParent !== null).map((e) => e.tagName + '.' + e.className));
    expect(wide).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(OUT, 'page-390.png'), fullPage: true });
    expect(fs.statSync(path.join(OUT, 'page-390.png')).size).toBeGreaterThan(10_000);
    expect(fs.statSync(path.join(OUT, 'page-1280.png')).size).toBeGreaterThan(10_000);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('axe-core finds no serious or critical violation', async () => {
    // axe is injected as a script tag: that needs a context that lets the test bypass the CSP.
    const ctx = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    try {
      const p = await ctx.newPage();
      recordTrouble(p, consoleErrors);
      await p.goto(app.url);
      await p.locator('.msg.prompt').first().waitFor();
      await gallery(p).locator('.share').first().waitFor();
      await p.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      const result = await p.evaluate(() => (window as any).axe.run(document, { resultTypes: ['violations'] }));
      const bad = (result.violations as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[])
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
      expect(bad).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  test('the run chooser switches figures and gallery to an earlier run, and back', async () => {
    const run = page.getByRole('combobox', { name: 'Run' });
    await run.waitFor();
    const now = await page.locator('#fig-shares').textContent();
    await run.selectOption({ label: 'Starting Mon, 2 Mar 2026' });
    await gallery(page).locator('.share-text', { hasText: 'Spring notes on my mentoring circle' }).waitFor();
    await page.waitForFunction(() => document.getElementById('fig-shares')!.textContent === '1');
    await expect(visibleShares(page).count()).resolves.toBe(1);
    await expect(gallery(page).locator('.g-day-date').first().textContent()).resolves.toBe('Mon, 2 Mar 2026');
    // Day 2 went out in the current run, not in spring: no figure there, not a zero.
    const day2 = page.locator('#day-figures tbody tr', { has: page.getByRole('rowheader', { name: /^Day 2 / }) });
    await expect(day2.locator('td').allTextContents()).resolves.toEqual(['–', '–']);
    // The sandbox stays the live channel: its day 2 prompt keeps its heart count.
    await expect(page.locator('.msg.prompt').last().locator('.msg-actions .heart').textContent()).resolves.toMatch(/❤ 1$/);
    await run.selectOption({ index: 0 });
    await page.waitForFunction((n) => document.getElementById('fig-shares')!.textContent === n, now);
    await expect(gallery(page).getByText('Spring notes on my mentoring circle').count()).resolves.toBe(0);
  });

  test('the page is served under the strict CSP, with its own chart script; no console errors', async () => {
    const res = await fetch(app.url);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).not.toMatch(/https?:\/\//);
    const chart = await fetch(`${app.url}/assets/chart.umd.min.js`);
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${app.url}/assets/..%2Fpage.ts`)).status).toBe(404);
    expect(consoleErrors).toEqual([]);
  });
});
