import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeSlack } from '../fakes/slack-api';
import { dueNowConfig } from './due-config';
import { killQuietly, type ServerProc } from './server';

/** A temp folder whose wolbot.yaml has `channels` all due now, a fake Slack, and the server processes to clean up. */
export function fanOutFixture(prefix: string, channels: string[]): { dir: string; fake: FakeSlack; procs: ServerProc[] } {
  const fx = { dir: '', fake: undefined as unknown as FakeSlack, procs: [] as ServerProc[] };
  beforeAll(async () => {
    fx.dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    fs.writeFileSync(path.join(fx.dir, 'wolbot.yaml'), dueNowConfig(channels));
    fx.fake = await new FakeSlack().start();
  });
  afterAll(async () => {
    await Promise.all(fx.procs.map(killQuietly));
    await fx.fake.stop();
    fs.rmSync(fx.dir, { recursive: true, force: true });
  });
  return fx;
}
