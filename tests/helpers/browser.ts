/**
 * What the browser tests share: Debian's Chromium (or a skipped suite where it is missing), the
 * whole wolbot on a temp workspace, a 1280×900 tab on its page with what goes wrong there
 * recorded, a sign-in through the page's own link, the JSON API, and the screenshots' folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startWolbot, type RunningApp } from '../../src/app';
import type { Clock } from '../../src/core/ports/clock';
import { signInThroughProvider } from './oidc-provider';
import type { tempWorkspace } from './workspace';

export const CHROMIUM = '/usr/bin/chromium';

/** Browser tests need Debian's chromium: CI installs it; elsewhere they skip, saying why. */
export function chromiumAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run must install Debian's chromium for the browser tests`);
  console.warn(`Browser tests skipped: ${CHROMIUM} is not installed (apt-get install chromium to run them).`);
  return false;
}

/** `describe` for a browser suite: skipped (saying why) where Chromium is missing, outside CI. */
export const describeInChromium: jest.Describe = chromiumAvailable() ? describe : describe.skip;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}

/** Screenshots go here (WOLBOT_TEST_OUTPUT overrides): people look at them, tests don't. */
export const SCREENSHOTS = process.env.WOLBOT_TEST_OUTPUT ?? path.resolve(__dirname, '..', '..', 'test-output', 'browser');

type Workspace = ReturnType<typeof tempWorkspace>;

/**
 * The whole wolbot on a temp workspace, as `npm start` runs it there: its wolbot.yaml, or the
 * built-in demo when it has none. Any free port, silent, no cron (the test ticks).
 */
export function startWolbotIn(ws: Workspace, clock: Clock): Promise<RunningApp> {
  const config = fs.existsSync(ws.config) ? { WOLBOT_CONFIG: ws.config } : {};
  return startWolbot({ env: { DATABASE_URL: ws.dbUrl, ...config, LOG_LEVEL: 'silent' }, cwd: ws.dir, clock, cron: false, port: 0 });
}

/** What a visitor's console would show: script errors, console.error lines, answers of 400 and up. */
export type Trouble = 'console' | 'pageerror' | 'response';
const ALL_TROUBLE: readonly Trouble[] = ['console', 'pageerror', 'response'];

/** Adds each of these kinds of trouble on `page` to `into`, as a line of text. */
export function recordTrouble(page: Page, into: string[], kinds: readonly Trouble[] = ALL_TROUBLE): void {
  if (kinds.includes('console')) {
    page.on('console', (m) => {
      if (m.type() === 'error') into.push(m.text());
    });
  }
  if (kinds.includes('pageerror')) page.on('pageerror', (e) => into.push(e.message));
  // A missing favicon or asset is an error a visitor's console shows too.
  if (kinds.includes('response')) {
    page.on('response', (r) => {
      if (r.status() >= 400) into.push(`${r.status()} ${r.url()}`);
    });
  }
}

/** Chromium, and a 1280×900 tab on `url` whose trouble (these kinds) goes to `errors` from the first request on. */
export async function openPage(url: string, errors: string[], kinds: readonly Trouble[] = ALL_TROUBLE): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    recordTrouble(page, errors, kinds);
    await page.goto(url);
    return { browser, context, page };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

/** For afterAll: closes the browser, stops the app, removes the workspace; whatever a failed beforeAll never made is passed over. */
export async function closeAll(o: { browser?: Browser; app?: RunningApp; ws?: Workspace }): Promise<void> {
  await o.browser?.close();
  await o.app?.stop();
  o.ws?.cleanup();
}

/** The page's JSON API at `url()` as the operator (open in the demo): GET, or POST with a body; anything but 2xx throws. */
export function jsonApi(url: () => string): (p: string, body?: object) => Promise<any> {
  return async (p, body) => {
    const res = await fetch(`${url()}${p}`, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : undefined);
    if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
    return res.json();
  };
}

/**
 * A new browser context that signs in as `login` the way a person does: the sign-in page's `link`
 * ("Sign in with Slack", in a German programme "Mit Microsoft anmelden"), the provider's own
 * pages, back on the page. `before` may prepare the
 * context first (e.g. plant a cookie). The caller closes the context.
 */
export async function signInWith(browser: Browser, appUrl: string, link: string, login: string, before?: (c: BrowserContext) => Promise<void>): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  await before?.(context);
  const page = await context.newPage();
  await page.goto(appUrl);
  await page.getByRole('link', { name: link }).click();
  await signInThroughProvider(page, login);
  await page.waitForURL(`${appUrl}/`);
  return { context, page };
}
