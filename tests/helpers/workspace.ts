import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { RunningApp } from '../../src/app';

export interface Workspace {
  dir: string;
  config: string;
  dbUrl: string;
  cleanup(): void;
}

/** A temp folder with a wolbot.yaml and a SQLite path, removed by cleanup(). */
export function tempWorkspace(configYaml?: string): Workspace {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wolbot-test-'));
  const config = path.join(dir, 'wolbot.yaml');
  if (configYaml !== undefined) fs.writeFileSync(config, configYaml);
  return { dir, config, dbUrl: `sqlite:${path.join(dir, 'wolbot.db')}`, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The app a describe block's tests share (see appForTests): whichever one was started last. */
export interface AppForTests extends RunningApp {
  /** Its folder: wolbot.yaml and the SQLite file. */
  readonly ws: Workspace;
  /** Stops it and starts another on the same folder and store, as a restarted process would. */
  restart(): Promise<void>;
}

/**
 * An app for the tests of one describe block, on a temp folder holding `configYaml`: `start` runs
 * before all of them (before each, on a new folder, with `each`); after them the app stops and
 * the folder is removed. The handle reads the running app, so use it in a hook or a test.
 */
export function appForTests(configYaml: string, start: (ws: Workspace) => Promise<RunningApp>, opts: { each?: boolean } = {}): AppForTests {
  let ws = opts.each ? undefined : tempWorkspace(configYaml);
  let app: RunningApp | undefined;
  const folder = (): Workspace => {
    if (!ws) throw new Error('the folder is made before each test: use it in a hook or a test');
    return ws;
  };
  const running = (): RunningApp => {
    if (!app) throw new Error(`the app starts before ${opts.each ? 'each test' : 'the tests'}: use it in a hook or a test`);
    return app;
  };
  (opts.each ? beforeEach : beforeAll)(async () => {
    if (opts.each) ws = tempWorkspace(configYaml);
    app = await start(folder());
  });
  (opts.each ? afterEach : afterAll)(async () => {
    await app?.stop();
    app = undefined;
    ws?.cleanup();
    if (opts.each) ws = undefined;
  });
  return {
    get ws() { return folder(); },
    get url() { return running().url; },
    get port() { return running().port; },
    get core() { return running().core; },
    get store() { return running().store; },
    get logger() { return running().logger; },
    get env() { return running().env; },
    get loaded() { return running().loaded; },
    get platforms() { return running().platforms; },
    get config() { return running().config; },
    tick: () => running().tick(),
    stop: () => running().stop(),
    async restart() {
      await running().stop();
      app = await start(folder());
    },
  };
}

/** A writable stream that keeps every log line (to search logs for secrets or messages). */
export function logSink(): { stream: NodeJS.WritableStream; text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}
