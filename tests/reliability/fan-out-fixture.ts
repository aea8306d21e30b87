import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeSlack } from '../fakes/slack-api';
import { dueNowConfig } from './due-config';
import { killQuietly, startServer, waitFor, type ServerProc } from './server';
import { postsPerChannel } from './slack-posts';
import { ledger } from './sqlite-rows';

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

/**
 * Starts the server again on the same SQLite file, waits until all of `channels` are sent, stops it
 * with SIGTERM (exit 0 expected) and checks every channel got exactly one post. Returns the process.
 */
export async function restartUntilAllSent(fx: { dir: string; fake: FakeSlack; procs: ServerProc[] }, env: NodeJS.ProcessEnv, file: string, channels: string[]): Promise<ServerProc> {
  const server = await startServer(fx.dir, env);
  fx.procs.push(server);
  await waitFor(() => ledger(file).filter((r) => r.state === 'sent').length === channels.length, `all ${channels.length} sent after restart`, 60_000);
  server.child.kill('SIGTERM');
  expect((await server.exited).code).toBe(0);
  const counts = postsPerChannel(fx.fake, 1);
  expect(channels.filter((c) => counts.get(c.slice('slack:'.length)) !== 1)).toEqual([]);
  return server;
}
