import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWolbot, type RunningApp } from '../../src/app';
import type { Clock } from '../../src/core/ports/clock';
import { logSink } from '../helpers/workspace';
import { dueNowConfig } from './due-config';

export interface Harness {
  app: RunningApp;
  dir: string;
  log(): string;
  /** The thread id of day 1's prompt in `platform:channel` (posted by the first tick). */
  thread(label: string): Promise<string>;
  close(): Promise<void>;
}

/** An in-process server with day 1 due now in `channels`, ticked once so the prompts exist. */
export async function startHarness(channels: string[], env: Record<string, string> = {}, extraYaml = '', clock?: Clock): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-rel-app-'));
  fs.writeFileSync(path.join(dir, 'wolbot.yaml'), dueNowConfig(channels, extraYaml));
  const sink = logSink();
  const app = await startWolbot({
    env: { DATABASE_URL: `sqlite:${path.join(dir, 'w.db')}`, WOLBOT_CONFIG: 'wolbot.yaml', LOG_LEVEL: 'debug', ...env },
    cwd: dir,
    clock,
    cron: false,
    port: 0,
    logStream: sink.stream,
  });
  await app.tick();
  return {
    app,
    dir,
    log: sink.text,
    async thread(label) {
      const [platform, channelId] = [label.slice(0, label.indexOf(':')), label.slice(label.indexOf(':') + 1)];
      const [d] = await app.store.listDeliveries({ day: 1, platform: platform as 'local', channelId, states: ['sent'] });
      if (!d?.threadId) throw new Error(`no day 1 prompt in ${label}`);
      return d.threadId;
    },
    async close() {
      await app.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** startHarness(channels) for the tests of a describe block: started before them, closed after; use it in a hook or a test. */
export function harnessForTests(channels: string[]): Harness {
  let h: Harness | undefined;
  const started = (): Harness => {
    if (!h) throw new Error('the harness starts before the tests: use it in a hook or a test');
    return h;
  };
  beforeAll(async () => {
    h = await startHarness(channels);
  });
  afterAll(() => h?.close());
  return {
    get app() { return started().app; },
    get dir() { return started().dir; },
    log: () => started().log(),
    thread: (label) => started().thread(label),
    close: () => started().close(),
  };
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}
