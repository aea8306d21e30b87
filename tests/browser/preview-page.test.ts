/** The page's Preview section: organizers read a message as its channel will get it, in its language. */
import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../../src/app';
import { closeAll, describeInChromium, openPage, startWolbotIn } from '../helpers/browser';
import { FakeClock } from '../helpers/fake-clock';
import { tempWorkspace } from '../helpers/workspace';

describeInChromium('the Preview section', () => {
  const ws = tempWorkspace(`admins: [sandbox-user]
programmes:
  - program: wol-week
    start: 2026-12-07
    time: "09:00"
    timezone: Europe/London
    channels: [local:general]
  - program: wol-woche
    start: 2026-12-07
    time: "08:30"
    timezone: Europe/Berlin
    channels: [local:de]
`);
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  beforeAll(async () => {
    app = await startWolbotIn(ws, new FakeClock('2026-12-01T09:00:00Z'));
    ({ browser, page } = await openPage(app.url, errors, ['pageerror']));
  }, 60_000);
  afterAll(() => closeAll({ browser, app, ws }));

  test('day 2 in the German channel reads in German, at its zone; nothing is posted', async () => {
    await page.locator('#preview-channel option[value="local:de"]').waitFor({ state: 'attached' });
    const form = page.getByRole('form', { name: 'Preview a message' });
    await form.getByLabel('Message').selectOption('day');
    await form.getByLabel('Day or week').fill('2');
    await form.getByLabel('Channel').selectOption('local:de');
    await form.getByRole('button', { name: 'Show' }).click();
    await page.locator('#preview-out', { hasText: 'Tag 2 · ' }).waitFor();
    await expect(page.locator('#preview-head').textContent()).resolves.toContain('wol-woche (de) in local:de — Europe/Berlin, 08:30');
    // The page speaks its own (the first programme's) language around the German message.
    await expect(page.locator('#preview-head').textContent()).resolves.toMatch(/Goes out: \d{4}-\d\d-\d\d 08:30 Europe\/Berlin\.$/);
    await form.getByLabel('Message').selectOption('digest');
    await form.getByRole('button', { name: 'Show' }).click();
    await page.locator('#preview-head', { hasText: /Goes out: (in the day's thread at|only when an admin says)/ }).waitFor();
    expect(await app.store.listDeliveries({})).toEqual([]);
    expect(errors).toEqual([]);
  });
});
